"""Build the figures cube from the ledger, and queue its rebuild when a ledger write is announced.

The cube materializes the indicator engine's figures (``madani/indicators/engine.py``, the one place they
are defined) for every combination the dashboard reads: program or all × branch or all × kind or all ×
(all time, year, quarter), plus months (all kinds) for the charts. Each cell equals ``engine.compute`` of
the same filters and period (a test checks it):
- people reached, women and men: distinct people present at one or more sessions *held* in the period;
- sessions and person-days (attendance marks): held in the period (on or before the day of the build);
- activities, participations (enrolments), completed and organizations served: activities *starting* in it
  (activities and organizations served: only those that have started by the day of the build; activities
  without room uses unless counted by kind).
As "today" is part of the definitions, figures built on an earlier day are rebuilt when they are read
(``refresh_if_outdated``).

``rebuild()`` fills ``Figure`` with a few GROUP BY queries (plain SQL that SQLite and PostgreSQL both run):
one row per activity with its additive measures and one per session with its attendance -> ``SUM`` for every
combination; the distinct (slice, person) pairs of attendance and (slice, organization) pairs of
organizations served -> exact ``COUNT(DISTINCT)`` for every combination, one GROUP BY each.
"""

import datetime
import itertools
import time
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from madani.indicators.engine import ROOM_USE_KINDS

from .models import Figure, FigureStatus

# A refresh asked for this long ago and not started yet is taken as lost (e.g. the queue was purged).
STALE_REQUEST = datetime.timedelta(hours=6)
ACTIVITY_MEASURES = ("activities", "participations", "completed")  # by the activity's start
SESSION_MEASURES = ("sessions", "person_days")  # by the session's date
PERIODS = {"all": (), "year": ("year",), "quarter": ("year", "quarter"), "month": ("year", "month")}


def _groupings():
    """(dimension columns) for every combination the dashboard reads."""
    for program, branch, kind, period in itertools.product((True, False), (True, False), (True, False),
                                                           ("all", "year", "quarter", "month")):
        if period == "month" and kind:
            continue
        yield tuple(name for name, used in (("program_id", program), ("branch_id", branch), ("kind", kind)) if used) \
            + PERIODS[period]


def _date_parts(column):
    if connection.vendor == "postgresql":
        return (f"CAST(EXTRACT(YEAR FROM {column}) AS integer)", f"CAST(EXTRACT(MONTH FROM {column}) AS integer)")
    return f"CAST(strftime('%Y', {column}) AS integer)", f"CAST(strftime('%m', {column}) AS integer)"


TABLES = ("dashboard_acts", "dashboard_sessions", "dashboard_reach", "dashboard_served")


def _temporary_tables(cursor):
    """The ledger's rows, flattened. As the engine defines them: an activity counts once it has started and a
    session once it is held (``today``, a date literal from Python); ``services`` are the activities that serve
    people (room uses, ``ROOM_USE_KINDS``, counted only by kind)."""
    today = f"'{timezone.localdate().isoformat()}'"
    room_uses = ", ".join(f"'{kind}'" for kind in ROOM_USE_KINDS)
    year, month = _date_parts("a.start_date")
    session_year, session_month = _date_parts("s.date")
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"""
        CREATE TEMPORARY TABLE dashboard_acts AS
        SELECT a.id AS activity_id, a.program_id, a.branch_id, a.kind, {year} AS year, {month} AS month,
               ({month} + 2) / 3 AS quarter,
               CASE WHEN a.start_date <= {today} THEN 1 ELSE 0 END AS activities,
               CASE WHEN a.start_date <= {today} AND a.kind NOT IN ({room_uses}) THEN 1 ELSE 0 END AS services,
               COALESCE(p.n, 0) AS participations, COALESCE(p.done, 0) AS completed
        FROM activities_activity a
        LEFT JOIN (SELECT activity_id, COUNT(*) AS n, SUM(CASE WHEN completed THEN 1 ELSE 0 END) AS done
                   FROM activities_participation GROUP BY activity_id) p ON p.activity_id = a.id
    """)
    cursor.execute("CREATE INDEX dashboard_acts_id ON dashboard_acts (activity_id)")
    cursor.execute(f"""
        CREATE TEMPORARY TABLE dashboard_sessions AS
        SELECT s.id AS session_id, d.program_id, d.branch_id, d.kind, {session_year} AS year,
               {session_month} AS month, ({session_month} + 2) / 3 AS quarter,
               CASE WHEN s.date <= {today} THEN 1 ELSE 0 END AS sessions,
               COALESCE(t.n, 0) AS person_days
        FROM activities_session s
        JOIN dashboard_acts d ON d.activity_id = s.activity_id
        LEFT JOIN (SELECT session_id, COUNT(*) AS n FROM activities_attendance GROUP BY session_id) t
               ON t.session_id = s.id
    """)
    cursor.execute("CREATE INDEX dashboard_sessions_id ON dashboard_sessions (session_id)")
    dims = "program_id, branch_id, kind, year, quarter, month"
    cursor.execute(f"""
        CREATE TEMPORARY TABLE dashboard_reach AS
        SELECT DISTINCT {", ".join("d." + d for d in dims.split(", "))}, t.person_id AS member,
               CASE WHEN p.gender = 'female' THEN 1 ELSE 0 END AS women,
               CASE WHEN p.gender = 'male' THEN 1 ELSE 0 END AS men
        FROM activities_attendance t
        JOIN dashboard_sessions d ON d.session_id = t.session_id
        JOIN people_person p ON p.id = t.person_id
    """)
    cursor.execute(f"""
        CREATE TEMPORARY TABLE dashboard_served AS
        SELECT DISTINCT {", ".join("d." + d for d in dims.split(", "))}, o.organization_id AS member
        FROM activities_activity_target_organizations o JOIN dashboard_acts d ON d.activity_id = o.activity_id
        WHERE d.activities = 1
    """)


def _rows(cursor, sql, columns, measures, into):
    cursor.execute(sql)
    width = len(columns)
    for row in cursor.fetchall():
        key = dict(zip(columns, row[:width]))
        into.setdefault(_key(key), {}).update(zip(measures, row[width:]))


def _key(values: dict) -> tuple:
    return (values.get("program_id"), values.get("branch_id"), values.get("kind", ""), values.get("year"),
            values.get("quarter"), values.get("month"))


def _compute(cursor) -> dict:
    _temporary_tables(cursor)
    figures = {}
    for columns in _groupings():
        group = ", ".join(columns)
        select = f"{group}, " if group else ""
        group_by = f"GROUP BY {group}" if group else ""
        for table, measures in (("dashboard_acts", ACTIVITY_MEASURES), ("dashboard_sessions", SESSION_MEASURES)):
            # Activities of every kind, or (by kind) the kind's own — room uses included only by kind.
            sums = ", ".join(f"SUM({'services' if m == 'activities' and 'kind' not in columns else m})"
                             for m in measures)
            _rows(cursor, f"SELECT {select}{sums} FROM {table} {group_by}", columns, measures, figures)
        _rows(cursor, f"SELECT {select}COUNT(*), SUM(women), SUM(men) FROM "
                      f"(SELECT DISTINCT {select}member, women, men FROM dashboard_reach) x {group_by}",
              columns, ("people", "women", "men"), figures)
        _rows(cursor, f"SELECT {select}COUNT(*) FROM (SELECT DISTINCT {select}member FROM dashboard_served) x "
                      f"{group_by}", columns, ("organizations",), figures)
    for table in TABLES:
        cursor.execute(f"DROP TABLE {table}")
    return figures


def rebuild() -> float:
    """Recompute every figure from the ledger, in one transaction; returns the seconds it took."""
    start = time.perf_counter()
    started_at = timezone.now()
    FigureStatus.objects.get_or_create(pk=1)
    FigureStatus.objects.filter(pk=1).update(requested_at=None)  # writes from now on ask for another refresh
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL: one snapshot, without blocking anyone. SQLite: a transaction would hold the write lock for
    # the whole computation; without it, a write in the middle has asked for another refresh anyway.
    with transaction.atomic() if postgresql else nullcontext(), connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SET LOCAL work_mem = '256MB'")
        figures = _compute(cursor)
    with transaction.atomic():
        Figure.objects.all().delete()
        Figure.objects.bulk_create(
            (Figure(program_id=key[0], branch_id=key[1], kind=key[2] or "", year=key[3], quarter=key[4],
                    month=key[5], **{name: int(value or 0) for name, value in measures.items()})
             for key, measures in figures.items()),
            batch_size=2000,
        )
        seconds = time.perf_counter() - start
        FigureStatus.objects.filter(pk=1).update(built_at=started_at, seconds=seconds)
    return seconds


def ledger_changed(change) -> None:
    """The listener of ledger writes (``madani.core.ledger``, registered in ``DashboardConfig.ready``): it
    runs after the write committed and queues a rebuild. A burst of writes queues one job: only the first
    change after the last rebuild started enqueues it."""
    from .tasks import refresh

    FigureStatus.objects.get_or_create(pk=1)
    now = timezone.now()
    waiting = Q(requested_at__isnull=True) | Q(requested_at__lt=now - STALE_REQUEST)  # a lost job is queued again
    if FigureStatus.objects.filter(waiting, pk=1).update(requested_at=now):
        refresh.enqueue()


def refresh_if_outdated() -> None:
    """Figures built before today count yesterday's "today" (a session held today, an activity that started
    today): queue a rebuild, as a ledger write does. The pages that read the cube call it."""
    built = status().built_at
    if built is not None and timezone.localdate(built) < timezone.localdate():
        ledger_changed(None)


def status() -> FigureStatus:
    return FigureStatus.objects.filter(pk=1).first() or FigureStatus()
