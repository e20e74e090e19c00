"""The indicator tracking table of a program's logframe: for each indicator and each period that has
a target, the baseline, the target, the actual figure computed from the ledger and the % achieved."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .engine import compute
from .models import Indicator, Outcome, Output


@dataclass
class Period:
    label: str
    baseline: int | None
    target: int | None
    actual: int
    query: object  # the engine query of the actual figure (its records are one click away)

    @property
    def achieved(self) -> int | None:
        """Actual as a whole percentage of the target (None without a target above zero)."""
        return round(self.actual * 100 / self.target) if self.target else None


@dataclass
class Line:
    indicator: Indicator
    periods: list[Period]


@dataclass
class Section:
    level: str  # "outcome", "output" or "other"
    entry: Outcome | Output | None
    lines: list[Line]


def _sort_key(value):
    return (value.year, value.quarter or 0)


def _line(indicator: Indicator, user) -> Line:
    baselines = sorted(indicator.baselines.all(), key=_sort_key)
    periods = []
    for target in sorted(indicator.targets.all(), key=_sort_key):
        earlier = [b for b in baselines if _sort_key(b) <= _sort_key(target)]
        query = indicator.query(by=()).within(*target.bounds())
        periods.append(Period(target.period_label, earlier[-1].value if earlier else None, target.value,
                              compute(query, user=user).total, query))
    if not periods:  # no target yet: the figure over the indicator's own period
        query = indicator.query(by=())
        periods.append(Period(str(_("All periods")), baselines[-1].value if baselines else None, None,
                              compute(query, user=user).total, query))
    return Line(indicator, periods)


def tracking(program, *, user) -> list[Section]:
    """Outcomes, each followed by its outputs, then the program's indicators under neither."""
    indicators = (
        Indicator.objects.filter(program=program)
        .prefetch_related("baselines", "targets", "topics", "programs", "donors", "branches", "organizations")
        .select_related("place")
    )
    by_entry = {}
    for indicator in indicators:
        entry = ("output", indicator.output_id) if indicator.output_id else ("outcome", indicator.outcome_id)
        by_entry.setdefault(entry, []).append(_line(indicator, user))
    sections = []
    outcomes = program.outcomes.prefetch_related(Prefetch("outputs", queryset=Output.objects.order_by("number", "pk")))
    for outcome in outcomes:
        sections.append(Section("outcome", outcome, by_entry.get(("outcome", outcome.pk), [])))
        sections += [Section("output", output, by_entry.get(("output", output.pk), [])) for output in outcome.outputs.all()]
    others = by_entry.get(("outcome", None), [])
    if others:
        sections.append(Section("other", None, others))
    return sections


def tracking_rows(sections):
    """The tracking table flat, one row per indicator and period (for CSV and Excel)."""
    levels = {"outcome": _("Outcome"), "output": _("Output"), "other": _("Other indicators")}
    for section in sections:
        for line in section.lines:
            for period in line.periods:
                yield [str(levels[section.level]), str(section.entry or ""), line.indicator.code,
                       line.indicator.name, period.label, period.baseline, period.target, period.actual,
                       period.achieved]
