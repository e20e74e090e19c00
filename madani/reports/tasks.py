"""Background jobs of the reports app (django-tasks: the database worker in production and the demo,
the immediate backend in tests)."""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .donor import DonorReport
from .models import JobStatus, ReportFormat, ReportJob, Step

logger = logging.getLogger(__name__)

# Each step of a donor report, with the progress shown while it runs.
DONOR_STEPS = [
    (Step.FIGURES, 5, DonorReport.add_cover),
    (Step.FIGURES, 10, DonorReport.add_headline),
    (Step.BREAKDOWNS, 25, DonorReport.add_breakdowns),
    (Step.LOGFRAME, 60, DonorReport.add_logframe),
    (Step.ACTIVITIES, 70, DonorReport.add_activities),
]
WRITING_PROGRESS = 80


def _record(job_id, **fields):
    """Save one change of a job in its own short transaction, so that the status page sees it at once."""
    with transaction.atomic():
        ReportJob.objects.filter(pk=job_id).update(**fields)


@task()
def build_donor_report(job_id: int) -> None:
    """Build a job's donor report step by step, then store its file and mark it done. On any error the
    job is marked failed with a message in the report's language, and no file is kept."""
    job = ReportJob.objects.select_related("program__donor").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return  # already built (a job enqueued twice)
    _record(job_id, status=JobStatus.RUNNING, started_at=timezone.now(), progress=0, step=Step.FIGURES)
    with translation.override(job.language):
        try:
            report = DonorReport(job)
            for step, progress, add in DONOR_STEPS:
                _record(job_id, step=step, progress=progress)
                add(report)
            _record(job_id, step=Step.WRITING, progress=WRITING_PROGRESS)
            content = report.xlsx() if job.format == ReportFormat.XLSX else report.pdf()
            _store(job, report.filename(), content)
        except Exception:
            logger.exception("Donor report job %s failed", job_id)
            _record(job_id, status=JobStatus.FAILED, finished_at=timezone.now(), error=_(
                "The report could not be built. Try again; if it fails again, tell an administrator."))


def _store(job, filename, content: bytes):
    """Save the file, then point the job at it and mark it done; if that fails, delete the file."""
    job.file.save(filename, ContentFile(content), save=False)
    try:
        _record(job.pk, file=job.file.name, status=JobStatus.DONE, progress=100, step=Step.DONE,
                finished_at=timezone.now(), error="")
    except Exception:
        job.file.delete(save=False)
        raise
