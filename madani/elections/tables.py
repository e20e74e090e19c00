"""The election's lists: checklists, incidents and results, on the page and in the CSV/Excel export
(core/lists.py, through core/exports.py). The exports may go to donors: observers appear by their code,
never by name, and places at the sub-district, never the center's location."""

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from madani.core.lists import Column, Table, local_date

from .models import public_place
from .services import problem_text


def _area(row):
    place = row.center.place if getattr(row, "center", None) else row.place
    return public_place(place).name


def _observer(row):
    return row.observer.code if row.observer_id else ""


def _problems(row):
    return "; ".join(str(problem_text(code)) for code in row.problems)


def _conflict(row):
    return _("Yes") if row.conflict else ""


def _checklist_link(row):
    return format_html('<a href="{}">{}</a>', reverse("elections:checklist_detail", args=[row.pk]), row.get_form_display())


def _incident_link(row):
    return format_html('<a href="{}">{}</a>', reverse("elections:incident_detail", args=[row.pk]),
                       row.get_category_display())


class ChecklistTable(Table):
    empty = _("No checklist received yet.")
    columns = (
        Column(_("Checklist"), "get_form_display", page=False),
        Column(_("Checklist"), str, export=False, cell=_checklist_link),
        Column(_("Phase"), "get_phase_display"),
        Column(_("Polling center"), lambda r: r.center.code, narrow=True),
        Column(_("Sub-district"), _area),
        Column(_("Observer code"), _observer, narrow=True),
        Column(_("Voters"), "voters", narrow=True),
        Column(_("Women voters"), "women_voters", narrow=True),
        Column(_("Ballots"), "ballots", narrow=True),
        Column(_("Valid"), "valid", page=False),
        Column(_("Invalid"), "invalid", page=False),
        Column(_("Blank"), "blank", page=False),
        Column(_("Quality problems"), _problems),
        Column(_("Conflict"), _conflict, narrow=True),
        Column(_("Verification"), "get_status_display"),
        Column(_("Received"), lambda r: local_date(r.received_at), narrow=True),
    )


class IncidentTable(Table):
    empty = _("No incident reported.")
    columns = (
        Column(_("Category"), "get_category_display", page=False),
        Column(_("Category"), str, export=False, cell=_incident_link),
        Column(_("Severity"), "get_severity_display"),
        Column(_("Status"), "get_status_display"),
        Column(_("Polling center"), lambda r: r.center.code if r.center_id else "", narrow=True),
        Column(_("Sub-district"), _area),
        Column(_("Observer code"), _observer, narrow=True),
        Column(_("When"), lambda r: timezone.localtime(r.occurred_at).strftime("%Y-%m-%d %H:%M"), narrow=True),
        Column(_("What happened"), "description", page=False),
    )


class ResultTable(Table):
    empty = _("No result entered yet.")
    columns = (
        Column(_("Polling center"), lambda r: r.center.code, narrow=True),
        Column(_("Sub-district"), _area),
        Column(_("Status"), "get_status_display"),
        Column(_("Voters"), "voters"),
        Column(_("Women voters"), "women_voters"),
        Column(_("Ballots"), "ballots"),
        Column(_("Valid"), "valid"),
        Column(_("Invalid"), "invalid"),
        Column(_("Blank"), "blank"),
    )
