"""A donor report is never left "running" by a dead worker (issue 10): its lease expires, it is queued
again once and built by the next worker; lost twice, it fails with a message saying to ask again."""

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from madani.core.jobs import LeaseLost
from madani.core.tests.workers import Workers
from madani.reports.models import JobStatus, ReportJob, Step
from tests.factories import ReportJobFactory

from .helpers import request_report

PROGRESS = "SELECT status, progress FROM reports_reportjob WHERE id = ?"


# serialized_rollback: as the donor report's other worker test (the content types survive the flush).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_whose_worker_was_killed_is_built_by_the_next_worker(staff_a, program_a, client_a, settings,
                                                                       tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = request_report(staff_a, program_a)
    workers = Workers(tmp_path, lease_seconds=1)
    try:
        workers.to_workers()
        worker = workers.start_slow(pause_seconds=1.5)  # every step outlasts the lease: the heartbeat keeps it
        status, progress = workers.wait_for(PROGRESS, [job.pk], lambda row: row[1] >= 10)
        assert status == JobStatus.RUNNING  # the worker lived through a step longer than its lease
        workers.kill(worker)
        workers.from_workers()
    finally:
        workers.stop_all()
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.progress >= 10  # what the user saw for ever before
    time.sleep(1.1)  # the lease (1 s) expires
    # The status page, polled by the user's browser, queues the job again…
    page = client_a.get(reverse("reports:donor_job_progress", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert (job.progress, job.step, job.attempts) == (0, Step.WAITING, 1)
    assert 'hx-trigger="every 2s"' in page  # still polling
    # …and the next worker builds it.
    workers.to_workers()
    workers.run_batch()
    workers.from_workers()
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 2)
    assert load_workbook(io.BytesIO(job.file.read())).worksheets
    page = client_a.get(reverse("reports:donor_job", args=[job.pk])).content.decode()
    assert reverse("reports:donor_job_download", args=[job.pk]) in page


def lost_job(program, staff, *, attempts):
    """A report whose worker died at 80% a minute ago, on its ``attempts``-th run."""
    now = timezone.now()
    return ReportJobFactory(program=program, date_from=datetime.date(2026, 1, 1),
                            date_to=datetime.date(2026, 12, 31), requested_by=staff,
                            status=JobStatus.RUNNING, progress=80, step=Step.WRITING, attempts=attempts,
                            started_at=now - datetime.timedelta(minutes=2),
                            lease_expires_at=now - datetime.timedelta(minutes=1))


def test_a_report_lost_on_its_first_run_is_built_again_when_its_page_is_polled(
        client_a, program_a, staff_a, django_capture_on_commit_callbacks):
    job = lost_job(program_a, staff_a, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.get(reverse("reports:donor_job_progress", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 2)


def test_a_report_lost_twice_fails_with_a_message_to_ask_again(client_a, program_a, staff_a):
    job = lost_job(program_a, staff_a, attempts=2)
    page = client_a.get(reverse("reports:donor_job", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at
    with override("ar"):  # the report's language
        message = gettext("The worker stopped while building the report. Please request the report again.")
    assert job.error == message
    assert "every 2s" not in page and "alert-danger" in page


def test_the_periodic_check_fails_a_report_lost_twice_that_nobody_watches(program_a, staff_a):
    job = lost_job(program_a, staff_a, attempts=2)
    alive = lost_job(program_a, staff_a, attempts=1)
    alive.lease_expires_at = timezone.now() + datetime.timedelta(minutes=1)  # its worker renews the lease
    alive.save()
    call_command("jobs_recover", verbosity=0)
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert (alive.status, alive.progress) == (JobStatus.RUNNING, 80)


def test_a_slow_worker_that_lost_its_lease_cannot_overwrite_the_job(program_a, staff_a):
    job = ReportJobFactory(program=program_a, date_from=datetime.date(2026, 1, 1),
                           date_to=datetime.date(2026, 12, 31), requested_by=staff_a)
    slow = ReportJob.objects.claim(job.pk)
    assert ReportJob.objects.claim(job.pk) is None  # one worker at a time
    ReportJob.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(seconds=1))
    job.refresh_from_db()
    assert job.recover_if_lost() and job.status == JobStatus.QUEUED  # queued again for another worker
    with pytest.raises(LeaseLost):
        slow.advance(60, step=Step.LOGFRAME)
    with pytest.raises(LeaseLost):
        slow.finish(file="stale.xlsx")
    job.refresh_from_db()
    assert (job.status, job.progress, job.file.name) == (JobStatus.QUEUED, 0, "")
