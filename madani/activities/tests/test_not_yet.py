"""Nothing that cannot have happened yet (issue 12): a 6–8 December workshop looked at on 4 December
takes no attendance, cannot be completed, and gives no certificate — through the services, so the pages
and the API refuse alike."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from conftest import client_for
from madani.activities import services
from madani.activities.models import Activity, Attendance, Status
from madani.certificates.services import certificate_issue
from tests.factories import ActivityFactory, ParticipationFactory, ProgramFactory, SessionFactory


@pytest.fixture
def next_week(branch_a, trainer_person_a, person_a):
    """A three-day workshop starting in two days, planned, trainer A facilitating, person A enrolled."""
    start = timezone.localdate() + datetime.timedelta(days=2)
    activity = ActivityFactory(branch=branch_a, kind="workshop", status=Status.PLANNED, start_date=start,
                               end_date=start + datetime.timedelta(days=2))
    activity.facilitators.add(trainer_person_a)
    for day in range(3):
        SessionFactory(activity=activity, date=start + datetime.timedelta(days=day), facilitator=trainer_person_a)
    ParticipationFactory(activity=activity, person=person_a)
    return activity


def test_attendance_at_a_session_in_the_future_is_refused_on_the_sheet(trainer_a, next_week, person_a):
    session = next_week.sessions.first()
    url = reverse("activities:attendance", args=[next_week.pk, session.pk])
    client = client_for(trainer_a)
    page = client.get(url).content.decode()
    assert "disabled" in page and f">{gettext('Save attendance')}</button>" not in page  # no Save button
    response = client.post(url, {"present": [person_a.pk]}, follow=True)
    assert not Attendance.objects.filter(session=session).exists()
    said = [str(m) for m in response.context["messages"]]
    assert said == [gettext("This session is on %(day)s: attendance can be marked from that day on.")
                    % {"day": f"\u2068{session.date.isoformat()}\u2069"}]


def test_attendance_today_is_accepted(next_week, person_a, staff_a):
    session = SessionFactory(activity=next_week, date=timezone.localdate())
    next_week.start_date = session.date
    next_week.save()
    services.attendance_record(actor=staff_a, session=session, present_ids=[person_a.pk])
    assert session.attendance.count() == 1


def test_a_walk_in_at_a_future_session_is_refused(next_week, staff_a):
    with pytest.raises(ValidationError):
        services.attendance_walk_in(actor=staff_a, session=next_week.sessions.first(), person=next_week
                                    .participations.first().person)


def test_the_activity_cannot_be_marked_completed_before_its_last_session(next_week, staff_a):
    with pytest.raises(ValidationError) as refused:
        services.activity_update(actor=staff_a, activity=next_week, data={"status": Status.COMPLETED})
    assert "status" in refused.value.message_dict
    next_week.refresh_from_db()
    assert next_week.status == Status.PLANNED


def test_the_form_says_why_a_workshop_next_week_cannot_be_recorded_as_completed(client_a, branch_a):
    start = timezone.localdate() + datetime.timedelta(days=2)
    response = client_a.post(reverse("activities:create"), {
        "kind": "workshop", "title_ar": "ورشة الأسبوع القادم", "program": ProgramFactory().pk, "branch": branch_a.pk,
        "start_date": start.isoformat(), "end_date": (start + datetime.timedelta(days=2)).isoformat(),
        "status": "completed", "session_per_day": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Activity.objects.filter(title_ar="ورشة الأسبوع القادم").exists()


def test_a_participant_cannot_be_completed_before_the_last_session(next_week, staff_a):
    participation = next_week.participations.get()
    with pytest.raises(ValidationError):
        services.participation_update(actor=staff_a, participation=participation, data={"completed": True})
    with pytest.raises(ValidationError):
        services.participations_complete(actor=staff_a, activity=next_week, completed_ids=[participation.person_id])
    participation.refresh_from_db()
    assert not participation.completed


def test_no_certificate_before_the_activity_is_completed(next_week, staff_a):
    participation = next_week.participations.get()
    participation.completed = True  # as an old record might hold
    participation.save()
    with pytest.raises(ValidationError):
        certificate_issue(actor=staff_a, participation=participation)


def test_no_certificate_while_the_activity_is_not_marked_completed(activity_a, staff_a):
    activity_a.status = Status.ONGOING
    activity_a.save()
    with pytest.raises(ValidationError):
        certificate_issue(actor=staff_a, participation=activity_a.participations.get())


def test_the_api_refuses_attendance_in_the_future(trainer_a, next_week, person_a):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(trainer_a)
    session = next_week.sessions.first()
    response = api.post(f"/api/v1/sessions/{session.pk}/attendance/", {"present": [person_a.pk]}, format="json")
    assert response.status_code == 400
    assert not Attendance.objects.filter(session=session).exists()


def test_a_completed_activity_gets_no_session_after_today(activity_a, staff_a):
    activity_a.end_date = timezone.localdate() + datetime.timedelta(days=30)
    activity_a.save()
    with pytest.raises(ValidationError):
        services.session_create(actor=staff_a, activity=activity_a,
                                data={"date": timezone.localdate() + datetime.timedelta(days=1)})
