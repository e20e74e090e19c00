"""/api/v1/sessions/: one day of an activity; the date must fall inside the activity."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from madani.activities.models import Session
from tests.factories import ActivityFactory, SessionFactory

from .helpers import api_client, ids

LIST = reverse("api:session-list")


def test_sessions_are_listed_per_activity(staff_a, activity_a, branch_a):
    SessionFactory(activity=ActivityFactory(branch=branch_a))
    client = api_client(staff_a)
    assert len(ids(client.get(LIST))) == 4
    rows = client.get(LIST, {"activity": activity_a.pk}).json()["results"]
    assert [r["present"] for r in rows] == [1, 0, 0]


def test_another_branch_sees_none_of_the_sessions(staff_b, activity_a):
    client = api_client(staff_b)
    assert ids(client.get(LIST, {"activity": activity_a.pk})) == []
    assert ids(client.get(LIST)) == []


def test_a_session_is_added_inside_the_activity(staff_a, activity_a, trainer_person_a):
    response = api_client(staff_a).post(LIST, {
        "activity": activity_a.pk, "date": str(activity_a.end_date), "start_time": "10:00", "end_time": "13:00",
        "place": "SY110100", "facilitator": trainer_person_a.pk, "topic": "خطة الحملة"}, format="json")
    assert response.status_code == 201, response.json()
    assert activity_a.sessions.count() == 4


def test_a_date_outside_the_activity_is_refused_with_a_translated_message(staff_a, activity_a):
    outside = activity_a.end_date + datetime.timedelta(days=1)
    response = api_client(staff_a).post(LIST, {"activity": activity_a.pk, "date": str(outside)}, format="json")
    assert response.status_code == 400
    expected = gettext("The date must fall within the activity (%(start)s – %(end)s).") % {
        "start": activity_a.start_date, "end": activity_a.end_date}
    assert response.json()["date"] == [expected]
    assert activity_a.sessions.count() == 3


def test_moving_a_session_outside_the_activity_is_refused(staff_a, activity_a):
    session = activity_a.sessions.first()
    response = api_client(staff_a).patch(reverse("api:session-detail", args=[session.pk]),
                                         {"date": "2020-01-01"}, format="json")
    assert response.status_code == 400 and "date" in response.json()
    session.refresh_from_db()
    assert session.date == activity_a.start_date


def test_a_session_cannot_be_added_to_another_branchs_activity(staff_b, activity_a):
    response = api_client(staff_b).post(LIST, {"activity": activity_a.pk, "date": str(activity_a.start_date)},
                                        format="json")
    assert response.status_code == 400 and "activity" in response.json()
    assert activity_a.sessions.count() == 3


def test_a_trainer_records_the_outcome_of_their_session_but_does_not_add_or_delete(trainer_a, activity_a):
    client = api_client(trainer_a)
    session = activity_a.sessions.first()
    url = reverse("api:session-detail", args=[session.pk])
    response = client.patch(url, {"outcome": "خطة حملة لكل منظمة"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["activity"] == activity_a.pk
    new = {"activity": activity_a.pk, "date": str(activity_a.start_date)}
    assert client.post(LIST, new, format="json").status_code == 403
    assert client.delete(url).status_code == 403
    assert Session.objects.get(pk=session.pk).outcome == "خطة حملة لكل منظمة"


def test_a_trainer_cannot_touch_sessions_of_activities_they_do_not_facilitate(trainer_a, activity_a, branch_a):
    other = SessionFactory(activity=ActivityFactory(branch=branch_a))
    response = api_client(trainer_a).patch(reverse("api:session-detail", args=[other.pk]), {"outcome": "x"},
                                           format="json")
    assert response.status_code == 404


def test_a_session_is_deleted_by_staff(staff_a, activity_a):
    session = activity_a.sessions.last()
    assert api_client(staff_a).delete(reverse("api:session-detail", args=[session.pk])).status_code == 204
    assert activity_a.sessions.count() == 2
