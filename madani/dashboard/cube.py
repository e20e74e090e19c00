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
import logging
import time
from contextlib import nullcontext

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from madani.core.db import refresh_planner_statistics
from madani.indicators.engine import ROOM_USE_KINDS

from .models import ActivityState, Figure, FigureStatus, ReachState, ServedState, SessionState, TouchedActivity

logger = logging.getLogger(__name__)

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


GROUPINGS = list(_groupings())


def _date_parts(column):
    if connection.vendor == "postgresql":
        return (f"CAST(EXTRACT(YEAR FROM {column}) AS integer)", f"CAST(EXTRACT(MONTH FROM {column}) AS integer)")
    return f"CAST(strftime('%Y', {column}) AS integer)", f"CAST(strftime('%m', {column}) AS integer)"


TABLES = ("acts", "sessions", "reach", "served")


def _temporary_tables(cursor, prefix="dashboard_", activity_ids=None):
    """The ledger's rows, flattened (``{prefix}acts``, ``{prefix}sessions``, ``{prefix}reach``,
    ``{prefix}served``): all of them, or those of ``activity_ids`` only (read through the ledger's indexes).
    As the engine defines them: an activity counts once it has started and a session once it is held
    (``today``, a date literal from Python); ``services`` are the activities that serve people (room uses,
    ``ROOM_USE_KINDS``, counted only by kind)."""
    today = f"'{timezone.localdate().isoformat()}'"
    room_uses = ", ".join(f"'{kind}'" for kind in ROOM_USE_KINDS)
    year, month = _date_parts("a.start_date")
    session_year, session_month = _date_parts("s.date")
    acts, sessions, reach, served = (prefix + table for table in TABLES)
    if activity_ids is None:  # everything: one GROUP BY over each table
        where = ""
        counts = """COALESCE(p.n, 0) AS participations, COALESCE(p.done, 0) AS completed
        FROM activities_activity a
        LEFT JOIN (SELECT activity_id, COUNT(*) AS n, SUM(CASE WHEN completed THEN 1 ELSE 0 END) AS done
                   FROM activities_participation GROUP BY activity_id) p ON p.activity_id = a.id"""
        marks = """COALESCE(t.n, 0) AS person_days
        FROM {acts} d
        JOIN activities_session s ON s.activity_id = d.activity_id
        LEFT JOIN (SELECT session_id, COUNT(*) AS n FROM activities_attendance GROUP BY session_id) t
               ON t.session_id = s.id"""
    else:  # a few activities: counted through the indexes of their rows, never reading a whole table
        where = f"WHERE a.id IN ({', '.join(str(int(pk)) for pk in activity_ids) or 'NULL'})"
        counts = """(SELECT COUNT(*) FROM activities_participation x WHERE x.activity_id = a.id) AS participations,
               (SELECT COUNT(*) FROM activities_participation x WHERE x.activity_id = a.id AND x.completed)
               AS completed
        FROM activities_activity a"""
        marks = """(SELECT COUNT(*) FROM activities_attendance x WHERE x.session_id = s.id) AS person_days
        FROM {acts} d
        JOIN activities_session s ON s.activity_id = d.activity_id"""
    marks = marks.replace("{acts}", acts)
    for table in (acts, sessions, reach, served):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {acts} AS
        SELECT a.id AS activity_id, a.program_id, a.branch_id, a.kind, {year} AS year, {month} AS month,
               ({month} + 2) / 3 AS quarter,
               CASE WHEN a.start_date <= {today} THEN 1 ELSE 0 END AS activities,
               CASE WHEN a.start_date <= {today} AND a.kind NOT IN ({room_uses}) THEN 1 ELSE 0 END AS services,
               {counts}
        {where}
    """)
    cursor.execute(f"CREATE INDEX {acts}_id ON {acts} (activity_id)")
    if activity_ids is not None and connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {acts}")  # a new table has no statistics: PostgreSQL would plan for many rows
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {sessions} AS
        SELECT s.id AS session_id, d.activity_id, d.program_id, d.branch_id, d.kind, {session_year} AS year,
               {session_month} AS month, ({session_month} + 2) / 3 AS quarter,
               CASE WHEN s.date <= {today} THEN 1 ELSE 0 END AS sessions,
               {marks}
    """)
    cursor.execute(f"CREATE INDEX {sessions}_id ON {sessions} (session_id)")
    if activity_ids is not None and connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {sessions}")
    dims = "activity_id, program_id, branch_id, kind, year, quarter, month"
    # A few activities: each person's gender looked up by id (a join may read the whole registry).
    gender = "p.gender" if activity_ids is None else "(SELECT gender FROM people_person g WHERE g.id = t.person_id)"
    people = "JOIN people_person p ON p.id = t.person_id" if activity_ids is None else ""
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {reach} AS
        SELECT DISTINCT {", ".join("d." + d for d in dims.split(", "))}, t.person_id AS member,
               CASE WHEN {gender} = 'female' THEN 1 ELSE 0 END AS women,
               CASE WHEN {gender} = 'male' THEN 1 ELSE 0 END AS men
        FROM {sessions} d
        JOIN activities_attendance t ON t.session_id = d.session_id
        {people}
    """)
    cursor.execute(f"""
        CREATE TEMPORARY TABLE {served} AS
        SELECT DISTINCT {", ".join("d." + d for d in dims.split(", "))}, o.organization_id AS member
        FROM {acts} d JOIN activities_activity_target_organizations o ON d.activity_id = o.activity_id
        WHERE d.activities = 1
    """)


def _drop_temporary_tables(cursor, prefix="dashboard_"):
    for table in TABLES:
        cursor.execute(f"DROP TABLE IF EXISTS {prefix}{table}")


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
    """Every figure, from the temporary tables (kept: the state rows are copied from them afterwards)."""
    _temporary_tables(cursor)
    figures = {}
    for columns in GROUPINGS:
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
    return figures


SLICE = "program_id, branch_id, kind, year, quarter, month"
STATE_COPIES = (  # (state table, its columns, SELECT from the temporary tables)
    ("dashboard_activitystate", f"activity_id, {SLICE}, activities, services, participations, completed",
     f"SELECT activity_id, {SLICE}, activities, services, participations, completed FROM dashboard_acts"),
    ("dashboard_sessionstate", f"activity_id, {SLICE}, sessions, person_days",
     f"SELECT activity_id, {SLICE}, SUM(sessions), SUM(person_days) FROM dashboard_sessions "
     f"GROUP BY activity_id, {SLICE}"),
    ("dashboard_reachstate", f"activity_id, person_id, {SLICE}, women, men",
     f"SELECT activity_id, member, {SLICE}, women, men FROM dashboard_reach"),
    ("dashboard_servedstate", f"activity_id, organization_id, {SLICE}",
     f"SELECT activity_id, member, {SLICE} FROM dashboard_served"),
)


def _figure(key, measures) -> Figure:
    return Figure(program_id=key[0], branch_id=key[1], kind=key[2] or "", year=key[3], quarter=key[4],
                  month=key[5], **{name: int(value or 0) for name, value in measures.items()})


def rebuild() -> float:
    """Recompute every figure from the ledger; returns the seconds it took. For repairs, a new day, and
    writes that name no activity: a write that names its activities moves only their slices
    (``apply_changes``)."""
    start = time.perf_counter()
    started_at = timezone.now()
    FigureStatus.objects.get_or_create(pk=1)
    # Writes from now on ask for another rebuild; the ones that move figures are applied again at the end.
    FigureStatus.objects.filter(pk=1).update(requested_at=None, started_at=started_at)
    postgresql = connection.vendor == "postgresql"
    # PostgreSQL: one snapshot, without blocking anyone. SQLite: a transaction would hold the write lock for
    # the whole computation; without it, a write in the middle is applied again below.
    with transaction.atomic() if postgresql else nullcontext(), connection.cursor() as cursor:
        if postgresql:
            cursor.execute("SET LOCAL work_mem = '256MB'")
        figures = _compute(cursor)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # The first write takes the lock that partial updates take: none runs while the figures are replaced.
            FigureStatus.objects.filter(pk=1).update(state_ready=False)
            Figure.objects.all().delete()
            Figure.objects.bulk_create(
                (_figure(key, measures) for key, measures in figures.items() if any(measures.values())),
                batch_size=2000,
            )
            for table, columns, select in STATE_COPIES:
                cursor.execute(f"DELETE FROM {table}")
                cursor.execute(f"INSERT INTO {table} ({columns}) {select}")
            # Writes committed while the ledger was being read: the snapshot may predate them.
            touched = set(TouchedActivity.objects.filter(at__gte=started_at).values_list("activity_id", flat=True))
            TouchedActivity.objects.filter(at__lt=started_at).delete()
            if touched:
                _apply(touched)
            seconds = time.perf_counter() - start
            FigureStatus.objects.filter(pk=1).update(built_at=started_at, updated_at=timezone.now(),
                                                     seconds=seconds, state_ready=True)
    finally:
        with connection.cursor() as cursor:
            _drop_temporary_tables(cursor)
    refresh_planner_statistics()  # a daily job (a new day rebuilds the figures) keeps SQLite's statistics fresh
    return seconds


# --- partial updates ---------------------------------------------------------------------------------

# A write that names more activities than this (an import of a whole program, the demo) is rebuilt in full.
PARTIAL_LIMIT = 500
# Writes that change what the figures count of activities they do not name: a person's gender, a merge of
# two people, an organization deleted (its services), the demo.
FULL_REBUILD_SERVICES = ("people.", "organizations.", "sampledata.")
ADDITIVE = (*ACTIVITY_MEASURES, *SESSION_MEASURES)
DISTINCT = ("people", "women", "men", "organizations")


def _slice(row) -> dict:
    return {name: getattr(row, name) if not isinstance(row, dict) else row[name]
            for name in ("program_id", "branch_id", "kind", "year", "quarter", "month")}


def _cells(row) -> list:
    """The keys of every cell that counts ``row`` (one per grouping)."""
    values = _slice(row)
    return [_key({column: values[column] for column in columns}) for columns in GROUPINGS]


def _read(cursor, table) -> list[dict]:
    cursor.execute(f"SELECT * FROM {table}")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _in_chunks(values, size=500):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _apply(activity_ids: set) -> None:
    """Move the figures by what ``activity_ids`` count now minus what they counted at the last computation
    (their state rows), and replace their state rows. Exact for every cell: sums move by the difference;
    a person (an organization) is counted in a cell when any of their rows falls in it, so for each person
    of these activities the cells they are in are compared before and after, with their rows of other
    activities read from the state. Runs inside the caller's transaction."""
    ids = sorted(activity_ids)
    old = {
        "acts": list(ActivityState.objects.filter(activity_id__in=ids).values()),
        "sessions": list(SessionState.objects.filter(activity_id__in=ids).values()),
        "reach": list(ReachState.objects.filter(activity_id__in=ids).values()),
        "served": list(ServedState.objects.filter(activity_id__in=ids).values()),
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Its queries read a few rows by index: compiling them (JIT, for plans estimated costly) took longer.
            cursor.execute("SET LOCAL jit = off")
        _temporary_tables(cursor, prefix="dashboard_part_", activity_ids=ids)
        new = {table: _read(cursor, f"dashboard_part_{table}") for table in TABLES}
        _drop_temporary_tables(cursor, prefix="dashboard_part_")
    for row in new["reach"]:
        row["person_id"] = row.pop("member")
    for row in new["served"]:
        row["organization_id"] = row.pop("member")

    delta: dict = {}

    def add(key, name, value):
        if value:
            cell = delta.setdefault(key, {})
            cell[name] = cell.get(name, 0) + value

    for sign, rows in ((-1, old), (1, new)):
        for row in rows["acts"]:
            for columns, key in zip(GROUPINGS, _cells(row)):
                add(key, "activities", sign * row["activities" if "kind" in columns else "services"])
                add(key, "participations", sign * row["participations"])
                add(key, "completed", sign * row["completed"])
        for row in rows["sessions"]:
            for key in _cells(row):
                add(key, "sessions", sign * row["sessions"])
                add(key, "person_days", sign * row["person_days"])

    def members(table, model, column, measures):
        before, after = {}, {}
        for row in old[table]:
            before.setdefault(row[column], []).append(row)
        for row in new[table]:
            after.setdefault(row[column], []).append(row)
        everyone = set(before) | set(after)
        others = {}
        for chunk in _in_chunks(everyone):
            for row in model.objects.filter(**{f"{column}__in": chunk}).exclude(activity_id__in=ids).values():
                others.setdefault(row[column], []).append(row)
        for member in everyone:
            rest = others.get(member, [])
            cells_before = {key: row for row in [*rest, *before.get(member, [])] for key in _cells(row)}
            cells_after = {key: row for row in [*rest, *after.get(member, [])] for key in _cells(row)}
            for sign, gone, kept in ((-1, cells_before, cells_after), (1, cells_after, cells_before)):
                for key, row in gone.items():
                    if key not in kept:
                        for measure in measures:
                            add(key, measure, sign * (1 if measure in ("people", "organizations") else row[measure]))

    members("reach", ReachState, "person_id", ("people", "women", "men"))
    members("served", ServedState, "organization_id", ("organizations",))

    delta = {key: values for key, values in delta.items() if any(values.values())}
    existing = {}
    for chunk in _in_chunks(delta, 100):
        condition = Q()
        for key in chunk:
            condition |= Q(**_key_filter(key))
        for figure in Figure.objects.filter(condition):
            existing[(figure.program_id, figure.branch_id, figure.kind, figure.year, figure.quarter,
                      figure.month)] = figure
    changed, created, emptied = [], [], []
    for key, values in delta.items():
        figure = existing.get(key) or _figure(key, {})
        for name, value in values.items():
            setattr(figure, name, getattr(figure, name) + value)
        if any(getattr(figure, name) < 0 for name in (*ADDITIVE, *DISTINCT)):
            raise ValueError(f"the figures of {key} would be negative: the state rows do not match them")
        if not any(getattr(figure, name) for name in (*ADDITIVE, *DISTINCT)):
            if figure.pk:
                emptied.append(figure.pk)
        elif figure.pk:
            changed.append(figure)
        else:
            created.append(figure)
    Figure.objects.filter(pk__in=emptied).delete()
    Figure.objects.bulk_update(changed, [*ADDITIVE, *DISTINCT], batch_size=500)
    Figure.objects.bulk_create(created, batch_size=500)

    for model in (ActivityState, SessionState, ReachState, ServedState):
        model.objects.filter(activity_id__in=ids).delete()
    ActivityState.objects.bulk_create([ActivityState(**row) for row in new["acts"]], batch_size=1000)
    SessionState.objects.bulk_create(
        [SessionState(**{k: v for k, v in row.items() if k != "session_id"}) for row in _sum_sessions(new["sessions"])],
        batch_size=1000)
    ReachState.objects.bulk_create([ReachState(**row) for row in new["reach"]], batch_size=1000)
    ServedState.objects.bulk_create([ServedState(**row) for row in new["served"]], batch_size=1000)


def _key_filter(key) -> dict:
    names = ("program_id", "branch_id", "kind", "year", "quarter", "month")
    return {(f"{name}__isnull" if value is None else name): (True if value is None else value)
            for name, value in zip(names, key) if name != "kind"} | {"kind": key[2] or ""}


def _sum_sessions(rows) -> list[dict]:
    """The sessions' rows, one per activity and month (as the state keeps them)."""
    sums = {}
    for row in rows:
        key = (row["activity_id"], *_slice(row).values())
        total = sums.setdefault(key, {"activity_id": row["activity_id"], **_slice(row), "sessions": 0, "person_days": 0})
        total["sessions"] += row["sessions"]
        total["person_days"] += row["person_days"]
    return list(sums.values())


def apply_changes(activity_ids) -> float | None:
    """Bring the figures of ``activity_ids`` up to date now, moving only the cells of their slices; returns
    the seconds it took, or None when the figures must be rebuilt in full instead (never computed, or by
    another version of the state)."""
    start = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        # The first statement writes: on SQLite it takes the write lock, on PostgreSQL this row's lock, so
        # partial updates (and the end of a rebuild) run one at a time, each on what the last one left.
        if not FigureStatus.objects.filter(pk=1, state_ready=True).update(updated_at=now):
            return None
        _apply(set(activity_ids))
        TouchedActivity.objects.bulk_create([TouchedActivity(activity_id=pk, at=now) for pk in activity_ids])
    return time.perf_counter() - start


def ledger_changed(change) -> None:
    """The listener of ledger writes (``madani.core.ledger``, registered in ``DashboardConfig.ready``): it
    runs after the write committed. A write that names its activities moves their figures at once
    (``apply_changes``); any other write (and a failed partial update) queues a full rebuild, one for a burst
    of writes: only the first change after the last rebuild started enqueues it."""
    from .tasks import refresh

    if change is not None and _partial(change):
        try:
            if apply_changes(change.activity_ids) is not None:
                if status().built_at and timezone.localdate(status().built_at) == timezone.localdate():
                    return
        except Exception:
            logger.exception("partial update of the figures failed for %r; rebuilding them", change)
    FigureStatus.objects.get_or_create(pk=1)
    now = timezone.now()
    waiting = Q(requested_at__isnull=True) | Q(requested_at__lt=now - STALE_REQUEST)  # a lost job is queued again
    if FigureStatus.objects.filter(waiting, pk=1).update(requested_at=now):
        refresh.enqueue()


def _partial(change) -> bool:
    return (0 < len(change.activity_ids) <= PARTIAL_LIMIT
            and not any(service.startswith(FULL_REBUILD_SERVICES) for service in change.services))


def refresh_if_outdated() -> None:
    """Figures built before today count yesterday's "today" (a session held today, an activity that started
    today): queue a rebuild, as a ledger write does. The pages that read the cube call it."""
    built = status().built_at
    if built is not None and timezone.localdate(built) < timezone.localdate():
        ledger_changed(None)


def status() -> FigureStatus:
    return FigureStatus.objects.filter(pk=1).first() or FigureStatus()
