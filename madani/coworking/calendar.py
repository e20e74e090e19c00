"""The week of one resource as a grid: the seven days across, the opening hours down."""

import datetime

from django.utils import timezone

from .models import HOLDING_STATUSES, Booking, BookingStatus
from .services import is_closed, opening_hours

# Weeks start on Saturday, as the working week does in Syria.
WEEK_STARTS_ON = 5
HOUR = datetime.timedelta(hours=1)
STATUS_CLASSES = {
    BookingStatus.BOOKED: "text-bg-primary",
    BookingStatus.USED: "text-bg-success",
    BookingStatus.NO_SHOW: "text-bg-warning",
    BookingStatus.CANCELLED: "text-bg-light border text-decoration-line-through",
}


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - WEEK_STARTS_ON) % 7)


def _at(day, hour) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def week_grid(resource, first_day: datetime.date, user) -> dict:
    """Rows of hourly cells. Each cell lists the bookings that overlap its hour, and is free (bookable)
    when none holds it and it has not begun. Bookings the user may not open (another organization's, for
    a CSO member) come without details, and only while they hold the slot."""
    days = [first_day + datetime.timedelta(days=n) for n in range(7)]
    opens, closes = opening_hours()
    bookings = list(
        resource.bookings.overlapping(_at(days[0], 0), _at(days[-1], 0) + datetime.timedelta(days=1))
        .select_related("organization")
    )
    visible = set(Booking.objects.visible_to(user).filter(pk__in=[b.pk for b in bookings]).values_list("pk", flat=True))
    now = timezone.now()
    rows = []
    for hour in range(opens.hour, closes.hour):
        cells = []
        for day in days:
            start = _at(day, hour)
            here = [b for b in bookings if b.start < start + HOUR and b.end > start]
            entries = [
                {"booking": b, "details": b.pk in visible, "css": STATUS_CLASSES[b.status]}
                for b in here if b.pk in visible or b.status in HOLDING_STATUSES
            ]
            held = any(b.status in HOLDING_STATUSES for b in here)
            free = not held and start >= now and not is_closed(day)
            cells.append({"start": start, "entries": entries, "free": free})
        rows.append({"hour": datetime.time(hour), "cells": cells})
    return {"days": [(day, is_closed(day)) for day in days], "rows": rows, "first": days[0], "last": days[-1],
            "previous": first_day - datetime.timedelta(days=7), "next": first_day + datetime.timedelta(days=7)}
