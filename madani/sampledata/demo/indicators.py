"""Demo indicators and logframes, after the activities demo (``demo_steps`` in the apps' ``AppConfig``).

- The logframe of "Enhancing Participatory Democracy in NES" (seeds 000/002): the outcome "local CSOs
  take part in public decision-making", its outputs (members of CSOs trained in advocacy; dialogue and
  networking with local administrations) and their indicators.
- The logframe of the capacity-building program (seed 001, and seed 003's figures): CSOs coached to
  write their strategic plan, technical-support sessions by branch, consultations.
- Saved indicators that reproduce the seed reports' figures from the ledger: the 23 trainees of the
  July 2021 workshops by town and gender (15 in Hajin, 8 in Al-Kasra), the 30 beneficiaries and
  15 CSOs coached of seed 001, trainees by gender and training courses (the kind of figure of seed 003).

Baselines are the figures of the seed year; yearly targets for last year and this year are set near
what the ledger holds, as a program officer would have planned them (last year's only when the ledger
has activity then).
"""

import datetime

from madani.accounts.models import Role, User
from madani.activities.models import Kind, Program
from madani.indicators.engine import compute
from madani.indicators.models import Baseline, Indicator, Outcome, Output, Target
from madani.indicators.services import indicator_save, outcome_save, output_save

EPD = {
    "outcome": ("تشارك منظمات المجتمع المدني المحلية في صنع القرار العام",
                "Local CSOs take part in public decision-making"),
    "outcome_indicators": [
        ("epd-local-administration", "لقاءات مع الإدارات المحلية وجلسات حوارية (حسب الفرع)",
         "Meetings with local administrations and dialogue sessions held (by branch)",
         "activities", [Kind.LOCAL_ADMINISTRATION, Kind.DIALOGUE], ["branch"]),
    ],
    "outputs": [
        (("أعضاء المنظمات المحلية مدرَّبون على الحشد والمناصرة والمشاركة",
          "Members of local CSOs trained in mobilization, advocacy and participation"), [
            ("epd-people-trained", "عدد المتدربين/ات (حسب الجنس)", "People trained (by gender)",
             "people", [Kind.WORKSHOP, Kind.TRAINING], ["gender"]),
            ("epd-training-days", "أيام الحضور في الورش (حسب المحافظة)", "Workshop person-days (by governorate)",
             "person_days", [Kind.WORKSHOP, Kind.TRAINING], ["governorate"]),
        ]),
        (("حوار وتشبيك بين المنظمات والإدارات المحلية", "Dialogue and networking between CSOs and local administrations"), [
            ("epd-dialogue-participants", "المشاركون/ات في جلسات الحوار ولقاءات التشبيك (حسب الفرع والجنس)",
             "Participants in dialogue sessions and networking events (by branch and gender)",
             "people", [Kind.DIALOGUE, Kind.NETWORKING], ["branch", "gender"]),
        ]),
    ],
}

CAPACITY = {
    "outcome": ("منظمات محلية تُدار وفق خطة استراتيجية وأنظمة إدارية سليمة",
                "Local CSOs are run by a strategic plan and sound management"),
    "outcome_indicators": [],
    "outputs": [
        (("منظمات محلية تلقّت جلسات صقل لكتابة خطتها الاستراتيجية", "Local CSOs coached to write their strategic plan"), [
            ("cap-csos-coached", "المنظمات التي تلقّت جلسات صقل (حسب الفرع)", "CSOs coached (by branch)",
             "organizations", [Kind.COACHING], ["branch"]),
        ]),
        (("دعم فني واستشارات للمنظمات", "Technical support and consultations for CSOs"), [
            ("cap-ts-sessions", "جلسات الدعم الفني (حسب الفرع)", "Technical-support sessions (by branch)",
             "sessions", [Kind.TECHNICAL_SUPPORT], ["branch"]),
            ("cap-consultations", "الاستشارات المقدمة (حسب الربع)", "Consultations given (by quarter)",
             "activities", [Kind.CONSULTATION], ["quarter"]),
        ]),
    ],
}

# code, Arabic, English, metric, kinds, disaggregations, program code, period
SEED_FIGURES = [
    ("seed-000-trainees", "متدربو ورشتي الحشد والمناصرة في هجين والكسرة، تموز 2021",
     "Trainees of the advocacy workshops in Hajin and Al-Kasra, July 2021", "people", [Kind.WORKSHOP],
     ["subdistrict", "gender"], "epd-nes", (datetime.date(2021, 7, 1), datetime.date(2021, 7, 31))),
    ("seed-001-beneficiaries", "المستفيدون/ات من مشروع بناء قدرات المنظمات المحلية، 2020",
     "Beneficiaries of the capacity-building project for local CSOs, 2020", "people", [],
     ["branch"], "cso-capacity", (datetime.date(2020, 8, 1), datetime.date(2020, 12, 31))),
    ("seed-001-csos-coached", "المنظمات التي كتبت خطتها الاستراتيجية بجلسات الصقل، 2020",
     "CSOs coached to write their strategic plan, 2020", "organizations", [Kind.COACHING],
     ["branch"], "cso-capacity", (datetime.date(2020, 8, 1), datetime.date(2020, 12, 31))),
    ("trainees-by-gender", "المتدربون/ات في الدورات التدريبية (حسب الجنس)", "Trainees of training courses (by gender)",
     "people", [Kind.TRAINING], ["gender"], None, None),
    ("training-courses", "الدورات التدريبية (حسب الفرع)", "Training courses (by branch)",
     "activities", [Kind.TRAINING], ["branch"], None, None),
]


def _indicator(actor, code, name_ar, name_en, metric, kinds, by, **fields):
    return indicator_save(actor=actor, indicator=Indicator(), data={
        "code": code, "name_ar": name_ar, "name_en": name_en, "metric": metric, "kinds": [str(k) for k in kinds],
        "disaggregations": by, **fields})


def _plan(rng, indicator, baseline_year, today):
    """A baseline in the seed year and yearly targets near what the ledger holds (written directly: only the
    indicator form's inline formsets write them, through ``indicator_save``)."""
    def actual(year):
        return compute(indicator.query(by=()).within(datetime.date(year, 1, 1), datetime.date(year, 12, 31))).total

    Baseline.objects.create(indicator=indicator, year=baseline_year, value=actual(baseline_year))
    last, this = actual(today.year - 1), actual(today.year)
    if last:  # the generated year may begin only at the end of last year
        Target.objects.create(indicator=indicator, year=today.year - 1, value=round(last * rng.uniform(0.9, 1.25)))
    Target.objects.create(indicator=indicator, year=today.year,
                          value=max(1, round((last + this) * rng.uniform(0.9, 1.1))))


def _logframe(rng, actor, program, plan, baseline_year, today):
    outcome = outcome_save(actor=actor, outcome=Outcome(), data={
        "program": program, "number": 1, "statement_ar": plan["outcome"][0], "statement_en": plan["outcome"][1]})
    for code, name_ar, name_en, metric, kinds, by in plan["outcome_indicators"]:
        indicator = _indicator(actor, code, name_ar, name_en, metric, kinds, by, program=program, outcome=outcome)
        _plan(rng, indicator, baseline_year, today)
    for number, ((statement_ar, statement_en), indicators) in enumerate(plan["outputs"], start=1):
        output = output_save(actor=actor, output=Output(), data={
            "outcome": outcome, "number": number, "statement_ar": statement_ar, "statement_en": statement_en})
        for code, name_ar, name_en, metric, kinds, by in indicators:
            indicator = _indicator(actor, code, name_ar, name_en, metric, kinds, by, program=program, output=output)
            _plan(rng, indicator, baseline_year, today)


def load(rng):
    programs = Program.objects.in_bulk(["epd-nes", "cso-capacity"], field_name="code")
    if len(programs) < 2:
        return
    today = datetime.date.today()
    actor = User.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
    _logframe(rng, actor, programs["epd-nes"], EPD, 2021, today)  # baseline: phase 3 (seed 000)
    _logframe(rng, actor, programs["cso-capacity"], CAPACITY, 2020, today)  # baseline: phases 1 and 2 (seed 001)
    for code, name_ar, name_en, metric, kinds, by, program, period in SEED_FIGURES:
        indicator = _indicator(actor, code, name_ar, name_en, metric, kinds, by,
                               date_from=period[0] if period else None, date_to=period[1] if period else None)
        if program:
            indicator_save(actor=actor, indicator=indicator, data={"programs": [programs[program]]})
