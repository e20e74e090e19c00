"""Meetings, minutes and decisions: the rules the network's records must keep."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from madani.activities.models import Attendance, Kind, Participation
from madani.networks import services
from madani.networks.models import DecisionStatus, MeetingKind, MeetingStatus, MinutesStatus
from tests.factories import ProgramFactory

from .conftest import representative

pytestmark = pytest.mark.django_db
HELD_ON = datetime.date.today() - datetime.timedelta(days=10)


@pytest.fixture
def general_meeting(staff_a, network_a, members_a, branch_a):
    program = ProgramFactory(code="wasl", name_ar="شبكة وصل")
    return services.meeting_schedule(actor=staff_a, network=network_a, program=program, data={
        "kind": MeetingKind.GENERAL_ASSEMBLY, "title": "الاجتماع العام لشبكة وصل", "date": HELD_ON,
        "agenda": "آليات عمل الشبكة وخططها", "quorum_percent": 51})


def attend(actor, meeting, memberships):
    return services.meeting_record_attendance(actor=actor, meeting=meeting,
                                              present=[(representative(m), m) for m in memberships])


def decide(actor, meeting, votes=(2, 0, 0)):
    return services.decision_record(actor=actor, meeting=meeting, data={
        "text": "اعتماد النظام الداخلي", "votes_for": votes[0], "votes_against": votes[1],
        "votes_abstaining": votes[2]})


def test_a_meeting_is_a_ledger_activity_with_its_attendance(staff_a, general_meeting, members_a):
    attend(staff_a, general_meeting, members_a[:2])
    activity = general_meeting.activity
    assert activity.kind == Kind.NETWORKING and activity.start_date == HELD_ON
    assert Participation.objects.filter(activity=activity).count() == 2
    assert Attendance.objects.filter(session__activity=activity).count() == 2
    assert set(activity.target_organizations.all()) == {m.organization for m in members_a}


def test_a_hidden_member_counts_in_the_quorum(staff_a, general_meeting, members_a):
    # Two of three active members (the third hidden from the public) is 67% ≥ 51%.
    meeting = attend(staff_a, general_meeting, [members_a[0], members_a[2]])
    assert meeting.voting_members == 3 and meeting.present_count == 2 and meeting.has_quorum


def test_a_decision_without_quorum_is_refused(staff_a, general_meeting, members_a):
    meeting = attend(staff_a, general_meeting, members_a[:1])  # one of three
    with pytest.raises(ValidationError, match="No quorum"):
        decide(staff_a, meeting, votes=(1, 0, 0))
    assert not meeting.decisions.exists()


def test_votes_never_exceed_the_members_present(staff_a, general_meeting, members_a):
    meeting = attend(staff_a, general_meeting, members_a[:2])
    with pytest.raises(ValidationError, match="only 2 member organizations"):
        decide(staff_a, meeting, votes=(2, 1, 0))
    first, second = decide(staff_a, meeting, votes=(1, 0, 1)), decide(staff_a, meeting)
    assert (first.number, second.number) == (1, 2)  # numbered per network


def test_approved_minutes_are_locked_and_an_edit_makes_a_version(staff_a, general_meeting, members_a):
    meeting = attend(staff_a, general_meeting, members_a)
    with pytest.raises(ValidationError):
        services.minutes_move(actor=staff_a, meeting=meeting, status=MinutesStatus.APPROVED)  # not circulated
    services.minutes_save(actor=staff_a, meeting=meeting, text="المحضر الأول")
    services.minutes_move(actor=staff_a, meeting=meeting, status=MinutesStatus.CIRCULATED)
    approved = services.minutes_move(actor=staff_a, meeting=meeting, status=MinutesStatus.APPROVED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.APPROVED
    with pytest.raises(ValidationError, match="locked"):
        decide(staff_a, meeting)
    corrected = services.minutes_save(actor=staff_a, meeting=meeting, text="المحضر بعد التصحيح")
    approved.refresh_from_db()
    assert approved.text == "المحضر الأول" and approved.status == MinutesStatus.APPROVED
    assert corrected.version == 2 and corrected.status == MinutesStatus.DRAFTED


def test_decision_follow_up(staff_a, general_meeting, members_a):
    decision = decide(staff_a, attend(staff_a, general_meeting, members_a))
    services.decision_move(actor=staff_a, decision=decision, status=DecisionStatus.IN_PROGRESS)
    services.decision_move(actor=staff_a, decision=decision, status=DecisionStatus.DONE)
    with pytest.raises(ValidationError):
        services.decision_move(actor=staff_a, decision=decision, status=DecisionStatus.DROPPED)


def test_a_meeting_not_yet_held_takes_no_attendance(staff_a, network_a, members_a):
    meeting = services.meeting_schedule(actor=staff_a, network=network_a, program=ProgramFactory(), data={
        "kind": MeetingKind.PREPARATORY, "title": "اجتماع تمهيدي", "host": members_a[0],
        "date": datetime.date.today() + datetime.timedelta(days=5)})
    with pytest.raises(ValidationError, match="not taken place"):
        attend(staff_a, meeting, members_a[:1])
    assert list(meeting.activity.target_organizations.all()) == [members_a[0].organization]


def test_quorum_counts_the_members_of_the_meetings_day_not_of_the_recording_day(staff_a, general_meeting,
                                                                                 members_a, network_a, branch_a):
    from tests.factories import OrganizationFactory

    # A member that joined after the meeting does not count; one that withdrew after it does.
    late = services.membership_create(actor=staff_a, network=network_a, data={
        "organization": OrganizationFactory(branch=branch_a), "status": "active",
        "applied_on": HELD_ON, "joined_on": HELD_ON + datetime.timedelta(days=5)})
    services.membership_move(actor=staff_a, membership=members_a[1], status="withdrawn",
                             on=HELD_ON + datetime.timedelta(days=3))
    meeting = attend(staff_a, general_meeting, [members_a[0], members_a[1]])
    assert meeting.voting_members == 3 and meeting.has_quorum  # a, b (withdrawn since) and the hidden c
    with pytest.raises(ValidationError, match="not a member of the network on the day"):
        services.meeting_record_attendance(actor=staff_a, meeting=meeting,
                                           present=[(representative(members_a[0]), late)])
