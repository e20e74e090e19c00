"""The one confirm-then-act page (core/confirm.py), seen through a real use of it: cancelling a booking."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from madani.core.confirm import ConfirmForm, ReasonForm
from madani.coworking.models import BookableResource, Booking, BookingStatus, ResourceKind


@pytest.fixture
def booking(branch_a, organization_a):
    room = BookableResource.objects.create(branch=branch_a, kind=ResourceKind.MEETING_ROOM, name_ar="قاعة الاجتماعات")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=2)
    return Booking.objects.create(resource=room, organization=organization_a, start=start,
                                  end=start + datetime.timedelta(hours=1))


def _url(booking):
    return reverse("coworking:booking_cancel", args=[booking.pk])


def test_it_asks_before_it_acts(client_a, booking):
    response = client_a.get(_url(booking))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "core/confirm.html"
    assert gettext("The slot becomes free for others.") in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_it_does_nothing_until_the_box_is_ticked(client_a, booking):
    response = client_a.post(_url(booking), {})
    assert response.status_code == 200 and "confirm" in response.context["form"].errors
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_it_acts_once_and_a_second_post_of_the_same_form_is_harmless(client_a, booking):
    first = client_a.post(_url(booking), {"confirm": "on"})
    assert first.status_code == 302 and first["Location"] == reverse("coworking:booking_detail", args=[booking.pk])
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    changes = booking.history.count()

    second = client_a.post(_url(booking), {"confirm": "on"})
    assert second.status_code == 302
    assert booking.history.count() == changes
    assert [m.level_tag for m in get_messages(second.wsgi_request)][-1] == "error"


def test_another_branch_gets_404_and_changes_nothing(client_b, booking):
    assert client_b.get(_url(booking)).status_code == 404
    assert client_b.post(_url(booking), {"confirm": "on"}).status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


def test_a_reason_form_can_require_its_reason_or_not():
    assert not ReasonForm({"reason": ""}).is_valid()
    assert ReasonForm({"reason": ""}, required=False).is_valid()
    assert ConfirmForm({"confirm": "on"}, label="Sure").fields["confirm"].label == "Sure"
