"""A used booking is one space_use activity in the ledger, for the organization that used it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from madani.activities.journey import capacity_journey
from madani.activities.models import Activity
from madani.coworking import services
from tests.factories import BookingFactory

from .conftest import slot


def test_marking_a_booking_used_records_one_space_use_for_the_organization(past_booking, staff_a, program,
                                                                          organization_a, branch_a):
    activity = services.booking_mark_used(actor=staff_a, booking=past_booking)
    past_booking.refresh_from_db()
    assert past_booking.status == "used" and past_booking.activity == activity
    assert Activity.objects.filter(kind="space_use").count() == 1
    assert activity.status == "completed" and activity.branch == branch_a and activity.program == program
    assert list(activity.target_organizations.all()) == [organization_a]
    assert activity.title_en == "Use of the meeting room by Tutul" and activity.title_ar
    session = activity.sessions.get()
    start = timezone.localtime(past_booking.start)
    assert session.date == start.date() == activity.start_date and session.start_time == start.time()
    assert session.topic == "اجتماع مجلس الإدارة"


def test_the_use_appears_in_the_organizations_capacity_journey(past_booking, staff_a, program, organization_a,
                                                               client_a):
    services.booking_mark_used(actor=staff_a, booking=past_booking)
    kinds = [event.kind for event in capacity_journey(organization_a, staff_a)]
    assert gettext("Use of the co-working space") in kinds
    listed = client_a.get(reverse("activities:list"), {"kind": "space_use"}).context["page"]
    assert [a.kind for a in listed] == ["space_use"]


def test_a_used_booking_cannot_be_cancelled_or_counted_twice(past_booking, staff_a, program):
    services.booking_mark_used(actor=staff_a, booking=past_booking)
    message = gettext("This booking was used and is counted in the activity ledger; it cannot be changed.")
    for action in (services.booking_cancel, services.booking_mark_used, services.booking_mark_no_show):
        with pytest.raises(ValidationError) as error:
            action(actor=staff_a, booking=past_booking)
        assert error.value.messages == [message]
    assert Activity.objects.filter(kind="space_use").count() == 1


def test_a_booking_to_come_cannot_be_marked_used(meeting_room, organization_a, staff_a, program):
    start, end = slot()
    booking = BookingFactory(resource=meeting_room, organization=organization_a, start=start, end=end)
    with pytest.raises(ValidationError) as error:
        services.booking_mark_used(actor=staff_a, booking=booking)
    assert error.value.messages == [gettext("This booking has not begun yet.")]
    assert not Activity.objects.exists()


def test_without_any_program_staff_are_asked_to_choose_one(past_booking, staff_a):
    with pytest.raises(ValidationError) as error:
        services.booking_mark_used(actor=staff_a, booking=past_booking)
    assert error.value.messages == [gettext("Choose the program this use is recorded under.")]


def test_a_no_show_records_nothing_in_the_ledger(past_booking, client_a, program):
    client_a.post(reverse("coworking:booking_no_show", args=[past_booking.pk]), {"confirm": "on"})
    past_booking.refresh_from_db()
    assert past_booking.status == "no_show" and not Activity.objects.exists()


def test_staff_mark_a_booking_used_from_its_page(past_booking, client_a, program):
    form = client_a.get(reverse("coworking:booking_mark_used", args=[past_booking.pk])).context["form"]
    assert form.initial["program"] == program
    response = client_a.post(reverse("coworking:booking_mark_used", args=[past_booking.pk]), {"program": program.pk})
    assert response["Location"] == reverse("coworking:booking_detail", args=[past_booking.pk])
    assert Activity.objects.filter(kind="space_use", target_organizations=past_booking.organization).count() == 1


def test_cso_members_cannot_mark_uses(past_booking, cso_member, program):
    from conftest import client_for

    response = client_for(cso_member).post(reverse("coworking:booking_mark_used", args=[past_booking.pk]),
                                           {"program": program.pk})
    assert response.status_code == 403 and not Activity.objects.exists()


def test_marking_a_booking_used_announces_one_ledger_change_after_commit(past_booking, staff_a, program,
                                                                          django_capture_on_commit_callbacks):
    from madani.core import ledger

    heard = []
    ledger.listen(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            activity = services.booking_mark_used(actor=staff_a, booking=past_booking)
    finally:
        ledger.unlisten(heard.append)
    assert len(heard) == 1
    assert heard[0].services == ("coworking.booking_mark_used", "activities.activity_create",
                                 "activities.session_create")
    assert heard[0].activity_ids == {activity.pk}
