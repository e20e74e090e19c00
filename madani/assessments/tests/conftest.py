import pytest

from madani.assessments.domains import DOMAINS
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import read_xlsform

AR, EN = "label::Arabic (ar)", "label::English (en)"

# A form with every supported type, a group with a domain, required, relevant and constraint.
SURVEY = [
    {"type": "note", "name": "welcome", AR: "مرحباً بكم", EN: "Welcome"},
    {"type": "begin group", "name": "finance_group", AR: "المالية", EN: "Finance", "madani_domain": "finance"},
    {"type": "select_one yes_no", "name": "has_bank", AR: "هل لدى المنظمة حساب مصرفي؟",
     EN: "Does the organization have a bank account?", "required": "yes"},
    {"type": "text", "name": "bank_name", AR: "اسم المصرف", EN: "Name of the bank", "relevant": "${has_bank} = 'yes'",
     "required": "yes"},
    {"type": "select_multiple tools", "name": "tools", AR: "الأدوات المالية", EN: "Financial tools"},
    {"type": "end group"},
    {"type": "integer", "name": "staff", AR: "عدد العاملين", EN: "Number of staff", "constraint": ". >= 0 and . <= 500",
     "constraint_message::Arabic (ar)": "عدد غير مقبول", "constraint_message::English (en)": "Between 0 and 500, please"},
    {"type": "decimal", "name": "budget", AR: "الموازنة", EN: "Budget", "hint::English (en)": "In US dollars"},
    {"type": "date", "name": "founded", AR: "تاريخ التأسيس", EN: "Date founded"},
]
CHOICES = [
    {"list_name": "yes_no", "name": "yes", AR: "نعم", EN: "Yes", "madani_score": 2},
    {"list_name": "yes_no", "name": "no", AR: "لا", EN: "No", "madani_score": 0},
    {"list_name": "tools", "name": "budget", AR: "موازنة", EN: "Budget", "madani_score": 1},
    {"list_name": "tools", "name": "audit", AR: "تدقيق", EN: "Audit", "madani_score": 1},
    {"list_name": "tools", "name": "manual", AR: "دليل", EN: "Manual", "madani_score": 2},
]


def small_form_bytes(survey=None, choices=None, settings=None) -> bytes:
    return xlsform_bytes(SURVEY if survey is None else survey, CHOICES if choices is None else choices, settings)


@pytest.fixture
def small_definition():
    return read_xlsform(small_form_bytes(), "small.xlsx", domains=set(DOMAINS))


@pytest.fixture
def small_questionnaire(db, small_definition):
    return Questionnaire.objects.create(title="استمارة صغيرة", title_ar="استمارة صغيرة", title_en="Small form",
                                        kind=Kind.NEEDS, definition=small_definition)


@pytest.fixture
def needs_questionnaire(db):
    """The needs-assessment form shipped with Madani (loaded by migration 0002)."""
    return Questionnaire.objects.get(definition__builtin_file="needs_assessment.xlsx")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
