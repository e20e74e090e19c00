"""The indicator engine: figures computed from the activity ledger (issue 4, "Figures"; issue 11).

Every figure Madani shows is defined here, once, and every output reads it from here: the dashboard (its
precomputed cells in ``dashboard/cube.py`` materialize these definitions for every program × branch × kind
× period), the impact and home pages, the donor report, 3W/4W, IATI, activity and program pages and news
drafts (``reach_by_activity``). It is pure: it reads, never writes, and every figure is one aggregate SQL
query through the ORM (the same answers on SQLite and PostgreSQL).

The definitions (also in the README and on the impact page's glossary, in both languages)
-----------------------------------------------------------------------------------------
*People reached* in a period: the distinct people present at one or more sessions held within the
period. A planned activity (no session held) reaches no one; a person enrolled who never came (a no-show)
is not reached; a person present at sessions of three activities is one person reached.
*Enrolments* (participations): people enrolled in activities that start within the period, one per
person and activity — never labelled "reached". *Completions*: the enrolments marked completed.
*Activities*: the services to people that started within the period — an activity counts once its start
date has come (a planned activity of next year is not yet one), and the co-working space's room uses
(``space_use``, no participants) are counted on their own, only when asked for by kind
(``kinds=("space_use",)``). *Organizations served*: the distinct organizations served by the activities
(room uses included) that started within the period. *Sessions*: those held within the period, on or
before today (a session planned for next week is not yet held); *person-days* (attendance marks): those
of the sessions held. Age groups: the bands of ``MADANI_AGE_BANDS`` (``age_bands()``, used by every list,
export and the API through ``madani.core.ages``), the age being the activity's start year minus the birth year.

Public API
----------
``Metric``            what is counted (a ``TextChoices``):
    ``people``          people reached: unique people present at a session held in the period, each
                        counted once — after a merge of two records the remaining person is counted once;
    ``participations``  enrolments (a person in an activity);
    ``completed``       completions (enrolments marked completed);
    ``person_days``     attendance marks (a person present at a session);
    ``sessions``        sessions;
    ``activities``      activities;
    ``organizations``   distinct organizations served (an activity's "organizations served").
``Dimension``         how a figure is split (a ``TextChoices``): ``gender``, ``age_group``,
                      ``displacement``, ``disability`` (people-based metrics only: people, completions,
                      participations, person-days), ``governorate``, ``district``, ``subdistrict``
                      (where the activity took place), ``branch``, ``organization``, ``kind``,
                      ``program``, ``month``, ``quarter``, ``year``.
``dimensions_for(metric)`` the dimensions valid for a metric, in display order.
``IndicatorQuery``    a frozen dataclass: ``metric``, the filters and ``by`` (0–2 dimensions).
``compute(query, *, user=None) -> IndicatorResult``  the figure: ``.total`` and ``.rows``.
``records(query, cell_keys=(), *, user=None)``  the queryset behind one number (drill-down).
``IndicatorResult``   ``query``, ``total`` (int), ``rows`` (tuple of ``Row``).
``Row``               ``keys`` (tuple of ``Key``, one per dimension of ``query.by``) and ``value`` (int).
``Key``               ``dimension``, ``value`` (raw: a branch/organization/program pk, a P-code prefix,
                      a choice value, a bool, the first day of a month or quarter, a year; ``None``
                      when not recorded), ``label`` (display text in the active language) and
                      ``param`` (the value as text for a URL; ``parse_param`` reads it back).
``age_bands()``       the age bands of the ``MADANI_AGE_BANDS`` setting as (code, low, high) triples.
``period_bounds(year, quarter=None)`` the first and last day of a year or quarter.
``reach_by_activity(activities, date_from=None, date_to=None)`` an Activity queryset annotated with the
                      people each activity reached (``reached``, ``reached_women``, ``reached_men``).

Definitions
-----------
Filters (all optional; an empty tuple means "any"):
``kinds``, ``statuses``, ``topics`` (pks; an activity with any of them), ``programs`` (pks),
``donors`` (organization pks: the program's donor), ``branches`` (pks), ``place`` (a P-code: the
activity took place there or anywhere inside it — descendants share the P-code as a prefix),
``organizations`` (pks; see below), ``activities`` (pks: these activities only — an activity page's
figures), ``date_from`` / ``date_to`` (the period, both days included).

The period: people reached, sessions and person-days count sessions dated inside the period (an activity
running over a year's end splits); participations, completions, activities and organizations count the
activities that start inside it (so a period's figures add up over its months, as the dashboard's do).

The organization filter and the ``organization`` dimension mean "the organization represented" for
people, participations, completions and person-days (the participation's organization; for a person
present, the organization they represented in that activity), and "the organization served" for sessions,
activities and organizations. When organizations are filtered, an organization breakdown shows only
those organizations.

Dates of the time dimensions: the activity's start for participations, completions, activities and
organizations; the session's date for people reached, sessions and person-days. Age is the year of the activity's
start minus the birth year; an unknown birth year (or an age outside every band) is not recorded.

Disaggregated rows: only groups with a non-zero value are returned, sorted by key. A group's value
is computed by the database like the total, never added up: unique people per branch can add up to
more than the total (one person in two branches), and so can an activity serving two organizations.

Visibility: ``user=None`` counts the whole center (public figures, reports). With a user, only the
activities in ``Activity.objects.visible_to(user)`` count, and a CSO member's people-based figures
count only the people who represented their organization (as ``Participation.objects.visible_to``). Pages
compute with ``user=request.user`` so that every number and its ``records`` agree.

Example::

    from madani.indicators.engine import IndicatorQuery, compute, records
    result = compute(IndicatorQuery(metric="people", kinds=("training",), by=("gender",)))
    result.total, [(row.keys[0].label, row.value) for row in result.rows]
    records(result.query, (row.keys[0].value,))   # a Person queryset
"""

import datetime
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from django.db import models
from django.db.models import Case, CharField, Count, ExpressionWrapper, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import ExtractYear, Length, Substr, TruncMonth, TruncQuarter
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Activity, Attendance, Kind, Participation, Program, Session
from madani.branches.models import Branch
from madani.core.ages import age_bands, band_label
from madani.organizations.models import Organization
from madani.people.models import Displacement, Gender, Person
from madani.places.models import Place

__all__ = [
    "Metric", "Dimension", "PERSON_METRICS", "PERSON_DIMENSIONS", "dimensions_for", "IndicatorQuery",
    "IndicatorResult", "Row", "Key", "compute", "records", "parse_param", "age_bands", "period_bounds",
    "reach_by_activity", "ROOM_USE_KINDS",
]


# Kinds that serve no one in person (a room used by an organization, no participants): the headline count of
# activities leaves them out; they are counted on their own (``kinds=ROOM_USE_KINDS``).
ROOM_USE_KINDS = (Kind.SPACE_USE,)


class Metric(models.TextChoices):
    PEOPLE = "people", _("People reached")
    PARTICIPATIONS = "participations", _("Enrolments (participations)")
    COMPLETED = "completed", _("Completions")
    PERSON_DAYS = "person_days", _("Person-days of attendance")
    SESSIONS = "sessions", _("Sessions")
    ACTIVITIES = "activities", _("Activities")
    ORGANIZATIONS = "organizations", _("Organizations served")


class Dimension(models.TextChoices):
    GENDER = "gender", _("Gender")
    AGE_GROUP = "age_group", _("Age group")
    DISPLACEMENT = "displacement", _("Displacement status")
    DISABILITY = "disability", _("Disability")
    GOVERNORATE = "governorate", _("Governorate")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Sub-district")
    BRANCH = "branch", _("Branch")
    ORGANIZATION = "organization", _("Organization")
    KIND = "kind", _("Activity kind")
    PROGRAM = "program", _("Program")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


PERSON_METRICS = frozenset({Metric.PEOPLE, Metric.PARTICIPATIONS, Metric.COMPLETED, Metric.PERSON_DAYS})
PERSON_DIMENSIONS = frozenset({Dimension.GENDER, Dimension.AGE_GROUP, Dimension.DISPLACEMENT, Dimension.DISABILITY})
# P-code length of each level: SY09 (governorate), SY0902 (district), SY090201 (sub-district).
PLACE_LEVELS = {Dimension.GOVERNORATE: 4, Dimension.DISTRICT: 6, Dimension.SUBDISTRICT: 8}
MAX_DIMENSIONS = 2


def dimensions_for(metric: str) -> list[str]:
    """The dimensions a metric can be split by (person attributes only for people-based metrics)."""
    return [d for d in Dimension.values if metric in PERSON_METRICS or d not in PERSON_DIMENSIONS]


def period_bounds(year: int, quarter: int | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a year, or of one of its quarters (1–4)."""
    if not quarter:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    last = datetime.date(year, 12, 31) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(1)
    return datetime.date(year, 3 * quarter - 2, 1), last


def _ids(values) -> tuple:
    return tuple(getattr(v, "pk", v) for v in values)


@dataclass(frozen=True)
class IndicatorQuery:
    """What to count, over which activities, split how. Lists and model instances given for the
    tuple fields are turned into tuples of values and pks. Invalid combinations raise ValueError
    (forms check them first, with translated messages)."""

    metric: str
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    topics: tuple[int, ...] = ()
    programs: tuple[int, ...] = ()
    donors: tuple[int, ...] = ()
    branches: tuple[int, ...] = ()
    place: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    organizations: tuple[int, ...] = ()
    activities: tuple[int, ...] = ()
    by: tuple[str, ...] = field(default=())

    def __post_init__(self):
        for name in ("kinds", "statuses", "by"):
            object.__setattr__(self, name, tuple(str(v) for v in getattr(self, name)))
        for name in ("topics", "programs", "donors", "branches", "organizations", "activities"):
            object.__setattr__(self, name, _ids(getattr(self, name)))
        object.__setattr__(self, "place", getattr(self.place, "pcode", self.place) or "")
        if self.metric not in Metric.values:
            raise ValueError(f"unknown metric {self.metric!r}")
        if len(self.by) > MAX_DIMENSIONS or len(set(self.by)) != len(self.by):
            raise ValueError(f"up to {MAX_DIMENSIONS} different dimensions: {self.by!r}")
        invalid = set(self.by) - set(dimensions_for(self.metric))
        if invalid:
            raise ValueError(f"dimensions {sorted(invalid)} are not valid for {self.metric!r}")

    def replace(self, **changes) -> "IndicatorQuery":
        return replace(self, **changes)

    def within(self, start: datetime.date, end: datetime.date) -> "IndicatorQuery":
        """The same query over the part of its period inside [start, end] (a target's year)."""
        return replace(self, date_from=max(filter(None, [self.date_from, start])),
                       date_to=min(filter(None, [self.date_to, end])))


class Key(NamedTuple):
    dimension: str
    value: Any
    label: str

    @property
    def param(self) -> str:
        """The value as URL text: '' when not recorded, ISO dates, '1'/'0' for yes/no."""
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return "1" if self.value else "0"
        if isinstance(self.value, datetime.date):
            return self.value.isoformat()
        return str(self.value)


class Row(NamedTuple):
    keys: tuple[Key, ...]
    value: int


@dataclass(frozen=True)
class IndicatorResult:
    query: IndicatorQuery
    total: int
    rows: tuple[Row, ...]


def parse_param(dimension: str, text: str):
    """The raw key value of ``Key.param`` (from a URL); ValueError when it cannot be one."""
    if text == "":
        return None
    if dimension in (Dimension.BRANCH, Dimension.ORGANIZATION, Dimension.PROGRAM, Dimension.YEAR):
        return int(text)
    if dimension == Dimension.DISABILITY:
        return {"1": True, "0": False}[text]
    if dimension in (Dimension.MONTH, Dimension.QUARTER):
        return datetime.date.fromisoformat(text)
    return text


# --- the rows behind each metric --------------------------------------------------------------------


class _Source(NamedTuple):
    """How one metric reads the ledger: the rows counted and the paths from them to the activity,
    the person, the organization and the date."""

    rows: models.QuerySet
    activity: str  # path prefix to the Activity ("" when the rows are activities)
    person: str | None
    organization: Any  # expression of the organization represented / served
    date: str
    count: Any  # the aggregate


def _own_organization_only(user):
    """A user outside the center's staff (a CSO member) counts only their organization's people."""
    return user is not None and not (user.spans_all_branches or user.is_center_staff)


def _activities(query: IndicatorQuery, user):
    qs = Activity.objects.all() if user is None else Activity.objects.visible_to(user)
    if query.activities:
        qs = qs.filter(pk__in=query.activities)
    if query.kinds:
        qs = qs.filter(kind__in=query.kinds)
    if query.statuses:
        qs = qs.filter(status__in=query.statuses)
    if query.topics:
        qs = qs.filter(pk__in=Activity.topics.through.objects.filter(topic_id__in=query.topics).values("activity_id"))
    if query.programs:
        qs = qs.filter(program_id__in=query.programs)
    if query.donors:
        qs = qs.filter(program__donor_id__in=query.donors)
    if query.branches:
        qs = qs.filter(branch_id__in=query.branches)
    if query.place:
        qs = qs.filter(place__pcode__startswith=query.place)
    if query.date_from and query.date_to and query.date_from > query.date_to:
        return qs.none()
    return qs.order_by().values("pk")


def _period(qs, path: str, query: IndicatorQuery):
    """Rows whose date (``path``: a session's date, or an activity's start) falls inside the period."""
    if query.date_from:
        qs = qs.filter(**{f"{path}__gte": query.date_from})
    if query.date_to:
        qs = qs.filter(**{f"{path}__lte": query.date_to})
    return qs


def _source(query: IndicatorQuery, user) -> _Source:
    activities = _activities(query, user)
    metric, organizations = query.metric, query.organizations
    if metric in (Metric.PARTICIPATIONS, Metric.COMPLETED):
        rows = Participation.objects.all() if user is None else Participation.objects.visible_to(user)
        rows = _period(rows.filter(activity__in=activities), "activity__start_date", query)
        if metric == Metric.COMPLETED:
            rows = rows.filter(completed=True)
        if organizations:
            rows = rows.filter(organization_id__in=organizations)
        return _Source(rows, "activity__", "person__", F("organization"), "activity__start_date",
                       Count("pk", distinct=True))
    if metric in (Metric.PEOPLE, Metric.PERSON_DAYS):
        # People reached: distinct people present at a session held in the period; person-days: the marks.
        represented = Subquery(
            Participation.objects.filter(activity=OuterRef("session__activity"), person=OuterRef("person"))
            .order_by().values("organization")[:1]
        )
        rows = _period(Attendance.objects.filter(session__activity__in=activities), "session__date", query
                       ).alias(represented=represented)
        if organizations:
            rows = rows.filter(represented__in=organizations)
        if _own_organization_only(user):
            rows = rows.filter(represented=user.organization_id) if user.organization_id else rows.none()
        count = Count("person", distinct=True) if metric == Metric.PEOPLE else Count("pk", distinct=True)
        return _Source(rows, "session__activity__", "person__", F("represented"), "session__date", count)
    today = timezone.localdate()
    if metric == Metric.SESSIONS:
        rows = _period(Session.objects.filter(activity__in=activities, date__lte=today), "date", query)
        if organizations:  # the join is reused by the organization dimension
            rows = rows.filter(activity__target_organizations__in=organizations)
        return _Source(rows, "activity__", None, F("activity__target_organizations"), "date",
                       Count("pk", distinct=True))
    rows = _period(Activity.objects.filter(pk__in=activities, start_date__lte=today), "start_date", query)
    if metric == Metric.ACTIVITIES and not query.kinds:
        rows = rows.exclude(kind__in=ROOM_USE_KINDS)
    if metric == Metric.ORGANIZATIONS and _own_organization_only(user):  # a CSO member: their own only
        own = {user.organization_id} - {None}
        organizations = tuple(own & set(organizations)) if organizations else tuple(own)
        if not organizations:
            return _Source(rows.none(), "", None, F("target_organizations"), "start_date", Count("pk"))
    if organizations:  # one join, reused by the count of organizations and by their dimension
        rows = rows.filter(target_organizations__in=organizations)
    count = Count("target_organizations" if metric == Metric.ORGANIZATIONS else "pk", distinct=True)
    return _Source(rows, "", None, F("target_organizations"), "start_date", count)


# --- dimensions: SQL expression, labels, order ------------------------------------------------------


def _age_group(source: _Source):
    age = ExpressionWrapper(ExtractYear(F(f"{source.activity}start_date")) - F(f"{source.person}birth_year"),
                            output_field=IntegerField())
    bands = age_bands()
    whens = [When(**{f"{source.person}birth_year__isnull": True}, then=Value(None)),
             When(LessThan(age, bands[0][1]), then=Value(None))]
    whens += [When(LessThanOrEqual(age, high), then=Value(code)) for code, _low, high in bands if high is not None]
    last_code, _low, last_high = bands[-1]
    return Case(*whens, default=Value(last_code if last_high is None else None), output_field=CharField())


def _expression(dimension: str, source: _Source):
    activity = source.activity
    if dimension == Dimension.AGE_GROUP:
        return _age_group(source)
    if dimension in (Dimension.GENDER, Dimension.DISPLACEMENT, Dimension.DISABILITY):
        return F(f"{source.person}{dimension}")
    if dimension in PLACE_LEVELS:
        size, pcode = PLACE_LEVELS[dimension], F(f"{activity}place__pcode")
        return Case(When(GreaterThanOrEqual(Length(pcode), size), then=Substr(pcode, 1, size)),
                    default=Value(None), output_field=CharField())
    if dimension in (Dimension.BRANCH, Dimension.KIND, Dimension.PROGRAM):
        return F(f"{activity}{dimension}")
    if dimension == Dimension.ORGANIZATION:
        return source.organization
    if dimension == Dimension.MONTH:
        return TruncMonth(source.date)
    if dimension == Dimension.QUARTER:
        return TruncQuarter(source.date)
    return ExtractYear(source.date)  # Dimension.YEAR


NAMED_MODELS = {Dimension.BRANCH: Branch, Dimension.ORGANIZATION: Organization, Dimension.PROGRAM: Program}


def _labels(dimension: str, values: set) -> dict:
    present = {v for v in values if v is not None}
    if dimension == Dimension.GENDER:
        labels = {v: Gender(v).label for v in present}
    elif dimension == Dimension.DISPLACEMENT:
        labels = {v: Displacement(v).label for v in present}
    elif dimension == Dimension.DISABILITY:
        labels = {True: _("With a disability"), False: _("Without a disability")}
    elif dimension == Dimension.AGE_GROUP:
        labels = {v: band_label(v) for v in present}
    elif dimension == Dimension.KIND:
        labels = {v: Kind(v).label for v in present}
    elif dimension in PLACE_LEVELS:
        labels = {place.pcode: place for place in Place.objects.filter(pcode__in=present)}
    elif dimension in NAMED_MODELS:
        labels = NAMED_MODELS[dimension].objects.in_bulk(present)
    elif dimension == Dimension.MONTH:
        labels = {v: f"{v:%Y-%m}" for v in present}
    elif dimension == Dimension.QUARTER:
        labels = {v: _("%(year)s Q%(quarter)s") % {"year": v.year, "quarter": (v.month - 1) // 3 + 1} for v in present}
    else:
        labels = {v: str(v) for v in present}
    return {v: str(labels.get(v, v)) for v in present} | {None: str(_("Not recorded"))}


def _order(dimension: str):
    """Sort key of a dimension's values: choices in their declared order, everything else by value;
    'not recorded' last."""
    ranks = {
        Dimension.GENDER: Gender.values, Dimension.DISPLACEMENT: Displacement.values, Dimension.KIND: Kind.values,
        Dimension.DISABILITY: [True, False],
    }.get(dimension)
    if dimension == Dimension.AGE_GROUP:
        ranks = [code for code, _low, _high in age_bands()]

    def key(value):
        if value is None:
            return (1, 0)
        return (0, ranks.index(value) if ranks and value in ranks else value)

    return key


# --- the API -----------------------------------------------------------------------------------------


def compute(query: IndicatorQuery, *, user=None) -> IndicatorResult:
    """The total and, when ``query.by`` names dimensions, one row per non-empty group."""
    source = _source(query, user)
    total = source.rows.order_by().aggregate(n=source.count)["n"] or 0
    if not query.by:
        return IndicatorResult(query, total, ())
    names = [f"key{i}" for i in range(len(query.by))]
    grouped = (
        source.rows.order_by()
        .annotate(**{name: _expression(d, source) for name, d in zip(names, query.by)})
        .values(*names).annotate(value=source.count).filter(value__gt=0).order_by()
    )
    found = [(tuple(group[n] for n in names), group["value"]) for group in grouped]
    labels = [_labels(d, {keys[i] for keys, _v in found}) for i, d in enumerate(query.by)]
    rows = [Row(tuple(Key(d, keys[i], labels[i][keys[i]]) for i, d in enumerate(query.by)), value)
            for keys, value in found]
    orders = [_order(d) for d in query.by]
    rows.sort(key=lambda row: tuple(order(k.value) for order, k in zip(orders, row.keys)))
    return IndicatorResult(query, total, tuple(rows))


RECORD_MODELS = {
    Metric.PEOPLE: (Person, "person"),
    Metric.PARTICIPATIONS: (Participation, "pk"),
    Metric.COMPLETED: (Participation, "pk"),
    Metric.PERSON_DAYS: (Attendance, "pk"),
    Metric.SESSIONS: (Session, "pk"),
    Metric.ACTIVITIES: (Activity, "pk"),
    Metric.ORGANIZATIONS: (Organization, "target_organizations"),
}


def records(query: IndicatorQuery, cell_keys: tuple = (), *, user=None) -> models.QuerySet:
    """The records behind one number: people, participations, attendance marks, sessions, activities
    or organizations (by the metric). ``cell_keys`` gives the raw values (``Key.value``) of the first
    dimensions of ``query.by``; no keys gives the records behind the total. Its ``count()`` is the
    number ``compute`` shows for that cell (with the same ``user``)."""
    if len(cell_keys) > len(query.by):
        raise ValueError("more keys than dimensions")
    source = _source(query, user)
    rows = source.rows.order_by()
    for i, (dimension, value) in enumerate(zip(query.by, cell_keys)):
        rows = rows.annotate(**{f"key{i}": _expression(dimension, source)})
        rows = rows.filter(**({f"key{i}__isnull": True} if value is None else {f"key{i}": value}))
    model, column = RECORD_MODELS[query.metric]
    return model.objects.filter(pk__in=rows.values(column))


def reach_by_activity(activities: models.QuerySet, *, date_from: datetime.date | None = None,
                      date_to: datetime.date | None = None) -> models.QuerySet:
    """``activities`` annotated with the people each one reached — ``reached``, ``reached_women`` and
    ``reached_men``: the distinct people present at one or more of its sessions held in the period (the
    definition of ``Metric.PEOPLE``, per activity; for the per-activity rows of 3W/4W, the donor report,
    activity pages and news drafts). It counts everyone present: its callers are staff pages and reports."""
    present = "sessions__attendance__person"
    within = models.Q()
    if date_from:
        within &= models.Q(sessions__date__gte=date_from)
    if date_to:
        within &= models.Q(sessions__date__lte=date_to)
    return activities.annotate(
        reached=Count(present, filter=within, distinct=True),
        reached_women=Count(present, filter=within & models.Q(**{f"{present}__gender": Gender.FEMALE}), distinct=True),
        reached_men=Count(present, filter=within & models.Q(**{f"{present}__gender": Gender.MALE}), distinct=True),
    )
