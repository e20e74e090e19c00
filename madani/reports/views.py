from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from madani.core.uploads import attachment_response

from . import services
from .forms import DonorReportForm
from .models import JobStatus, ReportJob

# --- donor reports ----------------------------------------------------------------------------------

RECENT_JOBS = 10


def _get_report_job_for_user(user, pk) -> ReportJob:
    return get_object_or_404(ReportJob.objects.visible_to(user).select_related("program", "requested_by"), pk=pk)


@login_required
def donor_report(request):
    """Ask for a donor report (built in the background), and the user's recent reports."""
    if not services.can_request_donor_reports(request.user):
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


@login_required
def donor_job(request, pk):
    """A report's progress (refreshed every 2 s until it is ready or failed), then its download link."""
    return render(request, "reports/donor_job.html", {"job": _get_report_job_for_user(request.user, pk)})


@login_required
def donor_job_progress(request, pk):
    """The progress part of the status page, polled by htmx."""
    return render(request, "reports/partials/donor_job_progress.html",
                  {"job": _get_report_job_for_user(request.user, pk)})


@login_required
def donor_job_download(request, pk):
    job = _get_report_job_for_user(request.user, pk)
    if job.status != JobStatus.DONE:
        raise Http404
    return attachment_response(job.file)
