"""The seed reports' scenarios, recorded through the services as a user would record them.

Two levels, for the demo and for tests:

- ``seed_000_workshops(...)`` records the two workshops among records the caller already has (the demo's
  Deir ez-Zor branch, programs, organizations and trainers; or a test's factories);
- ``seed_000()`` builds the whole setting of seed 000 in an empty database (the Deir ez-Zor branch, NPA,
  the program and its phase 3, the NES NGO Platform and its ten members, the two trainers) and records the
  workshops in it: what a test needs to have "seed 000, as it happened" in one call.

Everything is written through the services (``organization_create``, ``person_create``,
``program_save``, ``activity_create``, ``participation_add``, ``attendance_record``), so the ledger's
events fire as they do for users. A phase has no service of its own (the program form's inline formset
writes it): it is created directly.
"""

import datetime
from dataclasses import dataclass

from madani.activities import services
from madani.activities.models import Activity, Kind, Phase, Program, Source, Status, Topic
from madani.branches.models import Branch
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.services import organization_create
from madani.people.models import Displacement, Person
from madani.people.services import person_create
from madani.places.models import Place

# Seed 000: where (P-code, Arabic and English names), who led, how many trainees (men, women), and which
# of the platform's members they represent.
SEED_000_WORKSHOPS = [
    ("SY090201", "هجين", "Hajin", 0, (10, 5), slice(0, 5)),
    ("SY090101", "الكسرة", "Al-Kasra", 1, (5, 3), slice(5, None)),
]
SEED_000_DATES = (datetime.date(2021, 7, 20), datetime.date(2021, 7, 22))
SEED_000_TOPICS = ("advocacy", "networking", "communication", "fundraising")
SEED_000_DESCRIPTION_AR = (
    "ورشة تدريبية حول أساليب الحشد والمناصرة لأعضاء منصة مؤسسات المجتمع المدني في ريف دير الزور: سبل "
    "واستراتيجيات الحشد وكسب التأييد، بناء الشبكات والتحالفات، التواصل الفعال والحملات الإعلامية، أساسيات "
    "التمويل وإدارة المشاريع، والخطط الاستراتيجية للحملات. اختير الموضوع بناءً على استبيان لتقييم "
    "الاحتياجات التدريبية للمنظمات الأعضاء."
)
SEED_000_DESCRIPTION_EN = (
    "Workshop on community mobilization and advocacy methods for the members of the NES NGO Platform in "
    "the Deir ez-Zor countryside: mobilization and lobbying strategies, building networks and alliances, "
    "effective communication and media campaigns, funding basics and project management, strategic plans "
    "for campaigns. The topic was chosen from a training-needs questionnaire of the member organizations."
)
SEED_000_GOALS = "بناء قدرات المتدربين/ات وتحسين خبراتهم في مجال الحشد والمناصرة، خاصة في المنظمات الناشئة."

# The NES NGO Platform's members in seed 000: the ten Deir ez-Zor CSOs of seed 001 (Arabic, English, P-code).
PLATFORM = ("منصة مؤسسات المجتمع المدني في شمال وشرق سوريا", "NES NGO Platform")
PLATFORM_MEMBERS = [
    ("حلم للتنمية", "Hilm for Development", "SY090201"),
    ("أمل باغوز", "Amal Baghouz", "SY090200"),
    ("منظمة ماري", "Mari Organization", "SY090200"),
    ("تنمية بلا حدود", "Development Without Borders", "SY090200"),
    ("الاستجابة الميدانية", "Field Response", "SY090300"),
    ("منظمة بداية", "Bidaya Organization", "SY090101"),
    ("منظمة ديرنا", "Dayrna Organization", "SY090100"),
    ("آشنا - فرع دير الزور", "Ashna — Deir ez-Zor branch", "SY090100"),
    ("بصمة أمل", "Basmat Amal", "SY090102"),
    ("منظمة سام", "Sam Organization", "SY090100"),
]
EPD_PROGRAM = ("epd-nes", "تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا",
               "Enhancing Participatory Democracy in NES")


# The seed report does not say when the CSOs joined the platform: the demo has them members since the
# start of 2021, before the workshops of July.
PLATFORM_JOINED = datetime.date(2021, 1, 1)


def platform_create(*, actor, members) -> object:
    """The NES NGO Platform (a center-wide network) with its ``members``, each an active founding
    membership of the networks app (so the platform's page and quorum count them)."""
    from madani.networks.services import membership_create

    platform = organization_create(actor=actor, data={
        "kind": OrganizationKind.NETWORK, "name_ar": PLATFORM[0], "name_en": PLATFORM[1], "branch": None,
        "description_ar": "منصة تضم منظمات المجتمع المدني في شمال وشرق سوريا.",
        "description_en": "The platform of civil-society organizations in North-East Syria.",
        "members": list(members),
    })
    for member in members:
        membership_create(actor=actor, network=platform, data={
            "organization": member, "kind": "founding", "status": "active", "applied_on": PLATFORM_JOINED,
            "joined_on": PLATFORM_JOINED})
    return platform


def seed_000_workshops(*, actor, branch, program, phase, platform, members, trainers, topics, places,
                       new_person, rng=None) -> list[Activity]:
    """Seed 000 (2021-07-23): two 3-day advocacy workshops of phase 3 of "Enhancing Participatory
    Democracy in NES", 20–22 July 2021, for the members of the NES NGO Platform: 15 trainees in Hajin
    (10 men, 5 women) led by ``trainers[0]``, 8 in Al-Kasra (5 men, 3 women) led by ``trainers[1]``,
    each representing one of the platform's ``members`` (in turn). ``places`` maps P-codes to places.

    ``new_person(gender, place)`` makes a trainee: a saved ``Person``, or the fields of a new one (a
    dict: full name, birth year…), which is then registered through ``person_create`` in ``branch``.
    With ``rng``, the trainees are made men first, then shuffled (the order they are registered and
    enrolled in), as the demo does. Every trainee is present every day and completes. Returns the two
    activities (Hajin first)."""
    start, end = SEED_000_DATES
    workshops = []
    for pcode, town_ar, town_en, trainer, (men, women), half in SEED_000_WORKSHOPS:
        represented = list(members[half]) or [platform]
        place = places[pcode]
        made = [(gender, new_person(gender, place)) for gender in ["male"] * men + ["female"] * women]
        if rng is not None:
            rng.shuffle(made)
        trainees = [person if isinstance(person, Person) else person_create(actor=actor, data={
            "displacement": Displacement.RESIDENT, **person, "gender": gender, "home_place": place, "branch": branch})
            for gender, person in made]
        activity = services.activity_create(actor=actor, session_per_day=True, data={
            "kind": Kind.WORKSHOP, "title_ar": f"ورشة تدريبية حول أساليب الحشد والمناصرة في {town_ar}",
            "title_en": f"Workshop on community mobilization and advocacy methods in {town_en}",
            "description_ar": SEED_000_DESCRIPTION_AR, "description_en": SEED_000_DESCRIPTION_EN,
            "goals": SEED_000_GOALS, "branch": branch, "program": program, "phase": phase, "place": place,
            "start_date": start, "end_date": end, "status": Status.COMPLETED, "topics": list(topics),
            "facilitators": [trainers[trainer]], "target_organizations": [platform, *represented],
        })
        for index, person in enumerate(trainees):
            services.participation_add(actor=actor, activity=activity, person=person, completed=True,
                                       organization=represented[index % len(represented)], source=Source.SHEET)
        for session in activity.sessions.order_by("date"):  # every trainee present every day: the people it reached
            services.attendance_record(actor=actor, session=session, present_ids=[p.pk for p in trainees])
        workshops.append(activity)
    return workshops


@dataclass
class Seed000:
    branch: Branch
    program: Program
    phase: Phase
    platform: object
    members: list
    trainers: list
    workshops: list[Activity]


def seed_000(*, actor=None, new_person=None) -> Seed000:
    """Seed 000 with its whole setting, in a database that has only the gazetteer and the topics (a
    test's): the Deir ez-Zor branch, NPA, "Enhancing Participatory Democracy in NES" and its phase 3,
    the NES NGO Platform and its ten member CSOs, Abdullah Obied and Ali Iskan, and the two workshops.
    ``new_person(gender, place)`` as in ``seed_000_workshops`` (default: numbered trainees)."""
    places = Place.objects.in_bulk(["SY090100", *{p for _a, _e, p in PLATFORM_MEMBERS}, "SY090201", "SY090101"],
                                   field_name="pcode")
    branch, _created = Branch.objects.get_or_create(  # no service writes branches (the Django admin does)
        code="deir-ez-zor", defaults={"name": "دير الزور", "name_ar": "دير الزور", "name_en": "Deir ez-Zor",
                                      "place": places["SY090100"]})
    npa = organization_create(actor=actor, data={
        "kind": OrganizationKind.DONOR, "branch": None, "name_ar": "المساعدات الشعبية النرويجية",
        "name_en": "Norwegian People's Aid", "acronym": "NPA"})
    code, name_ar, name_en = EPD_PROGRAM
    program = services.program_save(actor=actor, program=Program(), data={
        "code": code, "name_ar": name_ar, "name_en": name_en, "donor": npa, "start_date": datetime.date(2019, 1, 1),
        "branches": [branch]})
    phase = Phase.objects.create(program=program, number=3, start_date=datetime.date(2021, 4, 1),
                                 end_date=datetime.date(2021, 12, 31), name="المرحلة الثالثة",
                                 name_ar="المرحلة الثالثة", name_en="Phase 3")
    members = [organization_create(actor=actor, data={
        "kind": OrganizationKind.CSO, "branch": branch, "name_ar": ar, "name_en": en, "place": places[pcode]})
        for ar, en, pcode in PLATFORM_MEMBERS]
    platform = platform_create(actor=actor, members=members)
    trainers = [
        person_create(actor=actor, data={"full_name": "عبدالله عبيد", "name_latin": "Abdullah Obied", "gender": "male",
                                         "birth_year": 1984, "branch": branch, "home_place": places["SY090201"]}),
        person_create(actor=actor, data={"full_name": "علي إسكان", "name_latin": "Ali Iskan", "gender": "male",
                                         "birth_year": 1981, "branch": branch, "home_place": places["SY090101"]}),
    ]
    numbered = iter(range(1, 1000))
    workshops = seed_000_workshops(
        actor=actor, branch=branch, program=program, phase=phase, platform=platform, members=members,
        trainers=trainers, topics=Topic.objects.filter(code__in=SEED_000_TOPICS).order_by("pk"), places=places,
        new_person=new_person or (lambda gender, place: {"full_name": f"متدرب {next(numbered)}", "birth_year": 1995}),
    )
    return Seed000(branch=branch, program=program, phase=phase, platform=platform, members=members,
                   trainers=trainers, workshops=workshops)
