"""The bookings list: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from madani.core.lists import Column, Table
from madani.core.templatetags.bidi import isolate


def _when(booking):
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return format_html('<a class="text-nowrap" href="{}"><bdi>{}</bdi> <bdi>{}–{}</bdi></a>',
                       reverse("coworking:booking_detail", args=[booking.pk]),
                       f"{start:%Y-%m-%d}", f"{start:%H:%M}", f"{end:%H:%M}")


def _room(booking):
    return format_html('{} <span class="small text-body-secondary">· {}</span>', isolate(booking.resource),
                       booking.resource.branch)


class BookingTable(Table):
    empty = _("No booking matches.")
    counted = ngettext_lazy("%(counter)s booking", "%(counter)s bookings", "counter")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("When"), "start", cell=_when, export=False),
        Column(_("Branch"), lambda booking: booking.resource.branch, page=False),
        Column(_("Room or resource"), "resource", cell=_room),
        Column(_("Organization"), "organization", isolate=True),
        Column(_("Who comes"), "contact_name", page=False),
        Column(_("Date"), lambda booking: timezone.localtime(booking.start).date(), page=False),
        Column(_("From"), lambda booking: f"{timezone.localtime(booking.start):%H:%M}", page=False),
        Column(_("To"), lambda booking: f"{timezone.localtime(booking.end):%H:%M}", page=False),
        Column(_("Purpose"), "purpose", narrow=True),
        Column(_("Status"), "get_status_display"),
    )
