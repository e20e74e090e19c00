"""The library list: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from madani.core.lists import Column, Table, listed, local_date


class ResourceTable(Table):
    empty = _("No resource matches.")
    counted = ngettext_lazy("%(counter)s resource", "%(counter)s resources", "counter")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Title"), str, link="library:detail", isolate=True, export=False),
        Column(_("Kind"), "get_kind_display"),
        Column(_("Title in Arabic"), "title_ar", page=False),
        Column(_("Title in English"), "title_en", page=False),
        Column(_("Authors"), "authors", isolate=True, narrow=True),
        Column(_("Year"), "year", isolate=True, narrow=True),
        Column(_("Language"), "get_language_display", narrow=True),
        Column(_("Topics"), lambda r: listed(r.topics.all()), narrow=True),
        Column(_("Access"), "get_access_display", narrow=True),
        Column(_("Link"), "url", page=False),
        Column(_("Added"), local_date("created_at"), page=False),
    )
