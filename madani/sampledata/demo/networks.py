"""The Wasl network (seed 004): nine CSOs of the northern and eastern Aleppo countryside, members since its
founding in 2020 or since they joined later, two of them not shown publicly (they work where being listed
is a risk), and its board chaired by Nevin Houtari; the preparatory meetings at each member's office, the
general meeting that set the network's rules and plans (with its numbered decisions and approved minutes),
the directors' consultation on each member's strategic plan, and visits to the Azaz local council for the
members' licensing — each meeting a ledger activity of the program "Wasl network". Everything is written
through the networks services. Its project "10% Youth" (five courses, 120 young people) is recorded by
the activities demo."""

import datetime

from django.utils import timezone

from madani.accounts.models import User
from madani.activities.models import Program
from madani.activities.services import program_save
from madani.networks import services
from madani.networks.models import (
    DecisionStatus,
    MeetingKind,
    MembershipKind,
    MembershipStatus,
    MinutesStatus,
    SeatRole,
)
from madani.organizations.models import Organization
from madani.people import services as people
from madani.people.models import Person
from madani.places.models import Place
from madani.sampledata.demo.core import DEMO_DOMAIN

FOUNDED = datetime.date(2020, 3, 1)
# English name, type, joined on, shown publicly
MEMBERS = [
    ("Azaz Youth Initiative", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Al-Bab Women's Organization", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Mare' Development Association", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Bridges of Peace", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("Voice of the Countryside Team", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), False),
    ("A Better Tomorrow", MembershipKind.FOUNDING, datetime.date(2020, 6, 1), True),
    ("We Are Here Initiative", MembershipKind.FULL, datetime.date(2021, 2, 15), False),
    ("Civic House Association", MembershipKind.FULL, datetime.date(2021, 2, 15), True),
    ("Qalam for Education", MembershipKind.FULL, datetime.date(2021, 9, 1), True),
]
# role, member (English name)
BOARD = [
    (SeatRole.CHAIR, "Al-Bab Women's Organization"),
    (SeatRole.VICE_CHAIR, "Azaz Youth Initiative"),
    (SeatRole.SECRETARY, "Civic House Association"),
    (SeatRole.TREASURER, "Mare' Development Association"),
    (SeatRole.MEMBER, "Voice of the Countryside Team"),
]


def load(rng):
    wasl = Organization.objects.filter(name_en="Wasl Network").first()
    if wasl is None:
        return
    admin = User.objects.get(email=f"admin@{DEMO_DOMAIN}")
    organizations = {o.name_en: o for o in Organization.objects.filter(name_en__in=[m[0] for m in MEMBERS])}
    memberships = {}
    for name, kind, joined, shown in MEMBERS:
        memberships[name] = services.membership_create(actor=admin, network=wasl, data={
            "organization": organizations[name], "kind": kind, "status": MembershipStatus.ACTIVE,
            "applied_on": FOUNDED if kind == MembershipKind.FOUNDING else joined - datetime.timedelta(days=45),
            "joined_on": joined, "shown_publicly": shown})

    nevin = people.person_create(actor=admin, data={
        "full_name": "نيفين حوتري", "name_latin": "Nevin Houtari", "gender": "female", "birth_year": 1986,
        "branch": wasl.branch, "home_place": Place.objects.get(pcode="SY020200"), "consent_date": FOUNDED})
    aleppo = [p for p in Person.objects.filter(branch=wasl.branch).order_by("pk") if p.pk != nevin.pk]
    others = iter(rng.sample(aleppo, len(BOARD) - 1))
    today = timezone.localdate()
    term_start = datetime.date(today.year - 1, 7, 1)
    for role, member in BOARD:
        person = nevin if role == SeatRole.CHAIR else next(others)
        people.affiliation_ensure(actor=admin, person=person, organization=organizations[member])
        services.seat_create(actor=admin, network=wasl, data={
            "membership": memberships[member], "person": person, "role": role, "term_start": term_start,
            "term_end": term_start.replace(year=term_start.year + 2) - datetime.timedelta(days=1)})

    _meetings(rng, admin, wasl, memberships, organizations)


DECISIONS = [
    # text, votes (for, against, abstaining), owner, days until due, status
    ("اعتماد النظام الداخلي للشبكة وآلية اتخاذ القرار بالأغلبية", (8, 0, 0), "Al-Bab Women's Organization", 30,
     DecisionStatus.DONE),
    ("اعتماد خطة عمل الشبكة للعام الأول وتوزيع المهام بين الأعضاء", (7, 0, 1), "Civic House Association", 60,
     DecisionStatus.DONE),
    ("تشكيل لجنة لمتابعة ترخيص المنظمات الأعضاء لدى المجالس المحلية", (6, 1, 1), "Azaz Youth Initiative", 120,
     DecisionStatus.IN_PROGRESS),
]


def _meetings(rng, admin, wasl, memberships, organizations):
    program = program_save(actor=admin, program=Program(), data={
        "code": "wasl-network", "name": "شبكة وصل", "name_ar": "شبكة وصل", "name_en": "Wasl network",
        "start_date": datetime.date(2020, 3, 1), "end_date": None, "branches": [wasl.branch],
        "description_ar": "اجتماعات شبكة وصل وزياراتها.", "description_en": "The Wasl network's meetings and visits."})
    staff = {}
    pool = list(Person.objects.filter(branch=wasl.branch).order_by("pk"))
    for name, membership in memberships.items():
        people_of = [a.person for a in organizations[name].affiliations.select_related("person")]
        for person in rng.sample(pool, 2 - min(len(people_of), 2)):
            people.affiliation_ensure(actor=admin, person=person, organization=organizations[name])
            people_of.append(person)
        staff[name] = people_of[:2]

    def held(meeting, names, per_member=1):
        present = [(person, memberships[name]) for name in names for person in staff[name][:per_member]]
        return services.meeting_record_attendance(actor=admin, meeting=meeting, present=present)

    day = datetime.date(2020, 4, 5)
    for n, (name, _kind, _joined, _shown) in enumerate(MEMBERS[:6]):  # the founders, at their offices
        meeting = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
            "kind": MeetingKind.PREPARATORY, "title": f"اجتماع تمهيدي في مقر {organizations[name].name_ar}",
            "date": day + datetime.timedelta(days=4 * n), "host": memberships[name],
            "agenda": "التعريف بفكرة الشبكة ومبادئها، وتطلعات فريق المنظمة منها"})
        held(meeting, [name], per_member=2)

    general = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
        "kind": MeetingKind.GENERAL_ASSEMBLY, "title": "الاجتماع العام الأول لشبكة وصل", "date": datetime.date(2020, 6, 20),
        "agenda": "1. آليات عمل الشبكة\n2. خطة العام الأول\n3. دعم ترخيص المنظمات الأعضاء", "quorum_percent": 51})
    general = held(general, [name for name, *_rest in MEMBERS if name != "We Are Here Initiative"][:8])
    for text, (yes, no, abstain), owner, due, status in DECISIONS:
        decision = services.decision_record(actor=admin, meeting=general, data={
            "text": text, "votes_for": yes, "votes_against": no, "votes_abstaining": abstain,
            "owner": memberships[owner], "due_date": general.date + datetime.timedelta(days=due)})
        services.decision_move(actor=admin, decision=decision, status=DecisionStatus.IN_PROGRESS)
        if status == DecisionStatus.DONE:
            services.decision_move(actor=admin, decision=decision, status=DecisionStatus.DONE)
    services.minutes_save(actor=admin, meeting=general, text=(
        "عُقد الاجتماع العام الأول لشبكة وصل بحضور ممثلي ثماني منظمات من أصل تسع. ناقش الحاضرون آليات عمل "
        "الشبكة وخطتها للعام الأول ودعم ترخيص المنظمات الأعضاء، واتخذوا القرارات المرقمة 1 إلى 3."))
    services.minutes_move(actor=admin, meeting=general, status=MinutesStatus.CIRCULATED)
    services.minutes_move(actor=admin, meeting=general, status=MinutesStatus.APPROVED, on=datetime.date(2020, 7, 5))

    directors = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
        "kind": MeetingKind.DIRECTORS, "title": "الاجتماع التشاوري لمديري المنظمات الأعضاء",
        "date": datetime.date(2021, 10, 12),
        "agenda": "مراجعة الخطة الاستراتيجية لكل منظمة عضو وتبادل الملاحظات"})
    held(directors, [name for name, *_rest in MEMBERS])
    services.minutes_save(actor=admin, meeting=directors, text=(
        "راجع المديرون والمديرات الخطط الاستراتيجية للمنظمات التسع، وتبادلوا الملاحظات حول الأولويات "
        "ومصادر التمويل والتشبيك مع المجالس المحلية."))
    services.minutes_move(actor=admin, meeting=directors, status=MinutesStatus.CIRCULATED)

    for n, names in enumerate([["Azaz Youth Initiative", "Bridges of Peace"], ["Qalam for Education", "Civic House Association"]]):
        visit = services.meeting_schedule(actor=admin, network=wasl, program=program, data={
            "kind": MeetingKind.AUTHORITY_VISIT, "title": "زيارة المجلس المحلي في أعزاز لتسهيل ترخيص المنظمات الأعضاء",
            "date": datetime.date(2021, 3, 8) + datetime.timedelta(days=30 * n),
            "agenda": "متطلبات الترخيص ووثائقه، ومتابعة طلبات المنظمات الأعضاء"})
        held(visit, names)
