"""Demo assessments: a baseline and a re-assessment for several CSOs (with the shipped needs-assessment
form), and pre/post-tests for a couple of completed trainings if the activities demo made any."""

import datetime

from madani.accounts.models import Role, User
from madani.activities.models import Activity
from madani.activities.models import Kind as ActivityKind
from madani.assessments import services
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import iter_questions, read_xlsform
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization

AR, EN = "label::Arabic (ar)", "label::English (en)"
QUIZ = [
    ("q1", "ما الهدف من تحليل أصحاب المصلحة؟", "What is a stakeholder analysis for?",
     [("a", "معرفة من يؤثر في القضية ومن يتأثر بها", "Knowing who affects and who is affected by the issue", 1),
      ("b", "كتابة التقرير المالي", "Writing the financial report", 0),
      ("c", "اختيار شعار المنظمة", "Choosing the organization's logo", 0)]),
    ("q2", "أي مما يلي مؤشر قابل للقياس؟", "Which of these is a measurable indicator?",
     [("a", "تحسن الوعي", "Better awareness", 0),
      ("b", "عدد النساء المشاركات في جلسات الحوار", "Number of women taking part in dialogue sessions", 1),
      ("c", "نجاح المشروع", "Project success", 0)]),
    ("q3", "ما أول خطوة في التخطيط الاستراتيجي؟", "What is the first step of strategic planning?",
     [("a", "تحليل الواقع والسياق", "Analysing the situation and context", 1),
      ("b", "شراء المعدات", "Buying equipment", 0),
      ("c", "توظيف فريق جديد", "Hiring a new team", 0)]),
    ("q4", "ما الغاية من آلية الشكاوى؟", "What is a complaints mechanism for?",
     [("a", "مساءلة المنظمة أمام المجتمع", "Making the organization accountable to the community", 1),
      ("b", "تقليل عدد المستفيدين", "Reducing the number of beneficiaries", 0)]),
    ("q5", "متى يُكتب تقرير النشاط؟", "When is an activity report written?",
     [("a", "بعد انتهاء النشاط مباشرة", "Right after the activity ends", 1),
      ("b", "في نهاية السنة فقط", "Only at the end of the year", 0)]),
]


def _quiz_definition() -> dict:
    survey = [{"type": f"select_one {name}", "name": name, AR: ar, EN: en, "required": "yes"} for name, ar, en, _c in QUIZ]
    choices = [{"list_name": name, "name": c, AR: a, EN: e, "madani_score": s}
               for name, _a, _e, options in QUIZ for c, a, e, s in options]
    return read_xlsform(xlsform_bytes(survey, choices, {"version": "demo"}), "quiz.xlsx", domains=set())


def _answers(rng, definition, level: float) -> dict:
    """Plausible answers: scored choices drawn around ``level`` (0 weak … 1 strong)."""
    raw = {}
    for question, _groups in iter_questions(definition):
        kind, name = question["type"], question["name"]
        if kind == "select_one":
            choices = sorted(question["choices"], key=lambda c: c["score"] or 0)
            index = round(max(0.0, min(1.0, level + rng.uniform(-0.3, 0.3))) * (len(choices) - 1))
            raw[name] = choices[index]["name"]
        elif kind == "select_multiple":
            options = [c["name"] for c in question["choices"] if (c["score"] or 0) > 0]
            raw[name] = rng.sample(options, max(1, round(level * len(options)))) if options else []
        elif kind == "integer":
            raw[name] = rng.randint(0, 12)
        elif kind == "decimal":
            raw[name] = float(rng.randrange(5000, 250000, 500))
        elif kind == "date":
            raw[name] = (datetime.date.today() - datetime.timedelta(days=rng.randint(60, 900))).isoformat()
        else:
            raw[name] = rng.choice(["المدير التنفيذي", "منسق المشاريع", "رئيس مجلس الإدارة"])
    return raw  # as submissions.answers_from_xml would read the XML ODK's engine writes for them


def load(rng):
    actor = User.objects.filter(role=Role.ADMINISTRATOR).first()
    needs = Questionnaire.objects.needs().filter(definition__builtin_file="needs_assessment.xlsx").first()
    if needs is None:
        return
    today = datetime.date.today()
    csos = list(Organization.objects.filter(kind=OrganizationKind.CSO, branch__isnull=False).order_by("pk")[:8])
    for index, organization in enumerate(csos):
        baseline = rng.uniform(0.15, 0.5)
        services.response_submit(actor=actor, questionnaire=needs, organization=organization,
                                 answers=_answers(rng, needs.definition, baseline),
                                 date=today - datetime.timedelta(days=330 + index * 7))
        if index % 4 != 3:  # most were re-assessed after a year of support
            services.response_submit(actor=actor, questionnaire=needs, organization=organization,
                                     answers=_answers(rng, needs.definition, baseline + rng.uniform(0.15, 0.4)),
                                     date=today - datetime.timedelta(days=20 + index))

    trainings = (
        Activity.objects.filter(kind=ActivityKind.TRAINING, status="completed", participations__isnull=False)
        .distinct().order_by("-start_date")[:2]
    )
    if not trainings:
        return
    definition = _quiz_definition()
    for activity in trainings:
        tests = {}
        for kind, title_ar, title_en in [(Kind.PRE_TEST, "اختبار قبلي", "Pre-test"),
                                         (Kind.POST_TEST, "اختبار بعدي", "Post-test")]:
            tests[kind] = services.questionnaire_create(
                actor=actor, definition=definition,
                data={"kind": kind, "activity": activity, "title_ar": f"{title_ar}: {activity.title_ar}",
                      "title_en": f"{title_en}: {activity.title_en or activity.title_ar}"},
            )
        for participation in activity.participations.all():
            level = rng.uniform(0.1, 0.5)
            services.response_submit(actor=actor, questionnaire=tests[Kind.PRE_TEST], participation=participation,
                                     answers=_answers(rng, definition, level), date=activity.start_date)
            services.response_submit(actor=actor, questionnaire=tests[Kind.POST_TEST], participation=participation,
                                     answers=_answers(rng, definition, level + rng.uniform(0.1, 0.5)),
                                     date=activity.end_date)
