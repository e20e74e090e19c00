"""Accepting a request records one ledger activity; sessions are logged on it; closing completes it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from madani.activities.models import Activity, Session
from madani.consultations import services
from madani.consultations.models import Request
from tests.factories import RequestFactory

DAY = datetime.date(2026, 4, 5)


def _assign(request_a, staff_a, person, program, **extra):
    return services.request_assign(actor=staff_a, support_request=request_a, expert=person, program=program,
                                   start_date=DAY, **extra)


def test_accepting_records_exactly_one_consultation_activity_with_the_expert_as_facilitator(
        request_a, staff_a, trainer_person_a, program, organization_a):
    activity = _assign(request_a, staff_a, trainer_person_a, program)
    request_a.refresh_from_db()
    assert Activity.objects.count() == 1 and request_a.activity == activity
    assert activity.kind == "consultation" and activity.status == "ongoing"
    assert activity.branch == request_a.branch and activity.start_date == activity.end_date == DAY
    assert list(activity.facilitators.all()) == [trainer_person_a]
    assert list(activity.target_organizations.all()) == [organization_a]
    assert request_a.status == "assigned" and request_a.expert == trainer_person_a
    assert activity.title_ar and activity.title_en == "Consultation for Tutul"
    assert request_a.history.latest().history_user == staff_a


def test_a_request_cannot_be_accepted_twice(request_a, staff_a, trainer_person_a, program):
    _assign(request_a, staff_a, trainer_person_a, program)
    with pytest.raises(ValidationError):
        _assign(request_a, staff_a, trainer_person_a, program)
    assert Activity.objects.count() == 1


def test_a_public_request_needs_an_organization_before_it_is_accepted(branch_a, staff_a, trainer_person_a, program,
                                                                      organization_a):
    public = RequestFactory(kind="technical_support", branch=branch_a, description="x", source="public")
    with pytest.raises(ValidationError):
        _assign(public, staff_a, trainer_person_a, program)
    assert not Activity.objects.exists()
    activity = _assign(public, staff_a, trainer_person_a, program, organization=organization_a)
    assert activity.kind == "technical_support" and list(activity.target_organizations.all()) == [organization_a]


def test_accepting_is_all_or_nothing(request_a, staff_a, trainer_person_a, program, monkeypatch):
    def fail(*args, **kwargs):
        raise ValidationError("the request could not be saved")

    monkeypatch.setattr(Request, "full_clean", fail)
    with pytest.raises(ValidationError):
        _assign(request_a, staff_a, trainer_person_a, program)
    assert not Activity.objects.exists()
    request_a.refresh_from_db()
    assert request_a.status == "new" and request_a.activity is None


def test_training_suggestions_are_not_assigned(branch_a, staff_a, trainer_person_a, program):
    suggestion = RequestFactory(kind="training_suggestion", branch=branch_a, description="x")
    with pytest.raises(ValidationError):
        _assign(suggestion, staff_a, trainer_person_a, program)
    services.request_close(actor=staff_a, support_request=suggestion)
    assert suggestion.status == "done" and not Activity.objects.exists()


def test_a_logged_session_is_on_the_activity_with_topic_outcome_and_the_expert(request_a, staff_a, trainer_person_a,
                                                                                 program):
    activity = _assign(request_a, staff_a, trainer_person_a, program)
    session = services.request_log_session(actor=staff_a, support_request=request_a, data={
        "date": DAY, "topic": "رؤية المنظمة ورسالتها", "outcome": "صياغة الرؤية"})
    assert list(activity.sessions.all()) == [session]
    assert session.facilitator == trainer_person_a and session.outcome == "صياغة الرؤية"
    request_a.refresh_from_db()
    assert request_a.status == "in_progress"


def test_a_later_session_extends_the_activity_to_cover_it(request_a, staff_a, trainer_person_a, program):
    activity = _assign(request_a, staff_a, trainer_person_a, program)
    later = DAY + datetime.timedelta(days=10)
    services.request_log_session(actor=staff_a, support_request=request_a,
                                 data={"date": later, "topic": "t", "outcome": "o"})
    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == (DAY, later)


def test_closing_completes_the_activity_but_only_after_a_session(request_a, staff_a, trainer_person_a, program):
    activity = _assign(request_a, staff_a, trainer_person_a, program)
    with pytest.raises(ValidationError):
        services.request_close(actor=staff_a, support_request=request_a)
    services.request_log_session(actor=staff_a, support_request=request_a,
                                 data={"date": DAY, "topic": "t", "outcome": "o"})
    services.request_close(actor=staff_a, support_request=request_a, note="الخطة مكتملة")
    activity.refresh_from_db()
    assert activity.status == "completed" and request_a.status == "done"
    with pytest.raises(ValidationError):
        services.request_log_session(actor=staff_a, support_request=request_a,
                                     data={"date": DAY, "topic": "t", "outcome": "o"})
    assert Session.objects.count() == 1


def test_only_new_requests_are_declined(request_a, staff_a, trainer_person_a, program):
    services.request_decline(actor=staff_a, support_request=request_a, note="خارج نطاق عمل المركز")
    assert request_a.status == "declined"
    with pytest.raises(ValidationError):
        _assign(request_a, staff_a, trainer_person_a, program)
    assert not Activity.objects.exists()
