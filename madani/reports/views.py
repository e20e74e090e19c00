from itertools import chain

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from madani.activities.models import Activity, Program
from madani.core.exports import export_response
from madani.core.jobs import JobViews
from madani.core.lists import filtered_queryset
from madani.core.permissions import ObjectAccess, require

from . import services
from .filters import ThreeWFilter
from .forms import DonorReportForm
from .iati import NotPublishable, iati_identifier, iati_ready, program_activity_file
from .models import ReportJob
from .permissions import can_request_donor_reports, can_see_reports
from .three_w import three_w_table


def _require_reporter(user):
    """Reports are for those who record the ledger: administrators, branch managers, M&E officers."""
    require(can_see_reports(user))


def _get_program_for_user(user, pk) -> tuple[Program, ObjectAccess]:
    """A program ``user`` sees (404 otherwise), and whether they may publish its IATI file."""
    program = get_object_or_404(Program.objects.visible_to(user), pk=pk)
    return program, ObjectAccess(user, program, publish_iati=can_see_reports)


def _three_w_filter(request):
    return ThreeWFilter(request.GET or None, queryset=Activity.objects.visible_to(request.user), user=request.user)


@login_required
def index(request):
    _require_reporter(request.user)
    context = {
        "filter": _three_w_filter(request),
        "programs": Program.objects.visible_to(request.user).order_by("-start_date", "code"),
        "iati_ready": iati_ready(),
    }
    return render(request, "reports/index.html", context)


@login_required
def three_w(request):
    _require_reporter(request.user)
    choices = _three_w_filter(request)
    period = choices.form.cleaned_data if choices.is_bound and choices.form.is_valid() else {}
    header, hashtags, rows = three_w_table(filtered_queryset(choices), request.user,
                                           date_from=period.get("start"), date_to=period.get("end"))
    return export_response(request, "3w", header, chain([hashtags], rows))


@login_required
def iati(request, pk):
    program, access = _get_program_for_user(request.user, pk)
    require(access.can_publish_iati)
    try:
        document = program_activity_file(program, request.user)
    except NotPublishable as reason:
        return render(request, "reports/iati_unavailable.html", {"program": program, "reason": reason}, status=409)
    response = HttpResponse(document, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{iati_identifier(program)}.xml"'
    return response


# --- donor reports ----------------------------------------------------------------------------------

RECENT_JOBS = 10


def _get_report_job_for_user(user, pk) -> ReportJob:
    return get_object_or_404(ReportJob.objects.visible_to(user).select_related("program", "requested_by"), pk=pk)


@login_required
def donor_report(request):
    """Ask for a donor report (built in the background), and the user's recent reports."""
    if not can_request_donor_reports(request.user):
        raise PermissionDenied
    form = DonorReportForm(request.POST or None, user=request.user, initial={"program": request.GET.get("program")})
    if request.method == "POST" and form.is_valid():
        try:
            job = services.donor_report_request(actor=request.user, **form.job_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("reports:donor_job", pk=job.pk)
    jobs = ReportJob.objects.filter(requested_by=request.user).select_related("program")[:RECENT_JOBS]
    return render(request, "reports/donor_report_form.html", {"form": form, "jobs": jobs})


# A report's status page, its progress part and its download (core/jobs.py).
donor_job, donor_job_progress, donor_job_download = JobViews(
    _get_report_job_for_user, template="reports/donor_job.html",
    progress_template="reports/partials/donor_job_progress.html").views()
