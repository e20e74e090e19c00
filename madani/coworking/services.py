"""Writes to the co-working space. Booking a slot locks the resource's row first, so that two people
booking the same slot at the same moment are served one after the other: the first gets it, the
second is told which slot is taken (PostgreSQL: ``SELECT … FOR UPDATE``; SQLite: every write
transaction is IMMEDIATE, see ``DATABASES``, which already serializes writers).

A booking that was used is a service delivered to the organization: it becomes one ``space_use``
activity of the ledger, with one session on that day."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madani.activities import services as ledger
from madani.activities.models import Activity, Kind, Program, Status
from madani.core.ledger import ledger_write
from madani.organizations.models import Organization

from .models import Booking, BookingStatus, BookableResource, ResourceKind

# The ledger activity's title, written in each language of the platform.
TITLES = {
    ResourceKind.MEETING_ROOM: gettext_noop("Use of the meeting room by %(organization)s"),
    ResourceKind.TRAINING_HALL: gettext_noop("Use of the training hall by %(organization)s"),
    ResourceKind.INTERNET_DESK: gettext_noop("Use of an internet desk by %(organization)s"),
    ResourceKind.PRINTING: gettext_noop("Printing for %(organization)s"),
    ResourceKind.LEGAL_SUPPORT: gettext_noop("Legal support for %(organization)s"),
}


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def opening_hours() -> tuple[datetime.time, datetime.time]:
    return datetime.time(settings.COWORKING_OPENING_HOUR), datetime.time(settings.COWORKING_CLOSING_HOUR)


def is_closed(day: datetime.date) -> bool:
    return WEEKDAYS[day.weekday()] in {name.lower() for name in settings.COWORKING_CLOSED_DAYS}


def _slot_text(start, end) -> dict:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return {"date": formats.date_format(start.date(), "DATE_FORMAT"), "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M")}


def _check_slot(resource: BookableResource, start, end) -> None:
    if end <= start:
        raise ValidationError(_("The end must be after the start."))
    opens, closes = opening_hours()
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date() or local_start.time() < opens or local_end.time() > closes:
        raise ValidationError(_("The co-working space takes bookings between %(opens)s and %(closes)s, within "
                                "one day.") % {"opens": opens.strftime("%H:%M"), "closes": closes.strftime("%H:%M")})
    if is_closed(local_start.date()):
        raise ValidationError(_("The co-working space is closed on %(day)s.") % {
            "day": formats.date_format(local_start.date(), "l")})
    if start < timezone.now():
        raise ValidationError(_("This slot is in the past; choose a slot to come."))
    if not resource.active:
        raise ValidationError(_("%(resource)s cannot be booked at the moment.") % {"resource": resource})


@transaction.atomic
def booking_create(*, actor, resource: BookableResource, data: dict) -> Booking:
    """Book a slot of a resource for an organization: staff for any organization they see, a CSO
    member for their own. Never two holding bookings of one resource overlap."""
    data = dict(data)
    if actor.is_center_staff:
        organization = data.pop("organization", None)
        if organization is None or not Organization.objects.visible_to(actor).filter(pk=organization.pk).exists():
            raise ValidationError({"organization": _("Choose the organization the booking is for.")})
    else:
        data.pop("organization", None)
        if not actor.organization_id:
            raise ValidationError(_("Only members of an organization can book through the portal."))
        organization = actor.organization
    start, end = data.pop("start"), data.pop("end")
    _check_slot(resource, start, end)
    # Wait here for anyone booking the same resource; from now on the bookings read below are final.
    BookableResource.objects.select_for_update().get(pk=resource.pk)
    taken = resource.bookings.holding().overlapping(start, end).order_by("start").first()
    if taken is not None:
        raise ValidationError(
            _("%(resource)s is already booked on %(date)s from %(start)s to %(end)s. Choose another slot.")
            % {"resource": resource, **_slot_text(taken.start, taken.end)}
        )
    booking = Booking(resource=resource, organization=organization, booked_by=actor, start=start, end=end, **data)
    booking._history_user = actor
    booking.full_clean()
    booking.save()
    return booking


def _set_status(*, actor, booking: Booking, status: str) -> Booking:
    booking.status = status
    booking._history_user = actor
    booking.save(update_fields=["status", "activity"])
    return booking


def _check_open(booking: Booking) -> None:
    if booking.status == BookingStatus.USED:
        raise ValidationError(_("This booking was used and is counted in the activity ledger; it cannot be changed."))
    if booking.status != BookingStatus.BOOKED:
        raise ValidationError(_("This booking is already closed (%(status)s).") % {
            "status": booking.get_status_display()})


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> Booking:
    """Cancel a booking that has not begun: its slot is free again."""
    _check_open(booking)
    if booking.start <= timezone.now():
        raise ValidationError(_("This booking has already begun; mark it as used or as a no-show."))
    return _set_status(actor=actor, booking=booking, status=BookingStatus.CANCELLED)


def _check_begun(booking: Booking) -> None:
    _check_open(booking)
    if booking.start > timezone.now():
        raise ValidationError(_("This booking has not begun yet."))


@transaction.atomic
def booking_mark_no_show(*, actor, booking: Booking) -> Booking:
    _check_begun(booking)
    return _set_status(actor=actor, booking=booking, status=BookingStatus.NO_SHOW)


def default_program(branch, day: datetime.date) -> Program | None:
    """The program the use is recorded under when staff do not choose one: the newest that runs in the
    branch (or in every branch) on that day, else the branch's newest."""
    programs = Program.objects.filter(Q(branches=branch) | Q(branches__isnull=True)).distinct().order_by(
        "-start_date", "-pk")
    running = programs.filter(Q(start_date__lte=day) | Q(start_date__isnull=True),
                              Q(end_date__gte=day) | Q(end_date__isnull=True))
    return running.first() or programs.first()


def _titles(booking: Booking) -> dict:
    titles = {}
    for language in ("ar", "en"):
        with translation.override(language):
            titles[f"title_{language}"] = _(TITLES[booking.resource.kind]) % {"organization": booking.organization}
    return titles


@ledger_write
def booking_mark_used(*, actor, booking: Booking, program: Program | None = None) -> Activity:
    """The organization used its booking: one completed ``space_use`` activity of the resource's branch,
    serving the organization, with one session on that day, is recorded in the ledger."""
    _check_begun(booking)
    branch = booking.resource.branch
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    program = program or default_program(branch, start.date())
    if program is None:
        raise ValidationError({"program": _("Choose the program this use is recorded under.")})
    titles = _titles(booking)
    activity = ledger.activity_create(actor=actor, data={
        "kind": Kind.SPACE_USE,
        "title": titles["title_ar"],
        **titles,
        "program": program,
        "branch": branch,
        "place": branch.place,
        "start_date": start.date(),
        "end_date": start.date(),
        "status": Status.COMPLETED,
        "target_organizations": [booking.organization],
    })
    ledger.session_create(actor=actor, activity=activity, data={
        "date": start.date(), "start_time": start.time(), "end_time": end.time(), "place": branch.place,
        "topic": booking.purpose,
    })
    booking.activity = activity
    _set_status(actor=actor, booking=booking, status=BookingStatus.USED)
    return activity


@transaction.atomic
def resource_save(*, actor, resource: BookableResource, data: dict) -> BookableResource:
    """Create or change a room or resource, in a branch the actor works in."""
    for name, value in data.items():
        setattr(resource, name, value)
    if not actor.spans_all_branches and resource.branch_id not in actor.branch_ids():
        raise ValidationError({"branch": _("Choose one of your branches.")})
    resource.full_clean()
    resource.save()
    return resource
