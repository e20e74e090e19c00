"""Reports built in the background (issue 4, "Figures"): a donor report of one program over a period,
as an Excel workbook or a PDF, written in one language. The job row carries the progress that the
status page polls; the file is stored through the default storage and served only through a view."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.branches.models import Branch
from madani.core.jobs import Job, JobQuerySet, JobStatus  # noqa: F401 - JobStatus: imported from here too
from madani.core.querysets import RestrictedQuerySet




class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel workbook")
    PDF = "pdf", _("PDF document")


class ReportLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class Step(models.TextChoices):
    """The stages of building a report, shown under the progress bar."""

    WAITING = "", _("Waiting for a worker")
    FIGURES = "figures", _("Counting the headline figures")
    BREAKDOWNS = "breakdowns", _("Breaking the figures down")
    LOGFRAME = "logframe", _("Tracking the logframe indicators")
    ACTIVITIES = "activities", _("Listing the activities")
    WRITING = "writing", _("Writing the file")
    DONE = "done", _("Done")


class ReportJobQuerySet(RestrictedQuerySet, JobQuerySet):
    # Administrators: every job. Branch managers and M&E officers: the jobs they asked for, and those
    # whose scope (the branches the report covers) lies inside their own branches. Others (trainers,
    # CSO members): none. A report's file is downloaded by those who see its job.
    def for_branch_staff(self, user):
        if not user.can_record_activities:
            return self.none()
        return self.filter(models.Q(requested_by=user) | models.Q(pk__in=self.within_scope_of(user).values("pk")))

    for_trainer = for_branch_staff

    def within_scope_of(self, user):
        """Reports ``user`` could have built themselves: of a program they see, over branches that are all
        theirs (a report over every branch only administrators could build)."""
        outside = Branch.objects.exclude(pk__in=user.branch_ids())
        return (ReportJob.objects.filter(covers_all_branches=False, program__in=Program.objects.visible_to(user))
                .exclude(branches__in=outside))


def report_upload_to(job, filename):
    return f"private/reports/donor/{job.created_at:%Y}/{filename}"


class ReportJob(Job):
    """One donor report being built, or built: who asked for which program, period, language and format."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE,
                                related_name="report_jobs")
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices,
                                default=ReportLanguage.ARABIC)
    format = models.CharField(_("format"), max_length=4, choices=ReportFormat.choices, default=ReportFormat.XLSX)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.SET_NULL, null=True, related_name="+")
    # The report's scope: what its requester could see when they asked for it; the report is built over it.
    covers_all_branches = models.BooleanField(
        _("covers every branch"), default=True,
        help_text=_("Asked for by an administrator: the report covers the activities of every branch."))
    branches = models.ManyToManyField(Branch, verbose_name=_("branches covered"), blank=True, related_name="+")
    step = models.CharField(_("step"), max_length=12, choices=Step.choices, blank=True, default=Step.WAITING)
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True, max_length=255)

    objects = ReportJobQuerySet.as_manager()

    worker_lost_message = _("The worker stopped while building the report. Please request the report again.")
    requeue_fields = {"step": Step.WAITING}

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(date_to__gte=models.F("date_from")),
                                   name="report_period_in_order"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_at_most_100"),
        ]

    def __str__(self):
        return _("%(program)s, %(start)s – %(end)s") % {
            "program": self.program, "start": f"{self.date_from:%Y-%m-%d}", "end": f"{self.date_to:%Y-%m-%d}"}

    def enqueue_task(self) -> None:
        from .tasks import build_donor_report

        build_donor_report.enqueue(self.pk)
