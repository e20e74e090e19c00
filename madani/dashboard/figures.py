"""What the dashboard shows: the precomputed figures of one selection (program, branch, period: the cube,
a materialization of the indicator engine's figures), and the engine's figures computed live over the few
activities a trainer or a CSO member may see."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format

from madani.activities.models import Kind
from madani.branches.models import Branch
from madani.indicators.engine import ROOM_USE_KINDS, IndicatorQuery, Metric, compute
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
    """Headline row, rows by kind and by branch (of ``branches``, the ones the user may see), the timeline,
    and the co-working space's room uses (counted apart from the activities), from at most two small indexed
    queries."""
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
    # Room uses serve no one in person: not an activity of the headline (the engine's definition), shown apart.
    room_uses = [row for row in by_kind if row.kind in ROOM_USE_KINDS]
    by_kind = [row for row in by_kind if row.kind not in ROOM_USE_KINDS]
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
    return {"headline": headline or Figure(), "by_kind": by_kind, "by_branch": by_branch, "timeline": timeline,
            "room_uses": sum(row.activities for row in room_uses)}


def live_figures(user) -> Figure:
    """The indicator engine's figures over the activities the user may see (a trainer's own; a CSO member's
    organization's people and organization), all time: few rows, so no cube is needed, and the figures are
    always current."""
    def total(metric, **extra):
        return compute(IndicatorQuery(metric, **extra), user=user)

    people = total(Metric.PEOPLE, by=("gender",))
    genders = {row.keys[0].value: row.value for row in people.rows}
    return Figure(people=people.total, women=genders.get(Gender.FEMALE, 0), men=genders.get(Gender.MALE, 0),
                  **{name: total(metric).total for name, metric in (
                      ("person_days", Metric.PERSON_DAYS), ("participations", Metric.PARTICIPATIONS),
                      ("completed", Metric.COMPLETED), ("activities", Metric.ACTIVITIES),
                      ("sessions", Metric.SESSIONS), ("organizations", Metric.ORGANIZATIONS))})
