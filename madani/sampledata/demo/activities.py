"""Demo ledger: the programs of the seed reports, seeds 000 and 001 recorded as they happened, and a
year of generated activity in the four demo branches, ending around today with a few planned ahead.

Runs first among the apps' demo steps (``demo_steps`` in the apps' ``AppConfig``), after the core demo
has created the branches, organizations, people and logins. Everything is recorded through the
ledger's services (``program_save``, ``activity_create``, ``session_create``, ``participation_add``,
``attendance_record``; people through ``person_create``), as staff record it; phases have no service of
their own (the program form's formset writes them) and are created directly.

Seed 000 (2021-07-23): two 3-day advocacy workshops of phase 3 of "Enhancing Participatory Democracy
in NES" (NPA) for members of the NES NGO Platform: 15 trainees in Hajin with Abdullah Obied, 8 in
Al-Kasra with Ali Iskan. The report gives neither the exact days nor the gender split; the demo
holds them on the three days before the report (20–22 July 2021) and splits 10/5 and 5/3.
Seed 001 (2021-01-04): the capacity-building project for 15 local CSOs in Raqqa and Deir ez-Zor,
30 beneficiaries (two per CSO): phase 1 workshops from the end of August 2020 (fundraising,
networking, strategic planning, SWOT, communication), phase 2 coaching of four days per
organization, from the end of September to the end of December 2020, to write its strategic plan.
"""

import calendar
import datetime

from madani.accounts.models import Role, User
from madani.activities import services
from madani.activities.models import CERTIFIED_KINDS, Kind, Phase, Program, Source, Status, Topic
from madani.branches.models import Branch
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization
from madani.people.models import Affiliation, Displacement, Gender, Person
from madani.people.services import affiliation_create, person_create
from madani.places.models import Place
from madani.sampledata.demo.core import DEMO_DOMAIN, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, SEED_CSOS
from madani.sampledata.scenarios import PLATFORM_MEMBERS, SEED_000_TOPICS, platform_create, seed_000_workshops

DAY = datetime.timedelta(days=1)

# Generated activities per branch over the last twelve months (plus a few planned ahead).
ACTIVITIES_PER_BRANCH = {"raqqa": 32, "deir-ez-zor": 36, "amouda": 16, "aleppo": 26}
PLANNED_PER_BRANCH = {"raqqa": 3, "deir-ez-zor": 3, "amouda": 1, "aleppo": 2}

KIND_WEIGHTS = {
    Kind.TRAINING: 22, Kind.WORKSHOP: 14, Kind.COACHING: 9, Kind.CONSULTATION: 16, Kind.TECHNICAL_SUPPORT: 18,
    Kind.NETWORKING: 7, Kind.LOCAL_ADMINISTRATION: 5, Kind.DIALOGUE: 6, Kind.ADVOCACY: 3,
}
# kind: (days from, days to, participants from, participants to)
KIND_SHAPE = {
    Kind.TRAINING: (3, 5, 12, 24),
    Kind.WORKSHOP: (1, 3, 10, 20),
    Kind.COACHING: (4, 4, 2, 3),
    Kind.CONSULTATION: (1, 1, 1, 3),
    Kind.TECHNICAL_SUPPORT: (1, 1, 1, 3),
    Kind.NETWORKING: (1, 1, 20, 40),
    Kind.LOCAL_ADMINISTRATION: (1, 1, 6, 12),
    Kind.DIALOGUE: (1, 1, 15, 30),
    Kind.ADVOCACY: (14, 21, 10, 25),
}
KIND_TOPICS = {
    Kind.TRAINING: ["project-management", "monitoring-evaluation", "financial-management", "human-resources",
                    "strategic-planning", "proposal-writing", "leadership", "advocacy", "operational-planning",
                    "fundraising", "communication", "governance"],
    Kind.WORKSHOP: ["advocacy", "networking", "swot", "needs-assessment", "participatory-democracy",
                    "political-participation", "communication", "fundraising"],
    Kind.COACHING: ["strategic-planning", "governance", "financial-management", "operational-planning"],
    Kind.CONSULTATION: ["strategic-planning", "project-management", "human-resources", "financial-management",
                        "monitoring-evaluation"],
    Kind.TECHNICAL_SUPPORT: ["project-management", "financial-management", "monitoring-evaluation",
                             "proposal-writing", "human-resources"],
    Kind.NETWORKING: ["networking"],
    Kind.LOCAL_ADMINISTRATION: ["networking", "political-participation"],
    Kind.DIALOGUE: ["participatory-democracy", "political-participation"],
    Kind.ADVOCACY: ["advocacy", "communication"],
}
# Seed 004: the "10% Youth" courses on leadership for advocacy, networks, political participation, needs.
YOUTH_TOPICS = ["leadership", "advocacy", "political-participation", "needs-assessment"]
# Titles: (Arabic, English) with {topic}, {organization}, {place} or {subject}.
KIND_TITLES = {
    Kind.TRAINING: ("دورة تدريبية في {topic}", "Training course on {topic}"),
    Kind.WORKSHOP: ("ورشة عمل حول {topic}", "Workshop on {topic}"),
    Kind.COACHING: ("جلسات صقل في {topic}: {organization}", "Coaching on {topic}: {organization}"),
    Kind.CONSULTATION: ("استشارة في {topic}: {organization}", "Consultation on {topic}: {organization}"),
    Kind.TECHNICAL_SUPPORT: ("دعم فني في {topic}: {organization}", "Technical support on {topic}: {organization}"),
    Kind.NETWORKING: ("لقاء تشبيك بين منظمات {place}", "Networking meeting of the CSOs of {place}"),
    Kind.LOCAL_ADMINISTRATION: ("لقاء تعارف بين المنظمات الشريكة و{organization}",
                                "Partner CSOs meet the {organization}"),
    Kind.DIALOGUE: ("جلسة حوارية حول {subject}", "Dialogue session on {subject}"),
    Kind.ADVOCACY: ("حملة مناصرة: {subject}", "Advocacy campaign: {subject}"),
}
# Subjects named in the seed reports (002: dialogue sessions; 003: the campaigns of partner CSOs).
DIALOGUE_SUBJECTS = [
    ("حقوق النازحين والعائدين واستقلاليتهم", "the rights and independence of IDPs and returnees"),
    ("الأمان النفسي والاجتماعي", "psychological and social safety"),
    ("مشاركة المرأة في المجالس المحلية", "women's participation in local councils"),
    ("السلم الأهلي وثقافة الحوار", "civil peace and the culture of dialogue"),
]
ADVOCACY_SUBJECTS = [
    ("دعم أطفال التلاسيميا", "support for children with thalassemia"),
    ("التوعية بمرض السكري", "diabetes awareness"),
    ("ضد الزواج المبكر", "against early marriage"),
    ("بيئة تعليمية نظيفة في المدارس", "a clean learning environment in schools"),
]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _mid_sentence(name: str) -> str:
    """"Strategic planning" → "strategic planning"; "SWOT analysis" stays."""
    return name if name.split()[0].isupper() else name[0].lower() + name[1:]


def _status(start, end, today) -> str:
    if end < today:
        return Status.COMPLETED
    return Status.ONGOING if start <= today else Status.PLANNED


class _Ledger:
    """Activities and their rows, drawn first (the random draws in a fixed order), then recorded through
    the ledger's services, in order: the activity, its sessions, its participants, who was present."""

    def __init__(self, today):
        self.today = today
        self.entries = []

    def add(self, activity, *, topics=(), facilitators=(), organizations=(), days=None, participants=(),
            attendance_rate=None, rng=None, all_present=False, everyone_once=False):
        """``activity``: its fields (``_activity``). ``participants``: (person, organization) pairs.
        ``days``: the sessions' dates (default: every day of the activity). Past sessions get
        attendance: everyone (``all_present``) or each participant with probability ``attendance_rate``;
        ``everyone_once``: a participant the draw left out of every past session attends the first one."""
        start, end = activity["start_date"], activity["end_date"]
        activity["status"] = _status(start, end, self.today)
        days = days or [start + n * DAY for n in range((end - start).days + 1)]
        present = {}
        for index, day in enumerate(days):
            if day > self.today:
                continue
            for person, _organization in participants:
                if all_present or rng.random() < attendance_rate:
                    present.setdefault(index, []).append(person)
        if everyone_once and days[0] <= self.today:
            seen = {person.pk for people in present.values() for person in people}
            present.setdefault(0, []).extend(person for person, _o in participants if person.pk not in seen)
        attended = {}
        for people in present.values():
            for person in people:
                attended[person.pk] = attended.get(person.pk, 0) + 1
        needed = max(1, round(len(days) * 2 / 3)) if activity["kind"] in CERTIFIED_KINDS else 1
        rows = [(person, organization,
                 activity["status"] == Status.COMPLETED and attended.get(person.pk, 0) >= needed)
                for person, organization in participants]
        organizations = list(organizations) or list({o for _p, o in participants if o is not None})
        self.entries.append((activity, list(topics), list(facilitators), organizations, days, rows, present))

    def save(self, actor):
        for fields, topics, facilitators, organizations, days, rows, present in self.entries:
            activity = services.activity_create(actor=actor, data={
                **fields, "topics": topics, "facilitators": facilitators, "target_organizations": organizations})
            facilitator = facilitators[0] if facilitators else None
            sessions = [services.session_create(actor=actor, activity=activity, data={
                "date": day, "place": activity.place, "facilitator": facilitator}) for day in days]
            for person, organization, completed in rows:
                services.participation_add(actor=actor, activity=activity, person=person, organization=organization,
                                           completed=completed, source=Source.SHEET)
            for index, people in present.items():
                services.attendance_record(actor=actor, session=sessions[index], present_ids=[p.pk for p in people],
                                           source=Source.SHEET)


def load(rng):
    today = datetime.date.today()
    branches = {b.code: b for b in Branch.objects.select_related("place")}
    if not branches:
        return
    places = Place.objects.in_bulk(field_name="pcode")
    topics = {t.code: t for t in Topic.objects.all()}
    organizations = {o.name_en: o for o in Organization.objects.all()}
    actor = User.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
    ledger = _Ledger(today)

    programs = _programs(actor, branches, organizations, today)
    trainers = _trainers(rng, actor, branches, places)
    _seed_000(rng, actor, programs, branches, places, topics, trainers)
    _seed_001(rng, actor, ledger, programs, branches, topics, trainers)
    _year(rng, ledger, programs, branches, places, topics, trainers, today, actor=actor)
    ledger.save(actor)


def _activity(kind, title_ar, title_en, program, phase, branch, place, start, end, **extra) -> dict:
    """An activity's fields, as ``activity_create`` takes them."""
    return {"kind": kind, "title_ar": title_ar, "title_en": title_en, "program": program, "phase": phase,
            "branch": branch, "place": place, "start_date": start, "end_date": end, **extra}


def _programs(actor, branches, organizations, today):
    def program(code, name_ar, name_en, start, end, donor=None, branch_codes=(), **extra):
        return services.program_save(actor=actor, program=Program(), data={
            "code": code, "donor": donor, "start_date": start, "end_date": end, "name_ar": name_ar, "name_en": name_en,
            "branches": [branches[c] for c in branch_codes if c in branches], **extra})

    def phase(p, number, start, end, branch_codes, name_ar="", name_en=""):
        # no service of its own: the program form's inline formset writes phases (program_save(phases=…))
        ph = Phase.objects.create(program=p, number=number, start_date=start, end_date=end, name=name_ar,
                                  name_ar=name_ar, name_en=name_en)
        ph.branches.set([branches[c] for c in branch_codes if c in branches])
        return ph

    year_start, year_end = _add_months(today, -12).replace(day=1), _add_months(today, 3)
    all_branches = list(branches)
    epd = program(
        "epd-nes", "تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا",
        "Enhancing Participatory Democracy in NES", datetime.date(2019, 1, 1), year_end,
        donor=organizations.get("Norwegian People's Aid"), branch_codes=all_branches,
        description_ar="مشروع مدعوم من منظمة المساعدات الشعبية النرويجية: تدريب أعضاء منصة مؤسسات المجتمع المدني "
                       "في شمال وشرق سوريا وتشجيع الحوار والتشبيك وبناء السلام.",
        description_en="Supported by Norwegian People's Aid: training for the members of the NES NGO Platform, "
                       "dialogue, networking and peace-building.",
    )
    capacity = program(
        "cso-capacity", "بناء قدرات المنظمات المحلية في الرقة ودير الزور",
        "Capacity building for local CSOs in Raqqa and Deir ez-Zor", datetime.date(2020, 8, 25), year_end,
        branch_codes=all_branches,
        description_ar="تطوير قدرات المنظمات المدنية المحلية: ورش تأهيلية ثم جلسات صقل (كوتشينج) لكل منظمة "
                       "لكتابة خطتها الاستراتيجية.",
        description_en="Developing local CSOs' capacities: workshops, then coaching for each organization to "
                       "write its strategic plan.",
    )
    youth = program(
        "youth-10", "مشروع 10% شباب", "10% Youth project", year_start, year_end, branch_codes=["aleppo"],
        description_ar="مشروع شبكة وصل: دورات في مهارات القيادة حول المناصرة وإدارة الشبكات وإعداد السياسات "
                       "المتعلقة بالمشاركة السياسية ودراسة الاحتياجات.",
        description_en="The Wasl network's project: leadership courses on advocacy, network management, "
                       "political-participation policies and needs assessment.",
    )
    return {
        "epd": epd,
        "epd-3": phase(epd, 3, datetime.date(2021, 4, 1), datetime.date(2021, 12, 31), ["deir-ez-zor", "amouda"],
                       "المرحلة الثالثة", "Phase 3"),
        "epd-4": phase(epd, 4, year_start, year_end, all_branches, "المرحلة الرابعة", "Phase 4"),
        "capacity": capacity,
        "capacity-1": phase(capacity, 1, datetime.date(2020, 8, 25), datetime.date(2020, 9, 25),
                            ["raqqa", "deir-ez-zor"], "الورش التأهيلية", "Workshops"),
        "capacity-2": phase(capacity, 2, datetime.date(2020, 9, 26), datetime.date(2020, 12, 31),
                            ["raqqa", "deir-ez-zor"], "جلسات الصقل", "Coaching"),
        "capacity-3": phase(capacity, 3, year_start, year_end, all_branches, "المرحلة الثالثة", "Phase 3"),
        "youth": youth,
    }


def _person(rng, branch, home_place, gender=None) -> dict:
    """The fields of a generated person, registered by the caller through ``person_create``."""
    gender = gender or (Gender.MALE if rng.random() < 0.62 else Gender.FEMALE)
    first = rng.choice(MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES)
    full_name = f"{first} {rng.choice(MALE_NAMES)} {rng.choice(FAMILY_NAMES)}"
    return {"full_name": full_name, "gender": gender, "birth_year": rng.randint(1968, 2003), "home_place": home_place,
            "branch": branch, "displacement": Displacement.RESIDENT}


def _trainers(rng, actor, branches, places):
    """The center's trainers: the two of seed 000 (Abdullah Obied is the demo trainer login) and
    three generated ones per branch."""
    deir = branches.get("deir-ez-zor")
    named = {}
    if deir:
        named["obeid"] = person_create(actor=actor, data={
            "full_name": "عبدالله عبيد", "name_latin": "Abdullah Obied", "gender": Gender.MALE, "birth_year": 1984,
            "branch": deir, "home_place": places.get("SY090201")})
        named["iskan"] = person_create(actor=actor, data={
            "full_name": "علي إسكان", "name_latin": "Ali Iskan", "gender": Gender.MALE, "birth_year": 1981,
            "branch": deir, "home_place": places.get("SY090101")})
        trainer = User.objects.filter(email=f"trainer@{DEMO_DOMAIN}", role=Role.TRAINER).first()
        if trainer:  # no service links a login to its person (the Django admin does)
            trainer.person = named["obeid"]
            trainer.save(update_fields=["person"])
    by_branch = {}
    for code, branch in branches.items():
        people = [_person(rng, branch, branch.place) for _ in range(3)]
        people = [person_create(actor=actor, data=data) for data in people]
        by_branch[code] = people + [p for p in named.values() if p.branch_id == branch.pk]
    return {"named": named, "by_branch": by_branch}


def _seed_000(rng, actor, programs, branches, places, topics, trainers):
    """Two 3-day advocacy workshops in Hajin (15 trainees) and Al-Kasra (8), 20–22 July 2021: the
    scenario of ``madani/sampledata/scenarios.py``, among the demo's records; each trainee then joins the
    organization they represented."""
    deir = branches.get("deir-ez-zor")
    if deir is None or "obeid" not in trainers["named"]:
        return
    by_name = {o.name_en: o for o in Organization.objects.filter(name_en__in=[en for _a, en, _p in PLATFORM_MEMBERS])}
    members = [by_name[en] for _a, en, _p in PLATFORM_MEMBERS if en in by_name]
    platform = platform_create(actor=actor, members=members)
    workshops = seed_000_workshops(
        actor=actor, branch=deir, program=programs["epd"], phase=programs["epd-3"], platform=platform,
        members=members, trainers=[trainers["named"]["obeid"], trainers["named"]["iskan"]],
        topics=[topics[c] for c in SEED_000_TOPICS if c in topics], places=places,
        new_person=lambda gender, place: _person(rng, deir, place, gender), rng=rng,
    )
    for workshop in workshops:
        for participation in workshop.participations.order_by("pk").select_related("person", "organization"):
            affiliation_create(actor=actor, person=participation.person, data={
                "organization": participation.organization, "role": "عضو", "start_date": datetime.date(2021, 1, 1)})


def _seed_001(rng, actor, ledger, programs, branches, topics, trainers):
    """Phase 1 workshops (end of August 2020) and phase 2 coaching, four days for each of the 15 CSOs
    (end of September to end of December 2020), two beneficiaries per CSO: 30 in all."""
    csos = list(Organization.objects.filter(name_en__in=[en for _b, _ar, en, _p in SEED_CSOS]).select_related("place"))
    csos.sort(key=lambda o: [en for _b, _ar, en, _p in SEED_CSOS].index(o.name_en))
    if not csos:
        return
    affiliated = {}
    for affiliation in Affiliation.objects.filter(organization__in=csos).select_related("person").order_by("pk"):
        affiliated.setdefault(affiliation.organization_id, []).append(affiliation.person)
    beneficiaries = {}
    for cso in csos:
        people = affiliated.get(cso.pk, [])[:2]
        while len(people) < 2:  # a CSO without enough people in the generated registry gets its own
            person = person_create(actor=actor, data=_person(rng, cso.branch, cso.place))
            affiliation_create(actor=actor, person=person, data={
                "organization": cso, "role": "منسق مشاريع", "start_date": datetime.date(2019, 6, 1)})
            people.append(person)
        beneficiaries[cso.pk] = people

    workshop_topics = [topics[c] for c in ("fundraising", "networking", "strategic-planning", "swot", "communication")
                       if c in topics]
    for code, start in (("raqqa", datetime.date(2020, 8, 25)), ("deir-ez-zor", datetime.date(2020, 8, 30))):
        branch = branches.get(code)
        if branch is None:
            continue
        own = [c for c in csos if c.branch_id == branch.pk]
        ledger.add(
            _activity(Kind.WORKSHOP, f"ورشة تأهيلية لبناء قدرات المنظمات المحلية في {branch.name_ar}",
                      f"Capacity-building workshop for local CSOs in {branch.name_en}",
                      programs["capacity"], programs["capacity-1"], branch, branch.place, start, start + 3 * DAY,
                      description_ar="جمع الأموال والتبرعات وأدوات التحضير الداخلي لها، التشبيك وأهدافه ومبادئه، "
                                     "التخطيط الاستراتيجي وتحليل سوات، وآليات التواصل والتنسيق.",
                      description_en="Fundraising and internal preparation for it, networking and its principles, "
                                     "strategic planning and SWOT analysis, communication and coordination."),
            topics=workshop_topics, facilitators=trainers["by_branch"][code][:1], organizations=own,
            participants=[(p, c) for c in own for p in beneficiaries[c.pk]], rng=rng, attendance_rate=0.92,
        )

    coaching_topics = [topics[c] for c in ("strategic-planning", "swot") if c in topics]
    goals = ("كتابة أو تطوير الخطة الاستراتيجية للمنظمة: الرؤية والرسالة والقيم، التحليل المؤسساتي (الشركاء ونقاط "
             "القوة والضعف والإنجازات)، الغايات للسنوات الثلاث أو الخمس المقبلة وجدولها الزمني، وآليات متابعة "
             "الخطة وتقييمها.")
    first, last = datetime.date(2020, 9, 27), datetime.date(2020, 12, 24)
    spacing = (last - first).days // max(1, len(csos) - 1)
    for index, cso in enumerate(csos):
        start = first + index * spacing * DAY
        code = next(b for b, branch in branches.items() if branch.pk == cso.branch_id)
        ledger.add(
            _activity(Kind.COACHING, f"جلسات صقل لكتابة الخطة الاستراتيجية: {cso.name_ar}",
                      f"Coaching to write the strategic plan: {cso.name_en}",
                      programs["capacity"], programs["capacity-2"], cso.branch, cso.place, start, start + 3 * DAY,
                      goals=goals),
            topics=coaching_topics, facilitators=trainers["by_branch"][code][1:2], organizations=[cso],
            participants=[(p, cso) for p in beneficiaries[cso.pk]], rng=rng, attendance_rate=0.95,
        )


YOUTH_TRAINED = 120  # seed 004: "trained 120 young women and men" in five courses
YOUTH_COURSES = 5


def _youth_cohort(actor, branch, pool, organizations, today):
    """The 120 young people (18 to 35 years old, half of them women) of the five "10% Youth" courses: the
    branch's young people first, then new ones registered for the project, 24 per course, each in one
    course only. Its own random stream, so the rest of the demo is drawn as before."""
    import random

    rng = random.Random(4)  # seed 004
    oldest, youngest = today.year - 34, today.year - 19  # 18 to 35 on every course's day
    young = {Gender.FEMALE: [], Gender.MALE: []}
    for person, organization in pool:
        if oldest <= person.birth_year <= youngest and person.gender in young:
            young[person.gender].append((person, organization))
    half = YOUTH_TRAINED // 2
    home_places = list(Place.objects.filter(pcode__startswith=branch.place.pcode[:4], level="subdistrict")
                       .order_by("pcode"))
    for gender, names in ((Gender.FEMALE, FEMALE_NAMES), (Gender.MALE, MALE_NAMES)):
        while len(young[gender]) < half:
            person = person_create(actor=actor, data={
                "full_name": f"{rng.choice(names)} {rng.choice(MALE_NAMES)} {rng.choice(FAMILY_NAMES)}",
                "gender": gender, "birth_year": rng.randint(oldest, youngest), "branch": branch,
                "home_place": rng.choice(home_places) if home_places else branch.place,
                "displacement": rng.choices([Displacement.RESIDENT, Displacement.IDP], [75, 25])[0],
                "consent_date": today - rng.randint(30, 360) * DAY})
            young[gender].append((person, rng.choice(organizations) if organizations else None))
    women, men = rng.sample(young[Gender.FEMALE], half), rng.sample(young[Gender.MALE], half)
    per_course = half // YOUTH_COURSES
    return [women[n * per_course:(n + 1) * per_course] + men[n * per_course:(n + 1) * per_course]
            for n in range(YOUTH_COURSES)]


def _year(rng, ledger, programs, branches, places, topics, trainers, today, actor=None):
    """About 120 activities over the last twelve months, at least one per branch and month, with a
    few planned in the coming weeks. The demo trainer facilitates several in Deir ez-Zor."""
    people, orgs, venues, councils = {}, {}, {}, {}
    for affiliation in (Affiliation.objects.filter(end_date__isnull=True, person__branch__in=branches.values())
                        .select_related("person", "organization").order_by("pk")):
        people.setdefault(affiliation.person.branch_id, {})[affiliation.person_id] = (
            affiliation.person, affiliation.organization)
    for person in Person.objects.filter(branch__in=branches.values()).exclude(
            pk__in=[p.pk for group in trainers["by_branch"].values() for p in group]).order_by("pk"):
        people.setdefault(person.branch_id, {}).setdefault(person.pk, (person, None))
    for organization in Organization.objects.filter(branch__in=branches.values()).select_related("place"):
        if organization.kind == OrganizationKind.LOCAL_COUNCIL:
            councils.setdefault(organization.branch_id, []).append(organization)
        elif organization.kind == OrganizationKind.CSO:
            orgs.setdefault(organization.branch_id, []).append(organization)
        if organization.place_id:
            venues.setdefault(organization.branch_id, set()).add(organization.place)
    obeid = trainers["named"].get("obeid")
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    this_month = today.replace(day=1)

    for code, branch in branches.items():
        pool = list(people.get(branch.pk, {}).values())
        if not pool:
            continue
        branch_venues = [branch.place, branch.place, *sorted(venues.get(branch.pk, ()), key=lambda p: p.pcode)]
        count = ACTIVITIES_PER_BRANCH.get(code, 10)
        starts = []
        for n in range(count):  # the first twelve: one in each of the last twelve months (this one included)
            month = _add_months(this_month, -(n % 12) if n < 12 else -rng.randrange(12))
            last_day = calendar.monthrange(month.year, month.month)[1]
            if month == this_month:
                last_day = max(1, today.day)
            starts.append(month.replace(day=rng.randint(1, last_day)))
        starts += [today + rng.randint(7, 45) * DAY for _ in range(PLANNED_PER_BRANCH.get(code, 1))]
        youth_courses = YOUTH_COURSES if code == "aleppo" else 0
        cohorts = _youth_cohort(actor, branch, pool, orgs.get(branch.pk, []), today) if youth_courses else []
        for n, start in enumerate(sorted(starts)):
            kind = rng.choices(kinds, weights)[0]
            youth = youth_courses > 0 and n % 4 == 1 and start <= today
            if youth:
                kind, youth_courses = Kind.TRAINING, youth_courses - 1
            low, high, p_low, p_high = KIND_SHAPE[kind]
            length = rng.randint(low, high)
            end = start + (length - 1) * DAY
            days = None
            if kind == Kind.ADVOCACY:  # a campaign: three event days over two or three weeks
                days = sorted({start, start + rng.randint(3, length - 3) * DAY, end})
            topic = topics.get(rng.choice(KIND_TOPICS[kind]))
            if youth:
                topic = topics.get(rng.choice(YOUTH_TOPICS))
            organization = rng.choice(orgs[branch.pk]) if orgs.get(branch.pk) else None
            size = min(rng.randint(p_low, p_high), len(pool))
            if kind in (Kind.COACHING, Kind.CONSULTATION, Kind.TECHNICAL_SUPPORT) and organization:
                own = [pair for pair in pool if pair[1] == organization]
                participants = rng.sample(own, min(size, len(own))) or rng.sample(pool, size)
                participants = [(person, organization) for person, _o in participants]
                served = [organization]
            else:
                participants, served = rng.sample(pool, size), []
            if youth:  # 5 courses, 120 young people, half of them women (seed 004)
                young = [pair for pair in pool if pair[0].birth_year >= today.year - 35]
                young = young if len(young) >= 24 else pool
                rng.sample(young, min(24, len(young)))  # the draw the demo made before: kept, so the rest of
                # the demo is drawn as it was; the course's people are its cohort
                participants = cohorts[YOUTH_COURSES - 1 - youth_courses]
            council = (councils.get(branch.pk) or [None])[0]
            if kind == Kind.LOCAL_ADMINISTRATION and council:
                served = [council]
            subject = rng.choice(ADVOCACY_SUBJECTS if kind == Kind.ADVOCACY else DIALOGUE_SUBJECTS)
            named = council if kind == Kind.LOCAL_ADMINISTRATION else organization
            values_ar = {"topic": topic.name_ar if topic else "", "place": branch.name_ar, "subject": subject[0],
                         "organization": named.name_ar if named else branch.name_ar}
            values_en = {"topic": _mid_sentence(topic.name_en) if topic else "", "place": branch.name_en,
                         "subject": subject[1], "organization": named.name_en if named else branch.name_en}
            title_ar, title_en = KIND_TITLES[kind][0].format(**values_ar), KIND_TITLES[kind][1].format(**values_en)
            if youth:
                title_ar, title_en = f"مشروع 10% شباب: {title_ar}", f"10% Youth: {title_en}"
                program, phase = programs["youth"], None
            elif kind in (Kind.DIALOGUE, Kind.ADVOCACY, Kind.NETWORKING, Kind.LOCAL_ADMINISTRATION, Kind.WORKSHOP):
                program, phase = programs["epd"], programs["epd-4"]
            else:
                program, phase = programs["capacity"], programs["capacity-3"]
            facilitators = [rng.choice(trainers["by_branch"][code])]
            if obeid and code == "deir-ez-zor" and kind in (Kind.TRAINING, Kind.WORKSHOP):
                facilitators = [obeid]  # the demo trainer login's own activities
            place = rng.choice(branch_venues)
            if served and served == [organization] and organization.place:
                place = organization.place  # coaching, consultations: at the organization
            ledger.add(
                _activity(kind, title_ar, title_en, program, phase, branch, place, start, end),
                topics=[topic] if topic else [], facilitators=facilitators, organizations=served, days=days,
                participants=participants, rng=rng, attendance_rate=rng.uniform(0.8, 0.95), everyone_once=youth,
            )
