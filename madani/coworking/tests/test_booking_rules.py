"""booking_create: opening hours, order, the past, and never two bookings of one slot."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import formats, timezone
from django.utils.translation import gettext

from madani.coworking import services
from madani.coworking.models import Booking

from .conftest import slot
from tests.factories import BookableResourceFactory, OrganizationFactory


def _book(actor, resource, start, end, organization=None, **extra):
    return services.booking_create(actor=actor, resource=resource,
                                   data={"organization": organization, "start": start, "end": end, **extra})


def _refusal(actor, resource, start, end, organization=None) -> str:
    with pytest.raises(ValidationError) as error:
        _book(actor, resource, start, end, organization)
    return " ".join(error.value.messages)


def test_staff_book_a_slot_for_an_organization(staff_a, meeting_room, organization_a):
    booking = _book(staff_a, meeting_room, *slot(hours=2), organization_a, purpose="اجتماع")
    assert booking.status == "booked" and booking.booked_by == staff_a and booking.organization == organization_a
    assert booking.history.latest().history_user == staff_a


def test_a_cso_member_books_for_their_own_organization_whatever_is_posted(cso_member, meeting_room, organization_a):
    booking = _book(cso_member, meeting_room, *slot(), OrganizationFactory())
    assert booking.organization == organization_a


def test_an_overlapping_booking_is_refused_with_the_slot_already_taken(staff_a, cso_member, meeting_room,
                                                                       organization_a):
    start, end = slot(hour=10, hours=2)
    taken = _book(staff_a, meeting_room, start, end, organization_a)
    message = _refusal(cso_member, meeting_room, *slot(hour=11, hours=2))
    expected = gettext("%(resource)s is already booked on %(date)s from %(start)s to %(end)s. Choose another slot.") % {
        "resource": meeting_room, **services._slot_text(taken.start, taken.end)}
    assert message == expected and "10:00" in message and "12:00" in message
    assert Booking.objects.count() == 1


def test_back_to_back_slots_and_other_resources_are_free(staff_a, meeting_room, organization_a, branch_a):

    _book(staff_a, meeting_room, *slot(hour=10), organization_a)
    _book(staff_a, meeting_room, *slot(hour=11), organization_a)
    desk = BookableResourceFactory(branch=branch_a, kind="internet_desk", name_ar="مكتب إنترنت 1")
    _book(staff_a, desk, *slot(hour=10), organization_a)
    assert Booking.objects.count() == 3


def test_a_cancelled_booking_frees_its_slot(staff_a, meeting_room, organization_a):
    booking = _book(staff_a, meeting_room, *slot(), organization_a)
    services.booking_cancel(actor=staff_a, booking=booking)
    _book(staff_a, meeting_room, *slot(), organization_a)
    assert Booking.objects.filter(status="booked").count() == 1


@override_settings(COWORKING_OPENING_HOUR=8, COWORKING_CLOSING_HOUR=18)
def test_bookings_stay_within_opening_hours(staff_a, meeting_room, organization_a):
    expected = gettext("The co-working space takes bookings between %(opens)s and %(closes)s, within one day.") % {
        "opens": "08:00", "closes": "18:00"}
    assert _refusal(staff_a, meeting_room, *slot(hour=7), organization_a) == expected
    assert _refusal(staff_a, meeting_room, *slot(hour=17, hours=2), organization_a) == expected
    assert _book(staff_a, meeting_room, *slot(hour=17), organization_a).pk


def test_the_space_is_closed_on_its_closed_days(staff_a, meeting_room, organization_a, settings):
    settings.COWORKING_CLOSED_DAYS = ["Friday"]
    days_to_friday = next(n for n in range(1, 8) if (timezone.localdate() + datetime.timedelta(days=n)).weekday() == 4)
    start, end = slot(days=days_to_friday)
    assert _refusal(staff_a, meeting_room, start, end, organization_a) == gettext(
        "The co-working space is closed on %(day)s.") % {"day": formats.date_format(start.date(), "l")}
    assert _book(staff_a, meeting_room, *slot(days=days_to_friday + 1), organization_a).pk


def test_the_end_comes_after_the_start_and_the_slot_is_not_past(staff_a, meeting_room, organization_a):
    start, end = slot()
    assert _refusal(staff_a, meeting_room, end, start, organization_a) == gettext("The end must be after the start.")
    assert _refusal(staff_a, meeting_room, *slot(days=-1), organization_a) == gettext(
        "This slot is in the past; choose a slot to come.")


def test_an_inactive_resource_cannot_be_booked(staff_a, meeting_room, organization_a):
    meeting_room.active = False
    meeting_room.save()
    assert _refusal(staff_a, meeting_room, *slot(), organization_a) == gettext(
        "%(resource)s cannot be booked at the moment.") % {"resource": meeting_room}


def test_staff_book_only_for_organizations_they_see(staff_b, meeting_room, organization_a):
    assert _refusal(staff_b, meeting_room, *slot(), organization_a) == gettext(
        "Choose the organization the booking is for.")


def test_a_booking_that_has_begun_cannot_be_cancelled(past_booking, staff_a):
    with pytest.raises(ValidationError) as error:
        services.booking_cancel(actor=staff_a, booking=past_booking)
    assert error.value.messages == [gettext("This booking has already begun; mark it as used or as a no-show.")]
