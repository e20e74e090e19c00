"""The rules of an election's records (issue 16, "Tests that must exist")."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from madani.elections import services
from madani.elections.models import Checklist, Incident, ResultStatus, Status, Verification
from tests.factories import UserFactory

from .builders import incident_data, make_election, new_id, published, to_counting

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(staff_a, branch_a):
    return make_election(staff_a, branch_a)


def _checklist(staff, election, form="counting", observer="O1", center="C1", **answers):
    return services.checklist_record(actor=staff, election=election, form=form, instance_id=new_id(),
                                     answers={"center": center, "observer": observer, **answers})[0]


def test_women_voters_above_voters_is_flagged(staff_a, election):
    checklist = _checklist(staff_a, election, form="women_access", voters=100, women_voters=120)
    assert checklist.problems == ["women_above_voters"]


def test_voters_above_registered_is_flagged(staff_a, election):
    checklist = _checklist(staff_a, election, voters=401, women_voters=100, ballots=401, valid=400, invalid=1, blank=0)
    assert checklist.problems == ["voters_above_registered"]


def test_ballots_must_equal_valid_invalid_and_blank(staff_a, election):
    wrong = _checklist(staff_a, election, voters=300, women_voters=100, ballots=300, valid=280, invalid=10, blank=5)
    right = _checklist(staff_a, election, observer="O2", voters=300, women_voters=100, ballots=300, valid=285,
                       invalid=10, blank=5)
    assert wrong.problems == ["ballots_arithmetic"]
    assert right.problems == []


def test_conflicting_observers_at_one_center_are_marked(staff_a, election):
    first = _checklist(staff_a, election, form="armed_presence", phase="midday", armed_inside="no", armed_outside="no",
                       intimidation="no")
    agreeing = _checklist(staff_a, election, form="armed_presence", observer="O2", phase="midday", armed_inside="no",
                          armed_outside="no", intimidation="no")
    first.refresh_from_db()
    assert not first.conflict and not agreeing.conflict
    disagreeing = _checklist(staff_a, election, form="armed_presence", observer="O2", phase="midday",
                             armed_inside="yes", armed_outside="no", intimidation="no")
    first.refresh_from_db()
    assert disagreeing.conflict and first.conflict
    # Rejecting the disagreeing checklist settles the conflict.
    services.checklist_verify(actor=staff_a, checklist=disagreeing, status=Verification.REJECTED)
    first.refresh_from_db()
    assert not first.conflict


def test_a_checklist_with_problems_is_verified_only_with_a_reason(staff_a, election):
    checklist = _checklist(staff_a, election, form="women_access", voters=100, women_voters=120)
    with pytest.raises(ValidationError):
        services.checklist_verify(actor=staff_a, checklist=checklist, status=Verification.VERIFIED)
    services.checklist_verify(actor=staff_a, checklist=checklist, status=Verification.VERIFIED,
                              note="الرقم مصحح من سجل المركز")
    assert Checklist.objects.get(pk=checklist.pk).status == Verification.VERIFIED


def test_the_same_checklist_sent_twice_is_one(staff_a, election):
    answers = {"center": "C1", "observer": "O1", "opened_on_time": "yes"}
    one, created = services.checklist_record(actor=staff_a, election=election, form="opening", instance_id="uuid:1",
                                             answers=answers)
    again, created_again = services.checklist_record(actor=staff_a, election=election, form="opening",
                                                     instance_id="uuid:1", answers=answers)
    assert created and not created_again and one.pk == again.pk and Checklist.objects.count() == 1


def test_the_same_incident_reported_twice_is_one(staff_a, election):
    center = election.centers.get(code="C1")
    first, created = services.incident_report(actor=staff_a, election=election, instance_id="uuid:x",
                                              data=incident_data(center))
    second, created_again = services.incident_report(actor=staff_a, election=election, instance_id="uuid:x",
                                                     data=incident_data(center))
    assert created and not created_again and first.pk == second.pk and Incident.objects.count() == 1


def test_an_observer_unsafe_alerts_the_coordinator_at_once(staff_a, election):
    center = election.centers.get(code="C1")
    observer = election.observers.get(code="O1")
    incident, _created = services.incident_report(actor=staff_a, election=election, instance_id=new_id(), data={
        **incident_data(center, "observer_safety"), "observer": observer, "severity": "low"})
    assert incident.alerted_at is not None and incident.severity == "critical"
    assert [m.to for m in mail.outbox] == [[staff_a.email]]
    observer.refresh_from_db()
    assert observer.unsafe_since is not None


def test_the_incident_workflow(staff_a, election):
    incident, _created = services.incident_report(actor=staff_a, election=election, instance_id=new_id(),
                                                  data=incident_data(election.centers.get(code="C1")))
    with pytest.raises(ValidationError):
        services.incident_move(actor=staff_a, incident=incident, status="resolved")
    for status in ("verified", "escalated", "resolved"):
        incident = services.incident_move(actor=staff_a, incident=incident, status=status)
    assert incident.status == "resolved"


def _result(voters=300, women=120, valid=290, invalid=6, blank=4, votes=None):
    return {"voters": voters, "women_voters": women, "ballots": voters, "valid": valid, "invalid": invalid,
            "blank": blank, "votes": votes or {}}


def test_results_cannot_be_published_while_the_two_entries_differ(staff_a, branch_a, election):
    second = UserFactory(email="second@example.org", role="me_officer", branches=[branch_a])
    third = UserFactory(email="third@example.org", role="me_officer", branches=[branch_a])
    election = to_counting(staff_a, election)
    c1, c2 = election.centers.order_by("code")
    services.result_enter(actor=staff_a, center=c1, data=_result())
    with pytest.raises(ValidationError, match="someone else"):
        services.result_enter(actor=staff_a, center=c1, data=_result())
    result = services.result_enter(actor=second, center=c1, data=_result(valid=289, invalid=7))
    assert result.status == ResultStatus.DIFFER
    services.result_enter(actor=staff_a, center=c2, data=_result(voters=200, women=80, valid=190))
    services.result_enter(actor=second, center=c2, data=_result(voters=200, women=80, valid=190))
    with pytest.raises(ValidationError, match="differ"):
        services.results_publish(actor=staff_a, election=election)
    with pytest.raises(ValidationError):  # who entered one of the figures does not reconcile them
        services.result_reconcile(actor=second, result=result, data=_result())
    services.result_reconcile(actor=third, result=result, data=_result())
    election = services.results_publish(actor=staff_a, election=election)
    assert election.status == Status.PUBLISHED


def test_a_result_entry_is_checked(staff_a, election):
    election = to_counting(staff_a, election)
    center = election.centers.get(code="C1")
    with pytest.raises(ValidationError):
        services.result_enter(actor=staff_a, center=center, data=_result(valid=100))
    with pytest.raises(ValidationError):
        services.result_enter(actor=staff_a, center=center, data=_result(women=301))


def test_publishing_allocates_the_seats(staff_a, branch_a):
    election = published(staff_a, branch_a)
    elected = election.candidates.filter(elected=True)
    assert elected.count() == election.seats
    assert elected.filter(gender="female").count() == 1


def test_the_election_moves_one_step_at_a_time(staff_a, election):
    with pytest.raises(ValidationError):
        services.election_move(actor=staff_a, election=election, status=Status.POLLING)
    with pytest.raises(ValidationError):
        services.election_move(actor=staff_a, election=election, status=Status.PUBLISHED)
