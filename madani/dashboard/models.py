"""Precomputed figures (a small "cube") that the dashboard and the public impact page read.

Every row holds the headline measures of one slice of the ledger: a program (or all), a branch (or all),
an activity kind (or all) and a period (all time, a year, a quarter or a month). An activity belongs to
the period in which it starts; its sessions, participations and attendance go with it. The rows are
rebuilt as a whole by ``cube.rebuild()`` (a background job after every ledger write), never edited.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Figure(models.Model):
    program = models.ForeignKey(
        "activities.Program", verbose_name=_("program"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.CASCADE, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True)
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True)
    month = models.PositiveSmallIntegerField(_("month"), null=True)

    people = models.PositiveIntegerField(_("people reached"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    participations = models.PositiveIntegerField(_("participations"), default=0)
    completed = models.PositiveIntegerField(_("completed"), default=0)
    person_days = models.PositiveIntegerField(_("person-days"), default=0)
    sessions = models.PositiveIntegerField(_("sessions"), default=0)
    activities = models.PositiveIntegerField(_("activities"), default=0)
    organizations = models.PositiveIntegerField(_("organizations served"), default=0)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [models.Index(fields=["year", "quarter", "month", "program", "branch", "kind"])]


class FigureStatus(models.Model):
    """One row: when the figures were last computed, and whether a new computation is waiting."""

    built_at = models.DateTimeField(_("computed at"), null=True)
    seconds = models.FloatField(_("computation time (s)"), null=True)
    requested_at = models.DateTimeField(_("refresh requested at"), null=True)

    class Meta:
        verbose_name = _("figures status")
        verbose_name_plural = _("figures status")
