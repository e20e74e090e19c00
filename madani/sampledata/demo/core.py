"""Demo data: one support center with four branches, the CSOs of seeds 001 and 004, NPA, local
councils, a few hundred generated people and one login per role. Running it again reuses the data.

Organizations, people and affiliations are written by the demo administrator through their services
(``organization_create``, ``person_create``, ``affiliation_create``); branches and logins have no service
(the Django admin writes them) and are created directly."""

import datetime
import random

from django.utils.module_loading import import_string

from madani.accounts.models import Role, User
from madani.branches.models import Branch
from madani.core.ledger import ledger_write
from madani.core.registry import demo_steps
from madani.organizations.models import IncubationStage, Kind, LicensingStatus, Organization, Sector
from madani.organizations.services import organization_create, organization_update
from madani.people.models import Displacement, Gender, Person
from madani.people.services import affiliation_create, person_create
from madani.places.models import Place

DEMO_PASSWORD = "madani-demo"
# Each app declares its demo step and its order in its AppConfig (``demo_steps``, core/registry.py).
DEMO_STEPS: list[str] = demo_steps()
DEMO_DOMAIN = "demo.madani.invalid"

BRANCHES = [
    # code, Arabic, English, place P-code
    ("raqqa", "الرقة", "Raqqa", "SY110100"),
    ("deir-ez-zor", "دير الزور", "Deir ez-Zor", "SY090100"),
    ("amouda", "عامودا", "Amouda", "SY080202"),
    ("aleppo", "حلب", "Aleppo", "SY020000"),
]

# Seed 001: the fifteen CSOs coached to write a strategic plan (Arabic name, English name, place).
SEED_CSOS = [
    ("raqqa", "منظمة توتول", "Tutul Organization", "SY110100"),
    ("raqqa", "منظمة العهد", "Al-Ahd Organization", "SY110100"),
    ("raqqa", "منظمة الفصول الأربعة", "Four Seasons Organization", "SY110100"),
    ("raqqa", "معاً لأجل الجرنية", "Together for Al-Jurniyah", "SY110102"),
    ("raqqa", "منظمة نبض", "Nabd Organization", "SY110100"),
    ("deir-ez-zor", "منظمة ديرنا", "Dayrna Organization", "SY090100"),
    ("deir-ez-zor", "آشنا - فرع دير الزور", "Ashna — Deir ez-Zor branch", "SY090100"),
    ("deir-ez-zor", "بصمة أمل", "Basmat Amal", "SY090102"),
    ("deir-ez-zor", "تنمية بلا حدود", "Development Without Borders", "SY090200"),
    ("deir-ez-zor", "حلم للتنمية", "Hilm for Development", "SY090201"),
    ("deir-ez-zor", "منظمة بداية", "Bidaya Organization", "SY090101"),
    ("deir-ez-zor", "الاستجابة الميدانية", "Field Response", "SY090300"),
    ("deir-ez-zor", "أمل باغوز", "Amal Baghouz", "SY090200"),
    ("deir-ez-zor", "منظمة ماري", "Mari Organization", "SY090200"),
    ("deir-ez-zor", "منظمة سام", "Sam Organization", "SY090100"),
]

# Seed 004: the Wasl network of nine CSOs in the northern and eastern Aleppo countryside.
# The seed does not name the members; these nine are illustrative demo names.
WASL_MEMBERS = [
    ("مبادرة شباب أعزاز", "Azaz Youth Initiative", "SY020400"),
    ("منظمة نساء الباب", "Al-Bab Women's Organization", "SY020200"),
    ("جمعية مارع للتنمية", "Mare' Development Association", "SY020403"),
    ("منظمة جسور السلام", "Bridges of Peace", "SY020400"),
    ("فريق صوت الريف", "Voice of the Countryside Team", "SY020200"),
    ("منظمة غد أفضل", "A Better Tomorrow", "SY020800"),
    ("مبادرة نحن هنا", "We Are Here Initiative", "SY020201"),
    ("جمعية البيت المدني", "Civic House Association", "SY020400"),
    ("منظمة قلم للتعليم", "Qalam for Education", "SY020200"),
]

LOCAL_COUNCILS = [
    ("raqqa", "مجلس الرقة المدني", "Raqqa Civil Council", "SY110100"),
    ("deir-ez-zor", "مجلس دير الزور المدني", "Deir ez-Zor Civil Council", "SY090100"),
    ("deir-ez-zor", "مجلس هجين المحلي", "Hajin Local Council", "SY090201"),
    ("aleppo", "المجلس المحلي في أعزاز", "Azaz Local Council", "SY020400"),
]

MALE_NAMES = ["أحمد", "محمد", "عبدالله", "علي", "خالد", "عمر", "حسن", "حسين", "إبراهيم", "يوسف", "مصطفى", "عماد",
              "جمعة", "سامر", "فراس", "مازن", "بشار", "رامي", "وليد", "أيمن", "هاني", "زياد", "ماهر", "عبدالرحمن",
              "فادي", "قاسم", "نزار", "ياسر", "حمزة", "سليمان"]
FEMALE_NAMES = ["فاطمة", "مريم", "نور", "هبة", "سارة", "رهف", "آية", "ريم", "لينا", "أسماء", "زينب", "نيفين",
                "هدى", "رنا", "سلمى", "دعاء", "إيمان", "خديجة", "بتول", "شيماء", "رغد", "ولاء", "جميلة", "سمر"]
FAMILY_NAMES = ["الأحمد", "العلي", "الخلف", "الحسن", "العبيد", "الجاسم", "المحمد", "الصالح", "الحمادي", "العزاوي",
                "الشيخ", "الفرج", "السلامة", "الدرويش", "الخضر", "البكر", "الحسين", "العمر", "الموسى", "الرمضان",
                "حوتري", "خزيم", "عبيد", "إسكان", "أحمي", "الكردي", "حسو", "إيبش"]

USERS = [
    # email local part, first name, last name, role, branch codes, organization (English name)
    ("admin", "مدير", "النظام", Role.ADMINISTRATOR, [], None),
    ("manager.raqqa", "سامر", "الخلف", Role.BRANCH_MANAGER, ["raqqa"], None),
    ("manager.deir", "ريم", "العبيد", Role.BRANCH_MANAGER, ["deir-ez-zor"], None),
    ("me.officer", "هبة", "الحسن", Role.ME_OFFICER, ["raqqa", "deir-ez-zor"], None),
    ("trainer", "عبدالله", "عبيد", Role.TRAINER, ["deir-ez-zor"], None),
    ("cso.member", "نور", "الجاسم", Role.CSO_MEMBER, [], "Tutul Organization"),
    ("network.editor", "نيفين", "حوتري", Role.NETWORK_EDITOR, [], "Wasl Network"),
    ("forum.moderator", "فراس", "الصالح", Role.FORUM_MODERATOR, [], "Wasl Network"),
]

PEOPLE_PER_BRANCH = {"raqqa": 110, "deir-ez-zor": 130, "amouda": 40, "aleppo": 80}


def demo_logins():
    return [(f"{local}@{DEMO_DOMAIN}", Role(role).label) for local, _f, _l, role, _b, _o in USERS]


def is_loaded() -> bool:
    return User.objects.filter(email=f"admin@{DEMO_DOMAIN}").exists()


@ledger_write
def load_demo(*, people_per_branch: dict | None = None, seed: int = 2021) -> bool:
    """Load the demo once. Returns False when it was already there (nothing is duplicated).

    One ledger write (``@ledger_write``): all or nothing, and the thousands of service calls inside it
    announce one change, once the demo is committed (the dashboard's listener then queues one rebuild)."""
    if is_loaded():
        return False
    rng = random.Random(seed)
    places = {p.pcode: p for p in Place.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}

    branches = {}  # no service writes branches: they are set up once, in the Django admin
    for code, name_ar, name_en, pcode in BRANCHES:
        branches[code] = Branch.objects.create(code=code, name=name_ar, name_ar=name_ar, name_en=name_en,
                                               place=places[pcode])

    # The administrator first: every record below is written by them, through the services.
    admin = _user(*USERS[0], branches={}, organizations={})

    def org(branch, name_ar, name_en, kind, pcode, sectors=(), **extra):
        return organization_create(actor=admin, data={
            "branch": branches[branch] if branch else None, "name_ar": name_ar, "name_en": name_en, "kind": kind,
            "place": places[pcode] if pcode else None, "places_of_work": [places[pcode]] if pcode else [],
            "sectors": list(sectors), **extra,
        })

    for index, (branch, name_ar, name_en, pcode) in enumerate(SEED_CSOS):
        org(branch, name_ar, name_en, Kind.CSO, pcode,
            incubation_stage=[IncubationStage.INCUBATED, IncubationStage.GRADUATED][index % 2],
            licensing_status=[LicensingStatus.LICENSED, LicensingStatus.IN_PROGRESS, LicensingStatus.UNLICENSED][index % 3],
            founded_year=2015 + index % 6, sectors=rng.sample(list(sectors.values()), 2))

    wasl = org("aleppo", "شبكة وصل", "Wasl Network", Kind.NETWORK, "SY020400", founded_year=2020,
               description_ar="شبكة من منظمات المجتمع المدني المحلية في ريف حلب الشمالي والشرقي.",
               description_en="A network of local civil-society organizations in the northern and eastern Aleppo countryside.",
               sectors=[sectors["civil-society"], sectors["democracy"]])
    members = [org("aleppo", name_ar, name_en, Kind.CSO, pcode, incubation_stage=IncubationStage.INCUBATED,
                   sectors=rng.sample(list(sectors.values()), 2))
               for name_ar, name_en, pcode in WASL_MEMBERS]
    organization_update(actor=admin, organization=wasl, data={
        "members": members, "places_of_work": [places["SY020400"], places["SY0204"], places["SY0202"]]})

    org(None, "المساعدات الشعبية النرويجية", "Norwegian People's Aid", Kind.DONOR, None, acronym="NPA")
    for branch, name_ar, name_en, pcode in LOCAL_COUNCILS:
        org(branch, name_ar, name_en, Kind.LOCAL_COUNCIL, pcode, licensing_status=LicensingStatus.LICENSED)

    _people(rng, admin, branches, places, people_per_branch or PEOPLE_PER_BRANCH)

    organizations_by_name = {o.name_en: o for o in Organization.objects.all()}
    for row in USERS[1:]:
        _user(*row, branches=branches, organizations=organizations_by_name)

    # Each domain app adds its own demo records, in the order the apps declare, from madani/sampledata/demo/<app>.py: load(rng).
    for path in demo_steps():
        import_string(path)(rng)
    return True


def _user(local, first, last, role, branch_codes, organization, *, branches, organizations):
    """A login (no service writes users: the administrator invites them in the Django admin)."""
    user = User.objects.create_user(
        email=f"{local}@{DEMO_DOMAIN}", password=DEMO_PASSWORD, first_name=first, last_name=last, role=role,
        organization=organizations.get(organization), is_staff=role == Role.ADMINISTRATOR,
        is_superuser=role == Role.ADMINISTRATOR,
    )
    user.branches.set([branches[c] for c in branch_codes])
    return user


def _people(rng, actor, branches, places, per_branch):
    by_branch = {}
    for organization in Organization.objects.filter(kind__in=[Kind.CSO, Kind.NETWORK]):
        by_branch.setdefault(organization.branch_id, []).append(organization)
    today = datetime.date.today()
    for code, count in per_branch.items():
        branch = branches[code]
        home_places = [p for p in places.values() if p.pcode.startswith(branch.place.pcode[:4]) and p.level == "subdistrict"]
        people = []
        for _ in range(count):
            gender = Gender.MALE if rng.random() < 0.62 else Gender.FEMALE
            first = rng.choice(MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES)
            full_name = f"{first} {rng.choice(MALE_NAMES)} {rng.choice(FAMILY_NAMES)}"
            people.append(dict(
                full_name=full_name, gender=gender, birth_year=rng.randint(1966, 2005),
                disability=rng.random() < 0.05,
                displacement=rng.choices([Displacement.RESIDENT, Displacement.IDP, Displacement.RETURNEE], [70, 22, 8])[0],
                home_place=rng.choice(home_places), branch=branch,
                phone=f"+963 9{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
                consent_date=today - datetime.timedelta(days=rng.randint(10, 900)),
            ))
        people = [person_create(actor=actor, data=data) for data in people]
        organizations = by_branch.get(branch.pk, [])
        for person in people:
            if organizations and rng.random() < 0.8:
                affiliation_create(actor=actor, person=person, data={
                    "organization": rng.choice(organizations),
                    "role": rng.choice(["عضو", "منسق مشاريع", "مدير تنفيذي", "متطوع", "مسؤول مالي"]),
                    "start_date": today - datetime.timedelta(days=rng.randint(100, 1500)),
                })
    # A likely duplicate to show the merge: same person typed without hamza in another sheet.
    original = Person.objects.filter(branch=branches["deir-ez-zor"], full_name__startswith="أ").first()
    if original:
        person_create(actor=actor, data={
            "full_name": original.full_name.replace("أ", "ا"), "gender": original.gender,
            "birth_year": original.birth_year, "home_place": original.home_place, "branch": original.branch,
            "displacement": original.displacement,
        })
