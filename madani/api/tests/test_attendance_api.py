"""POST /api/v1/sessions/{id}/attendance/: who was there, in bulk."""

from django.urls import reverse
from django.utils.translation import gettext

from madani.activities.models import Attendance, Source
from tests.factories import ActivityFactory, AttendanceFactory, ParticipationFactory, PersonFactory, SessionFactory

from .helpers import api_client


def _url(session):
    return reverse("api:session-attendance", args=[session.pk])


def _present(session):
    return set(session.attendance.values_list("person_id", flat=True))


def _second_participant(activity):
    return ParticipationFactory(activity=activity).person


def test_the_present_list_replaces_the_recorded_one(staff_a, activity_a, person_a):
    other = _second_participant(activity_a)
    session = activity_a.sessions.first()
    response = api_client(staff_a).post(_url(session), {"present": [other.pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"present": [other.pk], "added": 1, "removed": 1}
    assert _present(session) == {other.pk}
    assert session.attendance.get().source == Source.API


def test_latecomers_are_added_and_leavers_removed(staff_a, activity_a, person_a):
    other = _second_participant(activity_a)
    session = activity_a.sessions.first()
    client = api_client(staff_a)
    added = client.post(_url(session), {"add": [other.pk]}, format="json")
    assert added.json()["present"] == sorted([person_a.pk, other.pk])
    assert client.post(_url(session), {"remove": [person_a.pk]}, format="json").json()["present"] == [other.pk]
    assert client.get(_url(session)).json() == {"present": [other.pk]}


def test_someone_not_enrolled_cannot_be_marked_present_and_nothing_changes(staff_a, activity_a, person_a, branch_a):
    stranger = PersonFactory(branch=branch_a)
    session = activity_a.sessions.first()
    response = api_client(staff_a).post(_url(session), {"present": [stranger.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["present"] == [gettext("Only people enrolled in the activity can be marked present.")]
    assert _present(session) == {person_a.pk}


def test_a_request_needs_present_or_changes(staff_a, activity_a):
    client = api_client(staff_a)
    session = activity_a.sessions.first()
    assert client.post(_url(session), {}, format="json").status_code == 400
    assert client.post(_url(session), {"present": [], "add": [1]}, format="json").status_code == 400
    assert client.post(_url(session), {"present": ["x"]}, format="json").status_code == 400


def test_a_trainer_marks_attendance_on_their_own_activity(trainer_a, activity_a, person_a):
    session = activity_a.sessions.last()
    response = api_client(trainer_a).post(_url(session), {"present": [person_a.pk]}, format="json")
    assert response.status_code == 200
    assert _present(session) == {person_a.pk}


def test_a_trainer_cannot_mark_attendance_on_someone_elses_activity(trainer_a, activity_a, branch_a):
    other_activity = ActivityFactory(branch=branch_a)
    participant = ParticipationFactory(activity=other_activity).person
    session = SessionFactory(activity=other_activity)
    response = api_client(trainer_a).post(_url(session), {"present": [participant.pk]}, format="json")
    assert response.status_code == 404
    assert not Attendance.objects.filter(session=session).exists()


def test_a_cso_member_reads_only_their_own_people_and_cannot_mark(cso_member, activity_a, person_a):
    session = activity_a.sessions.first()
    AttendanceFactory(session=session, person=_second_participant(activity_a))
    client = api_client(cso_member)
    assert client.get(_url(session)).json() == {"present": [person_a.pk]}
    assert client.post(_url(session), {"present": []}, format="json").status_code == 403
    assert len(_present(session)) == 2
