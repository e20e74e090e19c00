"""The Wasl network (seed 004): nine CSOs of the northern and eastern Aleppo countryside, members since its
founding in 2020 or since they joined later, two of them not shown publicly (they work where being listed
is a risk), and its board chaired by Nevin Houtari. Everything is written through the networks services.
Its project "10% Youth" (five courses, 120 young people) is recorded by the activities demo."""

import datetime

from django.utils import timezone

from madani.accounts.models import User
from madani.networks import services
from madani.networks.models import MembershipKind, MembershipStatus, SeatRole
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
