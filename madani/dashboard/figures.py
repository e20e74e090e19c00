"""What the dashboard shows: the precomputed figures of one selection (program, branch, period), and the
live figures of the few activities a trainer or a CSO member may see."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format

from madani.activities.models import Activity, Attendance, Kind, Participation, Session
from madani.branches.models import Branch
from madani.people.models import Gender

from .models import Figure


@dataclass
class Selection:
    """Program (None: all), branch (None: all; only for roles that span branches), year, quarter."""

    program: object = None
    branch: Branch | None = None
    year: int | None = None
    quarter: int | None = None

    def _is(self, **values):
        return {(f"{k}__isnull" if v is None else k): (True if v is None else v) for k, v in values.items()}

    def slice(self):
        """Rows of this program and period, every kind and branch (not months)."""
        return Figure.objects.filter(**self._is(program=self.program, year=self.year, quarter=self.quarter,
                                                month=None))

    def timeline(self):
        """Rows to draw over time: years for all time, months for a year or a quarter."""
        rows = Figure.objects.filter(**self._is(program=self.program, branch=self.branch), kind="")
        if self.year is None:
            return rows.filter(year__isnull=False, quarter__isnull=True, month__isnull=True).order_by("year")
        rows = rows.filter(year=self.year, month__isnull=False).order_by("month")
        if self.quarter:
            rows = rows.filter(month__range=(3 * self.quarter - 2, 3 * self.quarter))
        return rows


def staff_figures(selection: Selection, branches) -> dict:
    """Headline row, rows by kind and by branch (of ``branches``, the ones the user may see), and the
    timeline, from at most two small indexed queries."""
    allowed = {b.pk: b for b in branches}
    chosen = selection.branch.pk if selection.branch else None
    headline, by_kind, by_branch, kind_branch = None, [], [], {}
    for row in selection.slice():
        if row.branch_id is not None and row.branch_id not in allowed:
            continue
        if row.branch_id == chosen:
            if row.kind:
                by_kind.append(row)
            else:
                headline = row
        if row.branch_id is not None:
            if row.kind:
                kind_branch.setdefault(row.kind, []).append(row)
            else:
                by_branch.append(row)
    labels = dict(Kind.choices)
    by_kind.sort(key=lambda r: -r.activities)
    for row in by_kind:
        row.label = labels.get(row.kind, row.kind)
        row.branch_rows = sorted(kind_branch.get(row.kind, []), key=lambda r: -r.activities) if chosen is None else []
    for row in [*by_branch, *(r for rows in kind_branch.values() for r in rows)]:
        row.branch_name = allowed[row.branch_id].name
    by_branch.sort(key=lambda r: r.branch_name)
    timeline = list(selection.timeline())
    for row in timeline:
        row.label = date_format(datetime.date(row.year, row.month, 1), "M") if row.month else str(row.year)
    return {"headline": headline or Figure(), "by_kind": by_kind, "by_branch": by_branch, "timeline": timeline}


def live_figures(user) -> Figure:
    """Counted live over the activities the user may see (a trainer's own; a CSO member's organization's
    participations): few rows, so no cube is needed, and the figures are always current."""
    activities = Activity.objects.visible_to(user)
    participations = Participation.objects.visible_to(user)
    attendance = Attendance.objects.filter(session__activity__in=activities)
    if not user.is_center_staff:  # a CSO member: their organization's people only
        attendance = attendance.filter(models.Exists(participations.filter(
            activity_id=models.OuterRef("session__activity_id"), person_id=models.OuterRef("person_id"))))
    people = attendance.aggregate(
        people=models.Count("person", distinct=True),
        women=models.Count("person", distinct=True, filter=models.Q(person__gender=Gender.FEMALE)),
        men=models.Count("person", distinct=True, filter=models.Q(person__gender=Gender.MALE)),
        person_days=models.Count("pk"),
    )
    enrolled = participations.aggregate(participations=models.Count("pk"),
                                        completed=models.Count("pk", filter=models.Q(completed=True)))
    return Figure(**people, **enrolled, activities=activities.count(),
                  sessions=Session.objects.filter(activity__in=activities).count(),
                  organizations=activities.filter(target_organizations__isnull=False)
                  .values("target_organizations").distinct().count())
