"""The listings queue: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from madani.core.lists import Column, Table, listed, local_date


class ListingTable(Table):
    empty = _("No listing matches.")
    counted = ngettext_lazy("%(counter)s listing", "%(counter)s listings", "counter")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Service"), str, link="directory:detail", isolate=True, export=False),
        Column(_("Organization"), "organization", isolate=True),
        Column(_("Service in Arabic"), "title_ar", page=False),
        Column(_("Service in English"), "title_en", page=False),
        Column(_("Sector"), "sector", narrow=True),
        Column(_("Places served"), lambda listing: listed(listing.places.all()), page=False),
        Column(_("Status"), "get_status_display"),
        Column(_("Public phone"), "phone", page=False),
        Column(_("Public email"), "email", page=False),
        Column(_("Website"), "website", page=False),
        Column(_("Updated"), local_date("updated_at"), isolate=True, narrow=True),
    )
