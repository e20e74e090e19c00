"""Precomputed figures (a small "cube") that the dashboard and the public impact page read.

Every row holds the headline measures of one slice of the ledger: a program (or all), a branch (or all),
an activity kind (or all) and a period (all time, a year, a quarter or a month). An activity belongs to
the period in which it starts; its sessions, participations and attendance go with it. The rows are
computed as a whole by ``cube.rebuild()`` (for repairs, a new day, and writes that name no activity), and a
ledger write that names its activities moves only the rows of their slices (``cube.apply_changes``).
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
    # Set by the full rebuild once the per-activity rows below match the figures (a partial update needs them).
    started_at = models.DateTimeField(null=True)
    state_ready = models.BooleanField(default=False)
    updated_at = models.DateTimeField(_("last updated at"), null=True)  # by the full rebuild or a ledger write

    class Meta:
        verbose_name = _("figures status")
        verbose_name_plural = _("figures status")


# What the figures count of each activity, as last computed: the full rebuild writes these rows with the
# figures, and a ledger write that names its activities replaces theirs and moves the figures by the
# difference (``cube.apply_changes``). No foreign keys: the rows of a deleted activity are read once more,
# to take what it counted out of the figures, after the activity is gone.
class SliceState(models.Model):
    """The slice of the figures a state row falls in (program, branch, kind, period)."""

    program_id = models.BigIntegerField(null=True)
    branch_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=24, blank=True)
    year = models.PositiveSmallIntegerField(null=True)
    quarter = models.PositiveSmallIntegerField(null=True)
    month = models.PositiveSmallIntegerField(null=True)

    class Meta:
        abstract = True


class ActivityState(SliceState):
    """One activity: its slice, by its start, and its additive measures."""

    activity_id = models.BigIntegerField(primary_key=True)
    activities = models.PositiveIntegerField(default=0)  # started by the day of the computation
    services = models.PositiveIntegerField(default=0)  # started, and not a room use
    participations = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)


class SessionState(SliceState):
    """One activity's sessions in one month: how many were held, and their attendance marks."""

    activity_id = models.BigIntegerField(db_index=True)
    sessions = models.PositiveIntegerField(default=0)
    person_days = models.PositiveIntegerField(default=0)


class ReachState(SliceState):
    """A person present at one of an activity's sessions in one month (once per activity, person and month)."""

    activity_id = models.BigIntegerField(db_index=True)
    person_id = models.BigIntegerField(db_index=True)
    women = models.PositiveSmallIntegerField(default=0)
    men = models.PositiveSmallIntegerField(default=0)


class ServedState(SliceState):
    """An organization served by a started activity."""

    activity_id = models.BigIntegerField(db_index=True)
    organization_id = models.BigIntegerField(db_index=True)


class TouchedActivity(models.Model):
    """An activity whose figures a ledger write moved: a full rebuild that was running then (its snapshot may
    predate the write) applies the write again to what it computed."""

    activity_id = models.BigIntegerField()
    at = models.DateTimeField(db_index=True)
