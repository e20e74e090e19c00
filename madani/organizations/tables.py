"""The organizations list: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from madani.core.lists import Column, Table, row_url
from madani.core.templatetags.bidi import isolate


def _name(organization):
    link = format_html('<a href="{}">{}</a>', row_url("organizations:detail", organization.pk),
                       isolate(organization))
    if organization.acronym:
        return format_html('{} <small class="text-body-secondary">({})</small>', link, isolate(organization.acronym))
    return link


#: A center-wide partner's branch (donors, INGOs): said, not left as "None" or a dash.
CENTER_WIDE = _("Center-wide (every branch)")


class OrganizationTable(Table):
    empty = _("No organization matches.")
    counted = ngettext_lazy("%(counter)s organization", "%(counter)s organizations", "counter")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Name"), str, cell=_name, export=False),
        Column(_("Name in Arabic"), "name_ar", page=False),
        Column(_("Name in English"), "name_en", page=False),
        Column(_("Kind"), "get_kind_display"),
        Column(_("Branch"), lambda organization: organization.branch or CENTER_WIDE),
        Column(_("Headquarters"), "place", narrow=True),
        Column(_("Incubation stage"), "get_incubation_stage_display", narrow=True),
        Column(_("Licensing status"), "get_licensing_status_display", page=False),
    )
