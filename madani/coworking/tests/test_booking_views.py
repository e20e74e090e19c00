"""The week calendar, the booking form, the list and who sees what."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import client_for
from madani.coworking.models import Booking
from tests.factories import BookingFactory, OrganizationFactory

from .conftest import slot, slot_form


def _booking(resource, organization, **kwargs):
    start, end = slot(**kwargs)
    return BookingFactory(resource=resource, organization=organization, start=start, end=end,
                          contact_name="منسق المشروع", purpose="اجتماع الفريق")


def _cells(response):
    return [cell for row in response.context["grid"]["rows"] for cell in row["cells"]]


def test_a_free_slot_of_the_calendar_opens_the_form_prefilled(client_a, meeting_room):
    start, _end = slot(days=1, hour=9)
    week = timezone.localtime(start).date().isoformat()
    response = client_a.get(reverse("coworking:calendar", args=[meeting_room.pk]), {"week": week})
    link = f'{reverse("coworking:book", args=[meeting_room.pk])}?start={timezone.localtime(start):%Y-%m-%dT%H:%M}'
    assert link in response.content.decode()
    form = client_a.get(link).context["form"]
    assert str(form.initial["start_time"]) == "09:00:00" and str(form.initial["end_time"]) == "10:00:00"


def test_staff_book_through_the_form(client_a, meeting_room, organization_a, staff_a):
    url = reverse("coworking:book", args=[meeting_room.pk])
    response = client_a.post(url, slot_form(hour=14, hours=2, organization=organization_a.pk, purpose="تدريب"))
    booking = Booking.objects.get()
    assert response["Location"] == reverse("coworking:booking_detail", args=[booking.pk])
    assert booking.booked_by == staff_a and timezone.localtime(booking.start).hour == 14
    assert timezone.localtime(booking.end).hour == 16


def test_a_taken_slot_is_refused_on_the_form_with_a_clear_message(client_a, cso_member, meeting_room, organization_a):
    taken = _booking(meeting_room, OrganizationFactory(branch=meeting_room.branch), hour=10, hours=2)
    response = client_for(cso_member).post(reverse("coworking:book", args=[meeting_room.pk]), slot_form(hour=11))
    assert response.status_code == 200
    start, end = timezone.localtime(taken.start), timezone.localtime(taken.end)
    errors = " ".join(response.context["form"].non_field_errors())
    assert gettext("Choose another slot.") in errors and f"{start:%H:%M}" in errors and f"{end:%H:%M}" in errors
    assert Booking.objects.count() == 1


def test_cso_members_see_other_organizations_bookings_only_as_booked(cso_member, meeting_room, organization_a):
    other = OrganizationFactory(branch=meeting_room.branch, name_ar="منظمة سرية", name="منظمة سرية")
    theirs = _booking(meeting_room, other, hour=10)
    mine = _booking(meeting_room, organization_a, hour=12)
    client = client_for(cso_member)
    start = timezone.localtime(theirs.start).date().isoformat()
    response = client.get(reverse("coworking:calendar", args=[meeting_room.pk]), {"week": start})
    page = response.content.decode()
    assert "منظمة سرية" not in page and "منسق المشروع" not in page
    assert reverse("coworking:booking_detail", args=[mine.pk]) in page
    assert reverse("coworking:booking_detail", args=[theirs.pk]) not in page
    entries = [entry for cell in _cells(response) for entry in cell["entries"]]
    assert {(entry["booking"].pk, entry["details"]) for entry in entries} == {(theirs.pk, False), (mine.pk, True)}
    assert client.get(reverse("coworking:booking_detail", args=[theirs.pk])).status_code == 404
    assert list(client.get(reverse("coworking:booking_list")).context["page"]) == [mine]


def test_a_held_slot_is_not_offered_and_a_cancelled_one_is(client_a, meeting_room, organization_a, staff_a):
    booking = _booking(meeting_room, organization_a, hour=10)
    url = reverse("coworking:calendar", args=[meeting_room.pk])
    week = {"week": timezone.localtime(booking.start).date().isoformat()}

    def cell():
        return next(c for c in _cells(client_a.get(url, week)) if c["start"] == booking.start)

    assert not cell()["free"]
    client_a.post(reverse("coworking:booking_cancel", args=[booking.pk]), {"confirm": "on"})
    assert cell()["free"]


def test_the_calendar_moves_week_by_week(client_a, meeting_room, settings):
    settings.COWORKING_CLOSED_DAYS = ["friday"]
    grid = client_a.get(reverse("coworking:calendar", args=[meeting_room.pk]), {"week": "2026-03-04"}).context["grid"]
    assert str(grid["first"]) == "2026-02-28" and grid["first"].weekday() == 5  # a Saturday
    assert [closed for _day, closed in grid["days"]] == [False] * 6 + [True]  # closed on Friday
    assert str(grid["next"]) == "2026-03-07" and str(grid["previous"]) == "2026-02-21"


def test_staff_of_another_branch_get_404(client_b, meeting_room, organization_a):
    booking = _booking(meeting_room, organization_a)
    assert client_b.get(reverse("coworking:calendar", args=[meeting_room.pk])).status_code == 404
    assert client_b.get(reverse("coworking:booking_detail", args=[booking.pk])).status_code == 404
    assert client_b.post(reverse("coworking:book", args=[meeting_room.pk]), slot_form()).status_code == 404
    assert list(client_b.get(reverse("coworking:booking_list")).context["page"]) == []


def test_a_cso_member_cancels_their_booking(cso_member, meeting_room, organization_a):
    booking = _booking(meeting_room, organization_a)
    client_for(cso_member).post(reverse("coworking:booking_cancel", args=[booking.pk]), {"confirm": "on"})
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_the_list_filters_and_exports(client_a, meeting_room, organization_a, past_booking):
    coming = _booking(meeting_room, organization_a, days=3)
    url = reverse("coworking:booking_list")
    today = timezone.localdate().isoformat()
    assert list(client_a.get(url, {"after": today}).context["page"]) == [coming]
    assert list(client_a.get(url, {"before": today}).context["page"]) == [past_booking]
    content = b"".join(client_a.get(reverse("coworking:booking_export")).streaming_content).decode("utf-8-sig")
    assert content.count("منظمة توتول") == 2 and "اجتماع الفريق" in content


def test_branch_managers_add_resources_to_their_branches_only(client_a, branch_a, branch_b, trainer_a):
    data = {"kind": "internet_desk", "name_ar": "مكتب إنترنت 7", "capacity": 1, "active": "on"}
    response = client_a.post(reverse("coworking:resource_create"), {**data, "branch": branch_b.pk})
    assert response.status_code == 200  # branch B is not a choice for branch A's manager
    response = client_a.post(reverse("coworking:resource_create"), {**data, "branch": branch_a.pk})
    assert response.status_code == 302 and branch_a.coworking_resources.get().name_ar == "مكتب إنترنت 7"
    assert client_for(trainer_a).get(reverse("coworking:resource_create")).status_code == 403


def test_the_index_lists_each_branchs_rooms(client_a, cso_member, meeting_room):
    response = client_a.get(reverse("coworking:index"))
    assert [(branch, list(resources)) for branch, resources in response.context["by_branch"]] == [
        (meeting_room.branch, [meeting_room])]
    assert "قاعة الاجتماعات" in client_for(cso_member).get(reverse("coworking:index")).content.decode()


def test_a_booking_form_error_is_shown_once(client_a, cso_member, meeting_room, organization_a):
    _booking(meeting_room, OrganizationFactory(branch=meeting_room.branch), hour=10, hours=2)
    client = client_for(cso_member)
    for data in (slot_form(hour=11), slot_form(hour=12, hours=-1), {**slot_form(), "date": "not a date"}):
        response = client.post(reverse("coworking:book", args=[meeting_room.pk]), data)
        assert response.status_code == 200
        html = response.content.decode()
        errors = [e for field_errors in response.context["form"].errors.values() for e in field_errors]
        assert errors
        for error in errors:
            assert html.count(str(escape(error))) == 1, error
