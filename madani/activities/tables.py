"""The activities and programs lists: their columns on the page and in the CSV/Excel export
(core/lists.py)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from madani.core.lists import Column, Table
from madani.core.templatetags.bidi import isolate, period


def _dates(row):
    if row.start_date is None and row.end_date is None:
        return "—"
    return period(row.start_date, row.end_date)


def _activity(activity):
    return format_html('<a href="{}">{}</a>', reverse("activities:detail", args=[activity.pk]), isolate(activity))


class ActivityTable(Table):
    empty = _("No activity matches.")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Title"), str, cell=_activity, export=False),
        Column(_("Kind"), "get_kind_display"),
        Column(_("Title in Arabic"), "title_ar", page=False),
        Column(_("Title in English"), "title_en", page=False),
        Column(_("Program"), "program", page=False),
        Column(_("Dates"), "start_date", cell=_dates, export=False),
        Column(_("Branch"), "branch", narrow=True),
        Column(_("Place"), "place", narrow=True),
        Column(_("Start date"), "start_date", page=False),
        Column(_("End date"), "end_date", page=False),
        Column(_("Status"), "get_status_display"),
        Column(_("Participants"), "participant_count"),
    )


def _program(program):
    return format_html('<a href="{}">{}</a>', reverse("activities:program_detail", args=[program.pk]), isolate(program))


def _branches(program):
    return gettext(", ").join(str(branch) for branch in program.branches.all()) or str(_("All branches"))


def _list(items):
    """The items joined by the page language's list separator (Arabic «،», English ",")."""
    return format_html_join(gettext(", "), "{}", ((item,) for item in items))


class ProgramTable(Table):
    empty = _("No program recorded yet.")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Code"), "code", page=False),
        Column(_("Program"), str, cell=_program, export=False),
        Column(_("Name in Arabic"), "name_ar", page=False),
        Column(_("Name in English"), "name_en", page=False),
        Column(_("Donor"), "donor", isolate=True),
        Column(_("Dates"), "start_date", cell=_dates, export=False),
        Column(_("Start date"), "start_date", page=False),
        Column(_("End date"), "end_date", page=False),
        Column(_("Branches"), _branches, cell=lambda program: _list([isolate(b) for b in program.branches.all()])
               or _("All branches"), narrow=True),
        Column(_("Phases"), lambda program: len(program.phases.all()), narrow=True),
        Column(_("Activities"), "activity_count"),
    )
