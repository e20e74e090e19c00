"""The donor report of one program over a period (issue 4, "Figures"), built from the ledger through the
indicator engine with its requester's visibility, over the branches stored on the job (issue 10: a
branch manager's report never holds another branch's activities) and written as an Excel
workbook (one sheet per section, right to left in Arabic) or an A4 PDF (WeasyPrint).

A report is a list of ``Section``s, each a small table (a header and rows of typed cells) with an
optional bar chart; ``DonorReport`` gathers them in the steps that the background task reports
as progress, inside ``translation.override(job.language)`` so that every label is in the report's
language."""

import datetime
import io
import re
from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from madani.core import disclosure
from madani.core.exports import xlsx_row
from madani.core.pdf import font_faces, html_to_pdf
from madani.core.templatetags.bidi import separator
from madani.indicators.engine import (
    PERSON_METRICS,
    Dimension,
    IndicatorQuery,
    Metric,
    compute,
    reach_by_activity,
    records,
)
from madani.indicators.tracking import Period, tracking, tracking_rows
from madani.people.models import Gender

# The breakdowns by a dimension of the activity, each with the same columns (FIGURE_METRICS).
ACTIVITY_DIMENSIONS = [Dimension.BRANCH, Dimension.GOVERNORATE, Dimension.DISTRICT, Dimension.KIND, Dimension.MONTH]
FIGURE_METRICS = [Metric.PEOPLE, Metric.PARTICIPATIONS, Metric.PERSON_DAYS, Metric.SESSIONS, Metric.ACTIVITIES]
WOMEN = Gender.FEMALE
SHEET_TITLE_LENGTH = 31  # Excel's limit
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_COLUMN_WIDTH = 60


@dataclass
class Bar:
    label: str
    value: int
    percent: int  # of the longest bar

    @property
    def rest(self) -> int:
        """Where a bar growing from the right starts (right-to-left charts)."""
        return 100 - self.percent


@dataclass
class Section:
    """One sheet of the workbook, one part of the PDF."""

    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    chart: list[Bar] = field(default_factory=list)
    note: str = ""

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        """The rows as (text, is a number) pairs, for the PDF."""
        return [[(shown(value), isinstance(value, (int, float)) and not isinstance(value, bool)) for value in row]
                for row in self.rows]


@dataclass(frozen=True)
class DateSpan:
    """The cover's period: in the workbook as text, in the PDF with each date in its own isolate, so
    both dates read in the same order in Arabic."""

    start: datetime.date
    end: datetime.date

    def __str__(self):
        return _("%(start)s to %(end)s") % {"start": f"{self.start:%Y-%m-%d}", "end": f"{self.end:%Y-%m-%d}"}


def shown(value) -> str:
    """A cell as printed: dates as 2026-03-31, shares as percentages."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0%}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def bars(pairs) -> list[Bar]:
    """A bar chart's bars from (label, value) pairs, each as a percentage of the largest."""
    pairs = list(pairs)
    largest = max((value for _label, value in pairs), default=0)
    return [Bar(label, value, round(100 * value / largest) if largest else 0) for label, value in pairs]


def protect(rows: list[list], people: list[tuple[int, int]], relations=(), implicit: dict | None = None) -> dict:
    """Small-cell suppression of a section (core/disclosure.py), in place: each (row, column) of ``people``
    counts people; ``relations`` are (total, parts) of such positions or of ``implicit`` keys — figures the
    section does not print but that subtraction would give (the men, when people and women are printed).
    Suppressed cells are replaced by the words that say why; returns the cells."""
    values = {(r, c): rows[r][c] for r, c in people}
    values.update(implicit or {})
    cells = disclosure.people_cells(values, relations)
    for r, c in people:
        rows[r][c] = disclosure.published(cells[(r, c)])
    return cells


def shown_bars(pairs_with_cells) -> list[Bar]:
    """The bars of the figures that are shown (a hidden figure has no bar to measure it by)."""
    return bars((label, cell.value) for label, cell in pairs_with_cells if cell.shown)


class DonorReport:
    """The sections of one job's report, gathered step by step (``add_*``), then written. A donor report
    leaves the center: every count of people in it goes through small-cell suppression."""

    def __init__(self, job):
        self.job = job
        self.program = job.program
        self.generated_at = timezone.localtime()
        self.sections: list[Section] = []
        # Built with its requester's visibility, over the branches stored on the job (its scope).
        if job.requested_by is None or not job.requested_by.is_active:
            raise PermissionDenied("the report's requester can no longer build it")
        self.user = job.requested_by
        self.branches = () if job.covers_all_branches else tuple(job.branches.values_list("pk", flat=True))

    # --- figures --------------------------------------------------------------------------------

    def query(self, metric, *by) -> IndicatorQuery:
        return IndicatorQuery(metric=metric, programs=(self.program.pk,), date_from=self.job.date_from,
                              date_to=self.job.date_to, by=by)

    def compute(self, metric, *by):
        return compute(self.scoped(self.query(metric, *by)), user=self.user)

    def scoped(self, query: IndicatorQuery) -> IndicatorQuery:
        """The query limited to the report's branches (an empty scope counts nothing)."""
        if self.job.covers_all_branches:
            return query
        if not self.branches:
            return query.replace(branches=(0,))
        return query.replace(branches=tuple(set(query.branches) & set(self.branches)) if query.branches
                             else self.branches)

    def period_label(self) -> str:
        return _("%(start)s to %(end)s") % {"start": f"{self.job.date_from:%Y-%m-%d}",
                                            "end": f"{self.job.date_to:%Y-%m-%d}"}

    def add_cover(self):
        program = self.program
        covered = program.branches.all() if self.job.covers_all_branches else self.job.branches.all()
        branches = separator().join(str(branch) for branch in covered.order_by("name")) or _("All branches")
        self.sections.append(Section("cover", _("Cover"), [_("Donor report"), str(program)], [
            [_("Program"), str(program)],
            [_("Donor"), str(program.donor) if program.donor else "—"],
            [_("Period"), DateSpan(self.job.date_from, self.job.date_to)],
            [_("Center"), _("Civil-society support center (branches: %(branches)s)") % {"branches": branches}],
            [_("Generated on"), self.generated_at.date()],
        ]))

    def add_headline(self):
        by_gender = self.compute(Metric.PEOPLE, Dimension.GENDER)
        people = {row.keys[0].value: (row.keys[0].label, row.value) for row in by_gender.rows}
        rows = [[_("People reached"), by_gender.total]]
        rows += [[_("of whom: %(gender)s") % {"gender": label}, value] for label, value in people.values()]
        metrics = (Metric.PARTICIPATIONS, Metric.PERSON_DAYS, Metric.SESSIONS, Metric.ACTIVITIES, Metric.ORGANIZATIONS)
        rows += [[Metric(metric).label, self.compute(metric).total] for metric in metrics]
        genders = range(1, len(people) + 1)
        counted = [0, *genders] + [len(people) + 1 + i for i, m in enumerate(metrics) if m in PERSON_METRICS]
        cells = protect(rows, [(r, 1) for r in counted], [((0, 1), [(r, 1) for r in genders])])
        chart = shown_bars((label, cells[(r, 1)]) for r, (label, _value) in zip(genders, people.values()))
        self.sections.append(Section("headline", _("Headline figures"), [_("Figure"), _("Value")], rows,
                                     chart=chart))

    def add_breakdowns(self):
        self.sections.append(self._gender_by_age())
        for dimension in ACTIVITY_DIMENSIONS:
            self.sections.append(self._by_activity_dimension(dimension))

    def _gender_by_age(self) -> Section:
        """Unique people by age group (rows) and gender (columns); totals computed, never added up."""
        cells = {(row.keys[0].value, row.keys[1].value): row.value
                 for row in self.compute(Metric.PEOPLE, Dimension.AGE_GROUP, Dimension.GENDER).rows}
        by_age = self.compute(Metric.PEOPLE, Dimension.AGE_GROUP).rows
        by_gender = self.compute(Metric.PEOPLE, Dimension.GENDER)
        genders = [(row.keys[0].value, row.keys[0].label) for row in by_gender.rows]
        header = [Dimension.AGE_GROUP.label] + [label for _value, label in genders] + [_("Total")]
        rows = [[row.keys[0].label] + [cells.get((row.keys[0].value, gender), 0) for gender, _label in genders]
                + [row.value] for row in by_age]
        rows.append([_("All ages")] + [row.value for row in by_gender.rows] + [by_gender.total])
        columns, last = range(1, len(genders) + 2), len(rows) - 1
        relations = [((r, len(genders) + 1), [(r, c) for c in columns[:-1]]) for r in range(len(rows))]
        relations += [((last, c), [(r, c) for r in range(last)]) for c in columns]  # (a person may be in two)
        cells = protect(rows, [(r, c) for r in range(len(rows)) for c in columns], relations)
        return Section("gender_age", _("People by gender and age"), header, rows,
                       chart=shown_bars((row.keys[0].label, cells[(r, len(genders) + 1)])
                                        for r, row in enumerate(by_age)),
                       note=_("A person counts once in each group; one who took part at two ages counts in both."))

    def _by_activity_dimension(self, dimension) -> Section:
        results = {metric: {row.keys[0].value: row for row in self.compute(metric, dimension).rows}
                   for metric in FIGURE_METRICS}
        women = {row.keys[0].value: row.value for row in self.compute(Metric.PEOPLE, dimension, Dimension.GENDER).rows
                 if row.keys[1].value == WOMEN}
        labels = {}
        for found in results.values():
            labels.update({value: row.keys[0].label for value, row in found.items() if value not in labels})
        first_seen = list(labels)
        order = sorted(first_seen,
                       key=lambda v: (v is None, v if dimension == Dimension.MONTH else first_seen.index(v)))

        def value(metric, key):
            row = results[metric].get(key)
            return row.value if row else 0

        header = [Dimension(dimension).label, Metric.PEOPLE.label, _("Women")] + [
            Metric(metric).label for metric in FIGURE_METRICS[1:]]
        rows = [[labels[key], value(Metric.PEOPLE, key), women.get(key, 0)]
                + [value(metric, key) for metric in FIGURE_METRICS[1:]] for key in order]
        people_columns = [1, 2] + [3 + i for i, m in enumerate(FIGURE_METRICS[1:]) if m in PERSON_METRICS]
        cells = protect(rows, [(r, c) for r in range(len(rows)) for c in people_columns],
                        [((r, 1), [(r, 2), (r, "men")]) for r in range(len(rows))],
                        implicit={(r, "men"): row[1] - row[2] for r, row in enumerate(rows)})
        titles = {
            Dimension.BRANCH: _("By branch"), Dimension.GOVERNORATE: _("By governorate"),
            Dimension.DISTRICT: _("By district"), Dimension.KIND: _("By activity kind"), Dimension.MONTH: _("By month"),
        }
        return Section(str(dimension), titles[dimension], header, rows,
                       chart=shown_bars((labels[key], cells[(r, 1)]) for r, key in enumerate(order)))

    def add_logframe(self):
        """The logframe tracking table (outcomes, their outputs, their indicators) for the targets set
        for periods inside the report's; an indicator without one shows its actual figure over the
        report's period, without a target."""
        sections = [replace(section, lines=[replace(line, periods=self._periods(line)) for line in section.lines])
                    for section in tracking(self.program, user=self.user)]
        header = [_("Level"), _("Statement"), _("Code"), _("Indicator"), _("Period"), _("Baseline"), _("Target"),
                  _("Actual"), _("% achieved")]
        rows = [row[:-1] + [None if row[-1] is None else row[-1] / 100] for row in tracking_rows(sections)]
        metrics = [line.indicator.metric for section in sections for line in section.lines for _period in line.periods]
        cells = protect(rows, [(r, 7) for r, metric in enumerate(metrics) if metric in PERSON_METRICS])
        for (r, _c), cell in cells.items():
            if not cell.shown:
                rows[r][8] = None  # the share achieved of a known target would give the actual away
        self.sections.append(Section("logframe", _("Logframe indicators"), header, rows))

    def _periods(self, line) -> list[Period]:
        start, end = self.job.date_from, self.job.date_to
        inside = [period for period in line.periods if period.target is not None
                  and period.query.date_from and start <= period.query.date_from
                  and period.query.date_to and period.query.date_to <= end]
        if inside:
            return [self._scoped_period(period) for period in inside]
        query = self.scoped(line.indicator.query(by=()).within(start, end))
        baselines = [period.baseline for period in line.periods
                     if period.baseline is not None and (period.query.date_from or start) <= end]
        return [Period(self.period_label(), baselines[-1] if baselines else None, None,
                       compute(query, user=self.user).total, query)]

    def _scoped_period(self, period: Period) -> Period:
        """A tracked period's actual figure over the report's branches only."""
        if self.job.covers_all_branches:
            return period
        query = self.scoped(period.query)
        return replace(period, actual=compute(query, user=self.user).total, query=query)

    def add_activities(self):
        activities = reach_by_activity(  # people reached by each activity in the period (the engine's figure)
            records(self.scoped(self.query(Metric.ACTIVITIES)), user=self.user).select_related("place", "branch"),
            date_from=self.job.date_from, date_to=self.job.date_to,
        ).order_by("start_date", "pk")
        header = [_("Title"), _("Kind"), _("Start date"), _("End date"), _("Place"), _("Branch"),
                  _("People reached"), _("Women")]
        rows = [[a.title, a.get_kind_display(), a.start_date, a.end_date, str(a.place or ""), str(a.branch),
                 a.reached, a.reached_women] for a in activities]
        protect(rows, [(r, c) for r in range(len(rows)) for c in (6, 7)],
                [((r, 6), [(r, 7), (r, "men")]) for r in range(len(rows))],
                implicit={(r, "men"): row[6] - row[7] for r, row in enumerate(rows)})
        self.sections.append(Section("activities", _("Activities"), header, rows))

    # --- files ----------------------------------------------------------------------------------

    def filename(self) -> str:
        job = self.job
        return f"donor-report-{self.program.code}-{job.date_from:%Y%m%d}-{job.date_to:%Y%m%d}.{job.format}"

    def xlsx(self) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        titles = set()
        for section in self.sections:
            sheet = workbook.create_sheet(sheet_title(section.title, titles))
            sheet.sheet_view.rightToLeft = translation.get_language_bidi()
            write_table(sheet, section)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def pdf(self) -> bytes:
        html = render_to_string("reports/donor_report_pdf.html", {
            "program": self.program, "font_faces": font_faces(),
            "cover": self.sections[0], "sections": self.sections[1:],
            "rtl": translation.get_language_bidi(), "language": translation.get_language(),
        })
        return html_to_pdf(html)


def sheet_title(title: str, used: set) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, none of []:*?/\\)."""
    base = SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:SHEET_TITLE_LENGTH] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in used:
        suffix = f" {number}"
        candidate, number = base[:SHEET_TITLE_LENGTH - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate


HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5F8B")


def write_table(sheet, section: Section):
    """The header (bold, white on blue, frozen), then the typed rows; columns as wide as their text."""
    sheet.append(xlsx_row(sheet, section.header))
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for row in section.rows:
        sheet.append(xlsx_row(sheet, row))
    if section.note:
        sheet.append([])
        sheet.append(xlsx_row(sheet, [section.note]))
    for column in sheet.columns:
        width = max(len(shown(cell.value)) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_COLUMN_WIDTH, max(10, width + 2))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, float):
                cell.number_format = "0%"

