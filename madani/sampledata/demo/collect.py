"""Demo ODK Collect: the Raqqa center's field survey of the CSOs it visits (a small bilingual XLSForm),
its survey of the services in the villages around Raqqa, whose villages are choices read from a CSV
uploaded with the form (as ODK Central takes it), the device access the Raqqa team's phone uses and the two visits it sent, through the OpenRosa service
as a phone sends them, and a device access of the trainer's own (Hajin's trainer, Deir ez-Zor: his phone
lists his branch's forms). Run again, it adds nothing."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from madani.accounts.models import Role, User
from madani.assessments import services as assessments
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform
from madani.branches.models import Branch
from madani.collect import services
from madani.collect.models import Credential

AR, EN = "label::Arabic (ar)", "label::English (en)"
TITLE_AR, TITLE_EN = "زيارة ميدانية لمنظمة مجتمع مدني", "Field visit to a civil-society organization"
SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "today", "name": "today"},
    {"type": "text", "name": "organization", AR: "اسم المنظمة", EN: "Organization"},
    {"type": "select_one sector", "name": "sector", AR: "مجال العمل الرئيسي", EN: "Main field of work"},
    {"type": "integer", "name": "volunteers", AR: "عدد المتطوعين", EN: "Volunteers", "constraint": ". >= 0 and . < 1000"},
    {"type": "select_multiple need", "name": "needs", AR: "الاحتياجات التي ذكرتها المنظمة",
     EN: "Needs the organization named"},
    {"type": "text", "name": "notes", AR: "ملاحظات الزيارة", EN: "Notes of the visit", "required": "no"},
]
CHOICES = [
    {"list_name": "sector", "name": "relief", AR: "الإغاثة", EN: "Relief"},
    {"list_name": "sector", "name": "education", AR: "التعليم", EN: "Education"},
    {"list_name": "sector", "name": "women", AR: "تمكين المرأة", EN: "Women's empowerment"},
    {"list_name": "need", "name": "training", AR: "تدريب الفريق", EN: "Staff training"},
    {"list_name": "need", "name": "space", AR: "مكان للاجتماعات", EN: "A meeting place"},
    {"list_name": "need", "name": "funding", AR: "تمويل صغير", EN: "Small funding"},
]
VISITS = [
    ("2026-11-18", "جمعية الفرات للتنمية", "relief", 14, "training funding", "تحتاج إلى تدريب على كتابة المقترحات"),
    ("2026-11-25", "مبادرة نساء الرقة", "women", 9, "space training", "تجتمع العضوات في منزل إحداهن"),
]

VILLAGES_TITLE_AR, VILLAGES_TITLE_EN = "الخدمات في قرى ريف الرقة", "Services in the villages around Raqqa"
VILLAGES_SURVEY = [
    {"type": "select_one_from_file villages.csv", "name": "village", AR: "القرية", EN: "Village"},
    {"type": "select_multiple service", "name": "services", AR: "الخدمات العاملة في القرية",
     EN: "Services working in the village"},
    {"type": "integer", "name": "families", AR: "عدد الأسر التقريبي", EN: "Approximate number of families",
     "constraint": ". >= 0"},
]
VILLAGES_CHOICES = [
    {"list_name": "service", "name": "water", AR: "مياه الشرب", EN: "Drinking water"},
    {"list_name": "service", "name": "school", AR: "مدرسة", EN: "School"},
    {"list_name": "service", "name": "clinic", AR: "مركز صحي", EN: "Health center"},
]
VILLAGES_CSV = ("name,label\nkarama,الكرامة\nhamrat,الحمرات\nmansoura,المنصورة\nsabkha,السبخة\n"
                "jurneyyeh,الجرنية\n").encode()


def _instance(questionnaire, day, organization, sector, volunteers, needs, notes) -> bytes:
    return (f'<?xml version="1.0"?><data id="{services.FORM_ID_PREFIX}{questionnaire.pk}" '
            f'version="{services.served_version(questionnaire)}"><start>{day}T10:00:00+03:00</start>'
            f"<today>{day}</today><organization>{organization}</organization><sector>{sector}</sector>"
            f"<volunteers>{volunteers}</volunteers><needs>{needs}</needs><notes>{notes}</notes>"
            f"<meta><instanceID>uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'madani-demo-{day}')}</instanceID></meta>"
            f"</data>").encode()


def load(rng):
    raqqa = Branch.objects.filter(code="raqqa").first()
    manager = User.objects.filter(role=Role.BRANCH_MANAGER, branches=raqqa).order_by("pk").first()
    trainer = User.objects.filter(role=Role.TRAINER, email__startswith="trainer@").first()
    if raqqa is None or manager is None or Questionnaire.objects.filter(kind=Kind.SURVEY, title_en=TITLE_EN).exists():
        return
    data = xlsform_bytes(SURVEY, CHOICES, {"form_title": TITLE_EN, "version": "1", "default_language": "Arabic (ar)"})
    definition = read_xlsform(data, "field_visit.xlsx", domains=set())
    survey = assessments.questionnaire_create(
        actor=manager, data={"kind": Kind.SURVEY, "branch": raqqa, "title_ar": TITLE_AR, "title_en": TITLE_EN,
                             "version": "1"},
        definition=definition, upload=ContentFile(data, name="field_visit.xlsx"))
    data = xlsform_bytes(VILLAGES_SURVEY, VILLAGES_CHOICES, {"form_title": VILLAGES_TITLE_EN, "version": "1",
                                                             "default_language": "Arabic (ar)"})
    with transaction.atomic():  # the form and the file it reads its villages from, together
        villages = assessments.questionnaire_create(
            actor=manager, data={"kind": Kind.SURVEY, "branch": raqqa, "title_ar": VILLAGES_TITLE_AR,
                                 "title_en": VILLAGES_TITLE_EN, "version": "1"},
            definition=read_xlsform(data, "village_services.xlsx", domains=set()),
            upload=ContentFile(data, name="village_services.xlsx"))
        assessments.media_attach(actor=manager, questionnaire=villages,
                                 uploads=[ContentFile(VILLAGES_CSV, name="villages.csv")])
    phone, _secret = services.credential_create(actor=manager, name="هاتف فريق الرقة")
    for visit in VISITS:
        services.submission_receive(credential=phone, xml=_instance(survey, *visit))
    if trainer is not None and not Credential.objects.filter(user=trainer).exists():
        services.credential_create(actor=trainer, name="هاتف عبدالله — فريق هجين")
