"""Elections for tests, written through the services (also used by tests/test_url_access.py)."""

import datetime
import uuid

from django.utils import timezone

from madani.elections import services
from madani.elections.models import Status
from tests.factories import PersonFactory, ProgramFactory, UserFactory, place


def make_election(staff, branch, *, forms=False, title="انتخابات مجلس تركمان بارح", registered=(400, 300)):
    program = ProgramFactory()
    program.branches.set([branch])
    election = services.election_create(actor=staff, data={
        "title_ar": title, "title_en": "Turkman Barih council election", "branch": branch,
        "place": place("SY020401"), "town_ar": "تركمان بارح", "town_en": "Turkman Barih",
        "date": timezone.localdate(), "seats": 3, "program": program, "coordinator": staff})
    for n, registered_voters in enumerate(registered, start=1):
        services.center_create(actor=staff, election=election, data={
            "code": f"C{n}", "name": f"مدرسة {n}", "place": place("SY020401"), "location": f"شارع السوق رقم {n}",
            "registered_voters": registered_voters, "stations": 2})
    for n in (1, 2):
        person = PersonFactory(branch=branch, full_name=f"مراقبة سرية {n}", gender="female")
        services.observer_assign(actor=staff, election=election, data={
            "person": person, "code": f"O{n}", "center": election.centers.get(code="C1"), "accreditation": f"A-{n}"})
    if forms:
        services.election_forms_install(actor=staff, election=election)
    return election


def to_counting(staff, election):
    for status in (Status.CAMPAIGN, Status.POLLING, Status.COUNTING):
        election = services.election_move(actor=staff, election=election, status=status)
    return election


def published(staff, branch):
    """An election whose results are published: two centers, each entered twice and equal."""
    election = make_election(staff, branch, title="انتخابات مجلس تلعر")
    other = UserFactory(email=f"second.{uuid.uuid4().hex[:6]}@example.org", role=staff.role, branches=[branch])
    women = services.candidate_add(actor=staff, election=election, data={"name": "هدى", "gender": "female"})
    men = [services.candidate_add(actor=staff, election=election, data={"name": f"مرشح {n}", "gender": "male"})
           for n in range(3)]
    election = to_counting(staff, election)
    for center, (voters, women_voters) in zip(election.centers.order_by("code"), [(300, 120), (200, 90)], strict=True):
        data = {"voters": voters, "women_voters": women_voters, "ballots": voters, "valid": voters - 10, "invalid": 6,
                "blank": 4, "votes": {str(women.pk): voters // 2, **{str(m.pk): 10 + i for i, m in enumerate(men)}}}
        services.result_enter(actor=staff, center=center, data=data)
        services.result_enter(actor=other, center=center, data=data)
        services.turnout_record(actor=staff, center=center, slot=datetime.time(12), voters=voters // 2,
                                women_voters=women_voters // 2)
    return services.results_publish(actor=staff, election=election)


def incident_data(center, category="intimidation"):
    return {"center": center, "category": category, "severity": "high", "description": "ضغط على الناخبين"}


def new_id():
    return f"uuid:{uuid.uuid4()}"
