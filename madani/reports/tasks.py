"""Background jobs of the reports app (django-tasks: the database worker in production and the demo,
the immediate backend in tests)."""

import logging

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from madani.core.jobs import LeaseLost

from .donor import DonorReport
from .models import ReportFormat, ReportJob, Step

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


@task()
def build_donor_report(job_id: int) -> None:
    """Build a job's donor report step by step, then store its file and mark it done. On any error the
    job is marked failed with a message in the report's language, and no file is kept. The job's lease
    (core/jobs.py) is renewed at every step: if this worker dies, the job is queued again, then failed."""
    job = ReportJob.objects.select_related("program__donor").claim(job_id)
    if job is None:
        return  # already built, or being built (a job enqueued twice)
    with translation.override(job.language), job.heartbeat():
        try:
            report = DonorReport(job)
            for step, progress, add in DONOR_STEPS:
                job.advance(progress, step=step)
                add(report)
            job.advance(WRITING_PROGRESS, step=Step.WRITING)
            content = report.xlsx() if job.format == ReportFormat.XLSX else report.pdf()
            _store(job, report.filename(), content)
        except LeaseLost:
            logger.warning("Donor report job %s was taken over after its lease expired; stopping", job_id)
        except Exception:
            logger.exception("Donor report job %s failed", job_id)
            job.fail(_("The report could not be built. Try again; if it fails again, tell an administrator."))


def _store(job, filename, content: bytes):
    """Save the file, then point the job at it and mark it done; if that fails, delete the file."""
    job.file.save(filename, ContentFile(content), save=False)
    try:
        job.finish(file=job.file.name, step=Step.DONE)
    except BaseException:
        job.file.delete(save=False)
        raise
