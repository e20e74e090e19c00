"""Background jobs whose work is never lost (issue 10): one mechanism every job model plugs into.

django-tasks' database backend (django_tasks_db 0.13) marks a task RUNNING when a worker claims it and
records the worker's id, but it has no heartbeat and nothing ever looks at a RUNNING row again: a worker
killed mid-task (``kill -9``, out of memory, a reboot) leaves the task — and our job row with its progress
bar — "running" for ever. So our job rows carry a **lease**:

- a worker that starts a job (``Job.objects.claim``) takes the lease for ``MADANI_JOB_LEASE_SECONDS`` and
  renews it on every step (``job.advance``) and, from a heartbeat thread, every quarter of the lease
  while a long step runs (``with job.heartbeat():``); a dead worker renews nothing;
- a RUNNING job whose lease has expired was lost with its worker: it is queued again once
  (``attempts``), and after ``MAX_ATTEMPTS`` it fails with a clear message in the job's language
  (``recover_lost_jobs``). This runs when the job's status page is polled, when any worker starts a
  task (``task_started``), and from ``manage.py jobs_recover`` (cron, or a systemd timer);
- a worker that was only slow and lost its lease is fenced off: its next ``advance`` raises
  ``LeaseLost`` (the row is no longer its attempt), so two workers never write the same job.

A job model subclasses ``Job``, says how to queue its task (``enqueue_task``) and what to say when its
worker is lost (``worker_lost_message``); its task uses ``claim`` / ``heartbeat`` / ``advance`` /
``finish`` / ``fail``.
"""

import contextlib
import datetime
import logging
import threading

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection, models, transaction
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from madani.core.uploads import attachment_response

logger = logging.getLogger(__name__)

# A lost job is run this many times in all (once, then queued again once), then it fails.
MAX_ATTEMPTS = 2


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.MADANI_JOB_LEASE_SECONDS)


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class LeaseLost(Exception):
    """This worker's attempt is no longer the job's (its lease expired and the job was queued again or
    failed): stop without writing anything."""


class JobQuerySet(models.QuerySet):
    def lease_expired(self, now=None):
        """Running jobs whose worker stopped renewing the lease: lost with their worker."""
        return self.filter(status=JobStatus.RUNNING, lease_expires_at__lt=now or timezone.now())

    def pending(self):
        """Jobs not finished yet: asking for the same one again returns it instead of a second job."""
        return self.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])

    def claim(self, pk):
        """Start a queued job: the calling worker's attempt, with a fresh lease. None if the job is not
        waiting (already built, failed, or taken by another worker)."""
        now = timezone.now()
        with transaction.atomic():
            taken = self.filter(pk=pk, status=JobStatus.QUEUED).update(
                status=JobStatus.RUNNING, attempts=models.F("attempts") + 1, started_at=now, progress=0,
                lease_expires_at=now + lease_length(), error="")
        return self.get(pk=pk) if taken else None


class Job(models.Model):
    """The lifecycle of one background job: queued → running (with a lease) → done or failed."""

    status = models.CharField(_("status"), max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, help_text=_("Percent done."))
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0,
                                                help_text=_("How many times a worker started the job."))
    lease_expires_at = models.DateTimeField(
        _("lease expires"), null=True, blank=True,
        help_text=_("A running job whose worker has not renewed it by then was lost with the worker."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    # Said (in the job's language) when the job's worker was lost MAX_ATTEMPTS times.
    worker_lost_message = _("The worker building this stopped before it was done. Please request it again.")
    # Fields of the model's own set back when a lost job is queued again (e.g. its current step).
    requeue_fields: dict = {}

    class Meta:
        abstract = True

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    # --- what a job model says -------------------------------------------------------------------

    def enqueue_task(self) -> None:
        """Queue the task that builds this job (called after the queuing transaction commits)."""
        raise NotImplementedError

    def job_language(self) -> str:
        """The language the job's messages are written in."""
        return getattr(self, "language", "") or settings.LANGUAGE_CODE

    # --- used by the job's task ------------------------------------------------------------------

    def _mine(self):
        """This worker's attempt: the row as long as nobody took the job away from it."""
        return type(self)._default_manager.filter(pk=self.pk, status=JobStatus.RUNNING, attempts=self.attempts)

    def advance(self, progress: int, **fields) -> None:
        """Record a step (and renew the lease) in its own short transaction, so the status page sees it
        at once. Raises LeaseLost if the job is no longer this attempt's."""
        with transaction.atomic():
            if not self._mine().update(progress=progress, lease_expires_at=timezone.now() + lease_length(),
                                       **fields):
                raise LeaseLost(self.pk)
        self.progress = progress

    def finish(self, **fields) -> None:
        """Mark the job done (fields: its result, e.g. the file's name). Raises LeaseLost if the job is
        no longer this attempt's."""
        with transaction.atomic():
            if not self._mine().update(status=JobStatus.DONE, progress=100, finished_at=timezone.now(),
                                       lease_expires_at=None, error="", **fields):
                raise LeaseLost(self.pk)

    def fail(self, message: str, **fields) -> None:
        with transaction.atomic():
            self._mine().update(status=JobStatus.FAILED, finished_at=timezone.now(), lease_expires_at=None,
                                error=message, **fields)

    @contextlib.contextmanager
    def heartbeat(self):
        """Renew the lease from a thread while the block runs, so that one long step (a big PDF) does not
        look like a dead worker. Not inside a transaction (the immediate backend in a test): another
        connection could not see the row anyway, and the block is short."""
        if connection.in_atomic_block:
            yield
            return
        stop = threading.Event()
        interval = max(settings.MADANI_JOB_LEASE_SECONDS / 4, 0.05)

        def beat():
            try:
                while not stop.wait(interval):
                    try:
                        if not self._mine().update(lease_expires_at=timezone.now() + lease_length()):
                            return  # taken away: the worker's next step raises LeaseLost
                    except Exception:  # noqa: BLE001 - a busy database: try again at the next beat
                        logger.warning("Could not renew the lease of %s %s", type(self).__name__, self.pk,
                                       exc_info=True)
            finally:
                connection.close()  # this thread's own connection

        thread = threading.Thread(target=beat, name=f"lease-{type(self).__name__}-{self.pk}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    # --- recovery ------------------------------------------------------------------------------------

    def recover_if_lost(self, now=None) -> bool:
        """If this job's worker was lost (its lease expired), queue it again or fail it; refreshes the
        instance. True if something was done."""
        now = now or timezone.now()
        if not (self.status == JobStatus.RUNNING and self.lease_expires_at and self.lease_expires_at < now):
            return False
        model = type(self)
        lost = model._default_manager.filter(pk=self.pk, status=JobStatus.RUNNING, attempts=self.attempts,
                                             lease_expires_at__lt=now)
        with transaction.atomic():
            if self.attempts < MAX_ATTEMPTS:
                requeued = lost.update(status=JobStatus.QUEUED, progress=0, lease_expires_at=None,
                                       **self.requeue_fields)
                if requeued:
                    logger.warning("%s %s: its worker stopped; queued again (attempt %s of %s)",
                                   model.__name__, self.pk, self.attempts + 1, MAX_ATTEMPTS)
                    transaction.on_commit(self.enqueue_task)
                done = requeued
            else:
                with translation.override(self.job_language()):
                    message = str(self.worker_lost_message)
                done = lost.update(status=JobStatus.FAILED, finished_at=now, lease_expires_at=None, error=message)
                if done:
                    logger.error("%s %s: its worker stopped %s times; failed", model.__name__, self.pk,
                                 self.attempts)
        self.refresh_from_db()
        return bool(done)


def finished_file_response(job):
    """A finished job's file (its ``file`` field), as an attachment; 404 while it is not ready."""
    if job.status != JobStatus.DONE:
        raise Http404
    return attachment_response(job.file)


class JobViews:
    """The three pages of one kind of job, written once: its status page (refreshed every 2 s until it is
    ready or failed, then its download link), the progress part of it that htmx polls, and the download of
    its file. The app says only how to get its job for the user (``get_job(user, pk)``: through
    ``visible_to``, 404 otherwise) and names its templates; a job whose worker died is queued again, or
    failed, here, each time its status is looked at (``recover_if_lost``).

        status, progress, download = JobViews(_get_report_job_for_user, template=…, progress_template=…,
                                               name="job").views()
    """

    def __init__(self, get_job, *, template, progress_template, name="job"):
        self.get_job, self.template, self.progress_template, self.name = get_job, template, progress_template, name

    def job(self, request, pk):
        job = self.get_job(request.user, pk)
        job.recover_if_lost()
        return job

    def status(self, request, pk):
        return render(request, self.template, {self.name: self.job(request, pk)})

    def progress(self, request, pk):
        return render(request, self.progress_template, {self.name: self.job(request, pk)})

    def download(self, request, pk):
        return finished_file_response(self.job(request, pk))

    def views(self):
        """The status, progress and download views, each for signed-in users only."""
        return login_required(self.status), login_required(self.progress), login_required(self.download)


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def recover_lost_jobs(now=None) -> int:
    """Queue again (or fail) every job of every job model whose worker was lost; returns how many."""
    now = now or timezone.now()
    recovered = 0
    for model in job_models():
        for job in model._default_manager.lease_expired(now):
            recovered += job.recover_if_lost(now)
    return recovered


def recover_on_task_start(sender, **kwargs) -> None:
    """``task_started`` receiver: every worker, when it starts any task, recovers lost jobs first."""
    try:
        recover_lost_jobs()
    except Exception:  # noqa: BLE001 - never stop the task that was about to run
        logger.exception("Recovering lost jobs failed")
