"""The grants lists: their columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from madani.core.lists import Column, Table
from madani.core.templatetags.bidi import isolate, ltr


def _amount(value_of):
    """An amount on the page: grouped (1,500,000), left to right inside Arabic; the export keeps the number."""
    return lambda row: ltr(floatformat(value_of(row), "-2g"))


def _link(url_name, text_of):
    return lambda row: format_html('<a href="{}">{}</a>', reverse(url_name, args=[row.pk]), isolate(text_of(row)))


class ApplicationTable(Table):
    empty = _("No application matches.")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Project"), "title", cell=_link("grants:application_detail", lambda a: a.title)),
        Column(_("Organization"), "organization", isolate=True),
        Column(_("Call"), "call", narrow=True, isolate=True),
        Column(_("Branch"), "branch", narrow=True),
        Column(_("Status"), "get_status_display"),
        Column(_("Requested"), "requested_amount", narrow=True, cell=_amount(lambda a: a.requested_amount)),
        Column(_("Currency"), "currency", narrow=True),
        Column(_("Submitted"), lambda a: a.submitted_at.date() if a.submitted_at else None, page=False),
    )


def _disbursed(award):
    return award.disbursed_total()


class AwardTable(Table):
    empty = _("No award yet.")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Project"), str, cell=_link("grants:award_detail", str)),
        Column(_("Organization"), "organization", isolate=True),
        Column(_("Branch"), "branch", narrow=True),
        Column(_("Awarded on"), "awarded_on", narrow=True),
        Column(_("Amount awarded"), "amount", cell=_amount(lambda a: a.amount)),
        Column(_("Currency"), "currency"),
        Column(_("Disbursed"), _disbursed, cell=_amount(_disbursed)),
        Column(_("Status"), "get_status_display"),
    )
