"""Writes of the reports app: asking for a report creates its job, and the job is built in the
background once the request's transaction has committed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madani.activities.models import Program

from .models import ReportJob
from .permissions import can_request_donor_reports
from .tasks import build_donor_report


@transaction.atomic
def donor_report_request(*, actor, program, date_from, date_to, language, format) -> ReportJob:
    """Queue a donor report of ``program`` over [date_from, date_to], covering the branches ``actor`` may see
    (every branch for an administrator)."""
    if not can_request_donor_reports(actor):
        raise PermissionDenied
    if not Program.objects.visible_to(actor).filter(pk=program.pk).exists():
        raise ValidationError(_("You cannot see this program."))
    if date_to < date_from:
        raise ValidationError(_("The end date cannot be before the start date."))
    Program.objects.select_for_update().filter(pk=program.pk).first()  # two clicks queue one report
    same = ReportJob.objects.pending().filter(program=program, date_from=date_from, date_to=date_to,
                                              language=language, format=format, requested_by=actor)
    if (waiting := same.first()) is not None:
        return waiting
    job = ReportJob(program=program, date_from=date_from, date_to=date_to, language=language, format=format,
                    requested_by=actor, covers_all_branches=actor.spans_all_branches)
    job.full_clean()
    job.save()
    if not job.covers_all_branches:
        job.branches.set(actor.branch_ids())  # the report covers what its requester may see, nothing more
    transaction.on_commit(lambda: build_donor_report.enqueue(job.pk))
    return job
