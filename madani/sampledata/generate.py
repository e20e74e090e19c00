"""A realistic ledger of any size, for benchmarks and load tests (``./madani generate``).

The demo's branches, Syrian places from the gazetteer, Arabic names, about 62% men, birth years from 1960,
activity kinds, lengths and topics weighted like the seed reports (``sampledata/demo/activities.py``); participants
come from the activity's branch (coaching, consultations and technical support: from the one organization
served); attendance only for enrolled people, on the activity's own sessions, and exactly as many marks
as asked. Activities spread over the last five years, more of them recently, with a few planned ahead.

Rows are streamed in batches, never held all at once: PostgreSQL through COPY, SQLite through batched
INSERTs. Ids are assigned here (after the largest existing one), so no row is read back.
"""

import datetime
import math
import random
import resource
import time
from array import array
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from madani.activities.models import (
    CERTIFIED_KINDS,
    ONE_ORGANIZATION_KINDS,
    Activity,
    Kind,
    Program,
    Session,
    Status,
    Topic,
)
from madani.branches.models import Branch
from madani.dashboard import cube
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization
from madani.people.models import Displacement, Gender, Person
from madani.places.models import Place
from madani.sampledata.demo.activities import DIALOGUE_SUBJECTS, KIND_SHAPE, KIND_TITLES, KIND_TOPICS, KIND_WEIGHTS
from madani.sampledata.demo.core import BRANCHES, FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES, PEOPLE_PER_BRANCH

YEARS_BACK = 5
PLANNED_SHARE = 0.02
AFFILIATED_SHARE = 0.7  # people who represent an organization
PEOPLE_PER_ORGANIZATION = 200
PROGRAMS = [
    ("epd-nes", "تعزيز نهج الديمقراطية التشاركية في شمال وشرق سوريا", "Enhancing Participatory Democracy in NES"),
    ("cso-capacity", "بناء قدرات المنظمات المحلية في الرقة ودير الزور",
     "Capacity building for local CSOs in Raqqa and Deir ez-Zor"),
    ("youth-10", "مشروع 10% شباب", "10% Youth project"),
    ("small-grants", "المنح الصغيرة للمبادرات المجتمعية", "Small grants for community initiatives"),
    ("incubation", "برنامج احتضان المنظمات الناشئة", "Incubation of emerging organizations"),
    ("local-governance", "الحوكمة المحلية والمشاركة المدنية", "Local governance and civic participation"),
]
ORGANIZATION_WORDS = (["منظمة", "جمعية", "مبادرة", "فريق", "مركز"],
                      ["الأمل", "النور", "الغد", "السلام", "البناء", "التنمية", "الشباب", "المرأة", "الحوار", "الفرات"])
KINDS = list(KIND_WEIGHTS)


class _Writer:
    """Buffered rows per table, written in dependency order with COPY (PostgreSQL) or INSERT (SQLite)."""

    def __init__(self, batch: int):
        self.batch = batch
        self.tables = {}  # table -> (columns, rows), in insertion order = dependency order
        self.pending = 0
        self.written = {}

    def add(self, table: str, columns: tuple, row: tuple):
        self.tables.setdefault(table, (columns, []))[1].append(row)
        self.pending += 1
        if self.pending >= self.batch:
            self.flush()

    def flush(self):
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                if not rows:
                    continue
                names = ", ".join(columns)
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})",
                                       rows)
                self.written[table] = self.written.get(table, 0) + len(rows)
                rows.clear()
        self.pending = 0


@contextmanager
def _foreign_keys_checked_at_the_end(tables):
    """PostgreSQL checks a foreign key row by row as rows arrive, which dominates the loading time; its
    foreign keys are dropped during the load and added back after, checked then in one pass."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])", [tables])
        keys = cursor.fetchall()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # inside a transaction: no pending checks may remain
        for table, name, _definition in keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for table, name, definition in keys:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _split(total: int, weights: list) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder): the parts add up exactly."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(s) for s in shares]
    for i in sorted(range(len(weights)), key=lambda i: parts[i] - shares[i])[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _setup(rng, people: int):
    places = Place.objects.in_bulk(field_name="pcode")
    branches = []
    for code, name_ar, name_en, pcode in BRANCHES:
        branch, _created = Branch.objects.get_or_create(
            code=code, defaults={"name": name_ar, "name_ar": name_ar, "name_en": name_en, "place": places[pcode]})
        branches.append(branch)
    programs = []
    for code, name_ar, name_en in PROGRAMS:
        program, created = Program.objects.get_or_create(
            code=code, defaults={"name": name_ar, "name_ar": name_ar, "name_en": name_en,
                                 "start_date": datetime.date(datetime.date.today().year - YEARS_BACK, 1, 1)})
        if created:
            program.branches.set(branches)
        programs.append(program.pk)
    homes = {b.pk: [p.pk for p in places.values() if p.level == "subdistrict" and p.pcode[:4] == b.place.pcode[:4]]
             or [b.place_id] for b in branches}
    count = max(len(branches), people // PEOPLE_PER_ORGANIZATION)
    per_branch = _split(count, [PEOPLE_PER_BRANCH.get(b.code, 50) for b in branches])
    organizations = {}
    for branch, n in zip(branches, per_branch):
        n = max(1, n)
        names = [f"{rng.choice(ORGANIZATION_WORDS[0])} {rng.choice(ORGANIZATION_WORDS[1])} {i + 1}" for i in range(n)]
        created = Organization.objects.bulk_create(
            [Organization(kind=OrganizationKind.CSO, branch=branch, place_id=rng.choice(homes[branch.pk]), name=name,
                          name_ar=name, name_en=f"Organization {branch.code} {i + 1}") for i, name in enumerate(names)],
            batch_size=1000,
        )
        organizations[branch.pk] = [(o.pk, o.name_ar, o.name_en, o.place_id) for o in created]
    topics = {t.code: (t.pk, t.name_ar, t.name_en) for t in Topic.objects.all()}
    return branches, programs, homes, organizations, topics


def _people(writer, rng, branches, homes, total, now):
    """People of each branch get consecutive ids; the first 70% of a branch represent one of its
    organizations, in turn (person i: organization i mod n). Returns each branch's id range."""
    columns = ("id", "full_name", "name_latin", "gender", "birth_year", "disability", "displacement",
               "home_place_id", "branch_id", "phone", "email", "consent_date", "notes", "created_at", "updated_at")
    adapt = connection.ops.adapt_datefield_value
    today = datetime.date.today()
    ranges, next_id = {}, _next_id(Person)
    displacements = [Displacement.RESIDENT, Displacement.IDP, Displacement.RETURNEE]
    for branch, count in zip(branches, _split(total, [PEOPLE_PER_BRANCH.get(b.code, 50) for b in branches])):
        ranges[branch.pk] = (next_id, next_id + count)
        home = homes[branch.pk]
        for pk in range(next_id, next_id + count):
            male = rng.random() < 0.62
            name = (f"{rng.choice(MALE_NAMES if male else FEMALE_NAMES)} {rng.choice(MALE_NAMES)} "
                    f"{rng.choice(FAMILY_NAMES)}")
            writer.add("people_person", columns, (
                pk, name, "", Gender.MALE if male else Gender.FEMALE, rng.randint(1960, today.year - 16),
                rng.random() < 0.05, rng.choices(displacements, (70, 22, 8))[0], rng.choice(home), branch.pk, "", "",
                adapt(today - datetime.timedelta(days=rng.randint(10, 365 * YEARS_BACK))), "", now, now,
            ))
        next_id += count
    return ranges


def _plan(rng, count: int):
    """Kind, length and start day of every activity, drawn first (a few bytes each) so that attendance
    can be shared out exactly in proportion to each activity's size."""
    kinds, lengths, days = array("B"), array("H"), array("i")
    span = YEARS_BACK * 365
    weights = list(KIND_WEIGHTS.values())
    for _ in range(count):
        kind = rng.choices(range(len(KINDS)), weights)[0]
        low, high, _p, _q = KIND_SHAPE[KINDS[kind]]
        kinds.append(kind)
        lengths.append(rng.randint(low, high) if KINDS[kind] != Kind.ADVOCACY else 3)  # a campaign: 3 event days
        # more activity in recent years; a few planned in the coming weeks (negative: days ahead)
        planned = rng.random() < PLANNED_SHARE
        days.append(-rng.randint(7, 60) if planned else int(span * (1 - math.sqrt(rng.random()))) + 1)
    return kinds, lengths, days


def _size(kind, sessions) -> int:
    _l, _h, low, high = KIND_SHAPE[KINDS[kind]]
    return sessions * (low + high) // 2


TABLES = ["people_person", "activities_activity", "activities_activity_topics", "activities_session",
          "activities_attendance", "activities_participation", "activities_activity_target_organizations"]


def generate(*, people: int, activities: int, attendance: int, seed: int = 1, batch: int = 50_000,
             log=print) -> dict:
    started = time.perf_counter()
    rng = random.Random(seed)
    writer = _Writer(batch)
    setup = _setup(rng, people)
    with _foreign_keys_checked_at_the_end(TABLES):
        _ledger(writer, rng, setup, people, activities, attendance, log, started)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Activity, Session]):
            cursor.execute(sql)
    generated = time.perf_counter() - started
    log(f"Generated in {generated:.0f} s; computing the figures…")
    cube_seconds = cube.rebuild()
    return {
        "people": people, "activities": activities, "attendance": writer.written.get("activities_attendance", 0),
        "participations": writer.written.get("activities_participation", 0),
        "sessions": writer.written.get("activities_session", 0), "seconds": generated, "cube_seconds": cube_seconds,
        "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _ledger(writer, rng, setup, people, activities, attendance, log, started):
    branches, programs, homes, organizations, topics = setup
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    adapt = connection.ops.adapt_datefield_value
    today = datetime.date.today()
    ranges = _people(writer, rng, branches, homes, people, now)
    writer.flush()
    log(f"{people:,} people in {time.perf_counter() - started:.0f} s")

    kinds, lengths, days = _plan(rng, activities)
    peopled = [b for b in branches if ranges[b.pk][1] > ranges[b.pk][0]]
    branch_of = [b.pk for b in peopled]
    branch_weights = [PEOPLE_PER_BRANCH.get(b.code, 50) for b in peopled]
    sizes = [0 if days[i] < 0 else _size(kinds[i], lengths[i]) for i in range(activities)]
    total_size = sum(sizes) or 1
    places = {b.pk: b.place_id for b in branches}
    activity_id, session_id = _next_id(Activity), _next_id(Session)
    a_columns = ("id", "kind", "title", "title_ar", "title_en", "description", "program_id", "branch_id", "place_id",
                 "start_date", "end_date", "status", "goals", "deliverable", "open_for_registration", "created_at",
                 "updated_at")
    s_columns = ("id", "activity_id", "date", "topic", "outcome")
    p_columns = ("activity_id", "person_id", "organization_id", "completed", "source", "created_at")
    t_columns = ("session_id", "person_id", "source")
    cumulative, given = 0, 0
    for i in range(activities):
        kind = KINDS[kinds[i]]
        branch = rng.choices(branch_of, branch_weights)[0]
        lo, hi = ranges[branch]
        affiliated = lo + int((hi - lo) * AFFILIATED_SHARE)
        orgs = organizations[branch]
        cumulative += sizes[i]
        quota = attendance * cumulative // total_size - given
        given += quota
        sessions = lengths[i]
        served = rng.randrange(len(orgs)) if kind in ONE_ORGANIZATION_KINDS and affiliated > lo else None
        pool = range(lo + served, affiliated, len(orgs)) if served is not None else range(lo, hi)
        _l, _h, p_low, p_high = KIND_SHAPE[kind]
        size = math.ceil(quota / (sessions * rng.uniform(0.75, 0.95))) if quota else rng.randint(p_low, p_high)
        if size > len(pool):
            served, pool = None, range(lo, hi)
        size = min(size, len(pool))
        if size and quota > size * sessions:
            sessions = math.ceil(quota / size)
        start = today + datetime.timedelta(days=-days[i]) if days[i] < 0 else \
            today - datetime.timedelta(days=days[i] + sessions)
        end = start + datetime.timedelta(days=sessions - 1)
        status = Status.PLANNED if start > today else Status.COMPLETED
        program = programs[i % len(programs)]
        topic = topics.get(rng.choice(KIND_TOPICS[kind]))
        organization = orgs[served] if served is not None else rng.choice(orgs)
        subject = rng.choice(DIALOGUE_SUBJECTS)
        branch_obj = peopled[branch_of.index(branch)]
        title_ar = KIND_TITLES[kind][0].format(topic=topic[1] if topic else "", organization=organization[1],
                                               place=branch_obj.name_ar, subject=subject[0])
        title_en = KIND_TITLES[kind][1].format(topic=topic[2] if topic else "", organization=organization[2],
                                               place=branch_obj.name_en, subject=subject[1])
        writer.add("activities_activity", a_columns, (
            activity_id, kind, title_ar, title_ar, title_en, "", program, branch,
            organization[3] if served is not None else places[branch], adapt(start), adapt(end), status, "", "",
            False, now, now))
        if topic:
            writer.add("activities_activity_topics", ("activity_id", "topic_id"), (activity_id, topic[0]))
        first = session_id
        for day in range(sessions):
            writer.add("activities_session", s_columns,
                       (session_id, activity_id, adapt(start + datetime.timedelta(days=day)), "", ""))
            session_id += 1
        participants = rng.sample(pool, size)
        marks = rng.sample(range(size * sessions), quota) if quota else []
        attended = [0] * size
        for mark in marks:
            person, day = divmod(mark, sessions)
            attended[person] += 1
            writer.add("activities_attendance", t_columns, (first + day, participants[person], "import"))
        needed = max(1, round(sessions * 2 / 3)) if kind in CERTIFIED_KINDS else 1
        represented = set()
        for person, times in zip(participants, attended):
            represents = organization[0] if served is not None else (
                orgs[(person - lo) % len(orgs)][0] if person < affiliated else None)
            if represents and len(represented) < 5:
                represented.add(represents)
            writer.add("activities_participation", p_columns, (
                activity_id, person, represents, status == Status.COMPLETED and times >= needed, "import", now))
        for org in represented:
            writer.add("activities_activity_target_organizations", ("activity_id", "organization_id"),
                       (activity_id, org))
        activity_id += 1
        if i and i % 10_000 == 0:
            log(f"{i:,} activities, {writer.written.get('activities_attendance', 0):,} attendance marks "
                f"in {time.perf_counter() - started:.0f} s")
    writer.flush()
