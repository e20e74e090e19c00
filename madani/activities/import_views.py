"""Attendance import pages: upload → (map the columns once) → preview → commit, per activity.

Between the steps the parsed sheet waits as JSON in the default storage under ``imports/<token>.json``;
the random token is kept only in the user's session (so nobody can reach another user's upload) and
the file is deleted on commit or cancel; abandoned ones are purged after a day.
"""

import datetime
import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from madani.core.exports import csv_response, export_response
from madani.core.permissions import require

from . import imports
from .forms import ImportMappingForm, ImportUploadForm
from .models import Participation
from .views import _get_activity_for_user

FOLDER = "imports"
STALE_AFTER = datetime.timedelta(days=1)
PREVIEW_ROWS = 300


def _session_key(activity) -> str:
    return f"activity_import_{activity.pk}"


def _path(token: str) -> str:
    return f"{FOLDER}/{token}.json"


def _get_pending(request, activity):
    """The sheet this user uploaded for this activity and has not imported yet: (info, sheet) or (None, None)."""
    info = request.session.get(_session_key(activity))
    if not info:
        return None, None
    try:
        with default_storage.open(_path(info["token"])) as handle:
            return info, json.loads(handle.read())
    except (OSError, ValueError, KeyError):
        request.session.pop(_session_key(activity), None)
        return None, None


def _discard(request, activity) -> None:
    info = request.session.pop(_session_key(activity), None)
    if info and info.get("token"):
        default_storage.delete(_path(info["token"]))


def _purge_stale() -> None:
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    limit = timezone.now() - STALE_AFTER
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (OSError, NotImplementedError):
            continue


def _store(request, activity, sheet: dict, mapping) -> None:
    """Keep ``sheet`` for the next steps (a new file and token each time: the old file is deleted)."""
    old = request.session.get(_session_key(activity))
    token = secrets.token_urlsafe(24)
    default_storage.save(_path(token), ContentFile(json.dumps(sheet, ensure_ascii=False).encode()))
    request.session[_session_key(activity)] = {"token": token, "filename": sheet["filename"], "mapping": mapping}
    if old and old.get("token"):
        default_storage.delete(_path(old["token"]))


def _start_page(request, activity, form=None, *, nothing_pending=False, status=200):
    context = {"activity": activity, "form": form or ImportUploadForm(), "nothing_pending": nothing_pending,
               "max_rows": imports.MAX_ROWS, "max_columns": imports.MAX_COLUMNS, "max_megabytes": imports.MAX_UPLOAD_BYTES // (1024 * 1024)}
    return render(request, "activities/import_start.html", context, status=status)


@login_required
def import_start(request, pk):
    """Upload a sheet. The template's columns (or columns mapped before) go straight to the preview."""
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        _discard(request, activity)
        _purge_stale()
        headers = form.parsed["headers"]
        mapping = imports.remembered_mapping(headers) or imports.automatic_mapping(headers)
        _store(request, activity, form.parsed, mapping)
        if mapping is None:
            return redirect("activities:import_columns", pk=activity.pk)
        return redirect("activities:import_preview", pk=activity.pk)
    return _start_page(request, activity, form)


@login_required
def import_template_xlsx(request, pk):
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    response = HttpResponse(
        imports.template_workbook(activity, _enrolled_rows(request.user, activity)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="attendance-{activity.pk}.xlsx"'
    return response


@login_required
def import_template_csv(request, pk):
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    return csv_response(f"attendance-{activity.pk}.csv", imports.template_header(activity),
                        _enrolled_rows(request.user, activity))


def _enrolled_rows(user, activity) -> list[list]:
    """The template's rows for the people already enrolled: name, gender, birth year, home place (its
    P-code) and organization, so that the import matches each row to the same person; the session
    columns stay empty for ticks. Phones are left out: not every user may see them, and the file travels."""
    participations = (
        Participation.objects.visible_to(user).filter(activity=activity)
        .select_related("person__home_place", "organization").order_by("person__full_name")
    )
    return [
        [p.person.full_name, p.person.gender, p.person.birth_year or "",
         p.person.home_place.pcode if p.person.home_place else "", "", str(p.organization) if p.organization else ""]
        for p in participations
    ]


@login_required
def import_columns(request, pk):
    """Map the sheet's columns to fields; the choice is remembered for sheets with the same headers."""
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    info, sheet = _get_pending(request, activity)
    if sheet is None:
        return _start_page(request, activity, nothing_pending=True)
    if request.method == "POST" and "sheet" in request.POST:  # another sheet of the workbook
        try:
            chosen = imports.choose_sheet(sheet, request.POST["sheet"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            headers = chosen["headers"]
            _store(request, activity, chosen, imports.remembered_mapping(headers))
        return redirect("activities:import_columns", pk=activity.pk)
    headers = sheet["headers"]
    initial = info.get("mapping") or imports.remembered_mapping(headers) or imports.guess_mapping(headers)
    form = ImportMappingForm(request.POST or None, headers=headers, initial_mapping=initial, rows=sheet["rows"])
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        imports.remember_mapping(actor=request.user, headers=headers, mapping=mapping)
        request.session[_session_key(activity)] = {**info, "mapping": mapping}
        return redirect("activities:import_preview", pk=activity.pk)
    return render(request, "activities/import_columns.html",
                  {"activity": activity, "form": form, "filename": info["filename"],
                   "sheets": [other["title"] for other in sheet.get("sheets", [])], "sheet_title": sheet.get("sheet")})


@login_required
def import_preview(request, pk):
    """Every row with its problems; commit imports all rows or none."""
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    info, sheet = _get_pending(request, activity)
    if sheet is None:
        return _start_page(request, activity, nothing_pending=True)
    if not info.get("mapping"):
        return redirect("activities:import_columns", pk=activity.pk)
    rows = imports.map_rows(sheet, info["mapping"])
    if request.GET.get("download") == "problems":
        return _problem_rows_response(request, activity, sheet, rows)
    if request.method == "POST":
        if "cancel" in request.POST:
            _discard(request, activity)
            messages.info(request, _("The import was cancelled."))
            return redirect("activities:detail", pk=activity.pk)
        good_only = "good_rows" in request.POST
        bad_numbers = set()
        if good_only:
            plan = imports.plan_import(actor=request.user, activity=activity, rows=rows)
            bad_numbers = {row.number for row in plan.rows if row.has_errors}
            rows = [row for row in rows if row["number"] not in bad_numbers]
        try:
            if not rows:
                raise ValidationError(_("No row can be imported: every row has a problem."))
            result = imports.attendance_import(actor=request.user, activity=activity, rows=rows)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _(
                "Imported: %(created)s new people, %(linked)s already in the registry, %(enrolled)s newly "
                "enrolled, %(attendance)s attendance marks added."
            ) % {"created": result["people_created"], "linked": result["people_linked"],
                 "enrolled": result["participations_created"], "attendance": result["attendance_created"]})
            if bad_numbers:  # the rows left out wait here, with their problems, to be downloaded and corrected
                left = {**sheet, "rows": [row for row in sheet["rows"] if row[0] in bad_numbers]}
                left.pop("sheets", None)
                _store(request, activity, left, info["mapping"])
                messages.warning(request, ngettext(
                    "%(count)s row with problems was not imported: download it with the reasons below.",
                    "%(count)s rows with problems were not imported: download them with the reasons below.",
                    len(bad_numbers)) % {"count": len(bad_numbers)})
                return redirect("activities:import_preview", pk=activity.pk)
            _discard(request, activity)
            return redirect("activities:detail", pk=activity.pk)
    plan = imports.plan_import(actor=request.user, activity=activity, rows=rows)
    shown = sorted(plan.rows, key=lambda r: (not r.has_errors, not r.problems, r.number))[:PREVIEW_ROWS]
    context = {
        "activity": activity,
        "plan": plan,
        "shown": shown,
        "good_rows": len(plan.rows) - plan.errors,
        "filename": info["filename"],
        "mapped": imports.automatic_mapping(sheet["headers"]) is None or bool(sheet.get("sheets")),
        "new_dates": sorted(plan.new_dates),
    }
    return render(request, "activities/import_preview.html", context)


def _problem_rows_response(request, activity, sheet, rows):
    """The rows with problems as a workbook (or CSV): the sheet's own columns, then the reasons, so that
    they can be corrected and uploaded again. Written through ``core.exports`` (formulas neutralized)."""
    plan = imports.plan_import(actor=request.user, activity=activity, rows=rows)
    reasons = {row.number: " · ".join(p.message for p in row.problems if p.level == imports.ERROR)
               for row in plan.rows if row.has_errors}
    header = [_("Row"), *sheet["headers"], _("Problems")]
    body = ([number, *cells, reasons[number]] for number, *cells in sheet["rows"] if number in reasons)
    return export_response(request, f"import-problems-{activity.pk}", header, body)
