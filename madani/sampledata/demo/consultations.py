"""Demo requests (seed 003: consultations and technical support in Raqqa and Deir ez-Zor; 'suggest a
training'): a dozen across the branches in every state, the accepted ones recorded in the ledger with
their sessions, and a few training suggestions from the public form."""

import datetime

from django.utils import timezone

from madani.accounts.models import Role, User
from madani.activities.models import Activity, Program, Topic
from madani.activities.services import activity_update, program_save
from madani.branches.models import Branch
from madani.consultations import services
from madani.consultations.models import Request, RequestSource
from madani.organizations.models import Kind, Organization
from madani.people.models import Person

# branch, kind, topic code, subject, description, state reached, number of sessions, source
REQUESTS = [
    ("raqqa", "consultation", "strategic-planning", "مراجعة الخطة الاستراتيجية",
     "أنهينا مسودة الخطة الاستراتيجية ونحتاج مراجعة الأهداف والمؤشرات.", "done", 3, "portal"),
    ("raqqa", "technical_support", "financial-management", "إعداد نظام محاسبي بسيط",
     "نحتاج دعماً فنياً لإعداد دفتر الحسابات وإجراءات الصرف.", "in_progress", 2, "staff"),
    ("raqqa", "consultation", "human-resources", "سياسة الموارد البشرية",
     "نرغب في كتابة سياسة للمتطوعين والموظفين.", "new", 0, "portal"),
    ("raqqa", "technical_support", "monitoring-evaluation", "نظام متابعة وتقييم",
     "طلب دعم لتصميم استمارات المتابعة.", "declined", 0, "staff"),
    ("deir-ez-zor", "technical_support", "proposal-writing", "كتابة مقترح مشروع",
     "نحتاج مساعدة في كتابة مقترح مشروع للمنحة الصغيرة.", "done", 2, "staff"),
    ("deir-ez-zor", "consultation", "governance", "النظام الداخلي ومجلس الإدارة",
     "كيف ننظم العلاقة بين مجلس الإدارة والفريق التنفيذي؟", "in_progress", 1, "portal"),
    ("deir-ez-zor", "technical_support", "project-management", "خطة عمل المشروع",
     "دعم في إعداد خطة العمل والجدول الزمني لمشروعنا.", "assigned", 0, "staff"),
    ("deir-ez-zor", "consultation", "fundraising", "مصادر التمويل",
     "نبحث عن جهات مانحة تناسب عملنا في الريف الشرقي.", "new", 0, "staff"),
    ("deir-ez-zor", "consultation", "needs-assessment", "تقييم احتياجات المجتمع",
     "مبادرة شبابية تريد إجراء تقييم احتياجات في القرية.", "new", 0, "public"),
    ("aleppo", "consultation", "networking", "الانضمام إلى شبكة وصل",
     "ما هي شروط الانضمام إلى الشبكة وما التزاماتها؟", "done", 1, "staff"),
    ("aleppo", "technical_support", "communication", "صفحة المنظمة على الإنترنت",
     "نحتاج دعماً فنياً في إعداد صفحة المنظمة ونشر أخبارها.", "new", 0, "portal"),
    ("amouda", "consultation", "leadership", "قيادة الفرق التطوعية",
     "استشارة حول قيادة فريق تطوعي جديد.", "new", 0, "public"),
]

SUGGESTIONS = [
    ("raqqa", "إدارة المتطوعين", "المبادرات الصغيرة في الرقة تحتاج تدريباً حول استقطاب المتطوعين والحفاظ عليهم."),
    ("deir-ez-zor", "الدعم النفسي الاجتماعي", "تدريب للعاملين مع الأطفال في المخيمات."),
    ("aleppo", "الأمن الرقمي للمنظمات", "حماية حسابات المنظمة وبيانات المستفيدين."),
]

SESSION_TOPICS = ["تحليل الوضع الحالي", "مراجعة المسودة", "تحديد الأولويات", "خطة التنفيذ", "المتابعة"]
SESSION_OUTCOMES = ["اتُّفق على الخطوات التالية.", "أُنجزت مسودة معدّلة.", "حُدّدت المسؤوليات والمواعيد.",
                    "أُغلقت الملاحظات المتبقية."]
CONTACTS = ["محمد الخلف", "ريم العبيد", "سامر الأحمد", "هبة الجاسم", "عمر الصالح", "نور الحسن"]


def _program(actor):
    program = Program.objects.order_by("-start_date").first()
    if program is None:
        program = program_save(actor=actor, program=Program(), data={
            "code": "consultations", "name_ar": "الاستشارات والدعم الفني",
            "name_en": "Consultations and technical support"})
    return program


def _expert(rng, branch):
    """A trainer's person record in the branch when there is one (so the trainer's login shows their
    requests), otherwise someone of the branch's registry."""
    trained = Person.objects.filter(user__role=Role.TRAINER, user__branches=branch).first()
    return trained or rng.choice(list(Person.objects.filter(branch=branch)[:40]))


def load(rng):
    actor = User.objects.filter(role=Role.ADMINISTRATOR).first()
    branches = {b.code: b for b in Branch.objects.all()}
    topics = {t.code: t for t in Topic.objects.all()}
    program = _program(actor)
    today = datetime.date.today()
    for code, kind, topic, subject, description, state, sessions, source in REQUESTS:
        branch = branches.get(code)
        organizations = list(Organization.objects.filter(branch=branch, kind=Kind.CSO).order_by("pk"))
        organization = None
        if organizations:
            organization = organizations[0] if (code, source) == ("raqqa", "portal") else rng.choice(organizations)
        accepted = state in ("assigned", "in_progress", "done")
        if branch is None or (organization is None and (source != "public" or accepted)):
            continue
        if accepted and not Person.objects.filter(branch=branch).exists():
            continue
        requester = actor
        if source == "portal":  # filed by a member of the organization, when it has one (the demo's Tutul)
            requester = User.objects.filter(organization=organization, role=Role.CSO_MEMBER).first()
            source = "portal" if requester else "staff"
        data = {"kind": kind, "branch": branch, "topic": topics.get(topic), "topic_text": subject,
                "description": description, "contact_name": rng.choice(CONTACTS),
                "contact_phone": f"+963 9{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"}
        if source == "public":
            data["organization_name"] = "مبادرة محلية"
        else:
            data["organization"] = organization
        support_request = services.request_create(actor=requester or actor, data=data, source=source)
        start = today - datetime.timedelta(days=rng.randint(20, 120))
        Request.objects.filter(pk=support_request.pk).update(  # received weeks ago (no service backdates it)
            created_at=timezone.make_aware(datetime.datetime.combine(start - datetime.timedelta(days=3), datetime.time(10))))
        if state == "declined":
            services.request_decline(actor=actor, support_request=support_request, note="خارج نطاق خدمات المركز حالياً.")
        if not accepted:
            continue
        services.request_assign(actor=actor, support_request=support_request, expert=_expert(rng, branch),
                                program=program, organization=organization, start_date=start)
        for number in range(sessions):
            services.request_log_session(actor=actor, support_request=support_request, data={
                "date": start + datetime.timedelta(days=7 * number), "topic": SESSION_TOPICS[number],
                "outcome": rng.choice(SESSION_OUTCOMES)})
        if state == "done":
            services.request_close(actor=actor, support_request=support_request)
        else:  # still open: planned to go on for another month
            activity_update(actor=actor, activity=Activity.objects.get(pk=support_request.activity_id),
                            data={"end_date": today + datetime.timedelta(days=30)})

    for code, subject, description in SUGGESTIONS:
        if code in branches:
            services.request_create(actor=None, source=RequestSource.PUBLIC, data={
                "kind": "training_suggestion", "branch": branches[code], "topic_text": subject,
                "description": description, "contact_name": rng.choice(CONTACTS), "contact_email": "visitor@example.org"})
