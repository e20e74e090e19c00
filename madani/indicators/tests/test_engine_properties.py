"""The engine against a brute-force reference: random small ledgers (with a merge of two people),
people reached counted as the distinct people present at a session held in the period (issue 11),
random queries — every metric, random filters, zero to two dimensions, three kinds of user — and the
same figures from compute() and from plain Python over the same rows. Runs on SQLite and PostgreSQL."""

import datetime
from collections import defaultdict

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from madani.accounts.models import Role
from madani.activities.models import Activity, Attendance, Kind, Participation, Session, Status
from madani.indicators.engine import IndicatorQuery, Metric, age_bands, compute, dimensions_for, records
from madani.organizations.models import Kind as OrganizationKind
from madani.people.models import Displacement, Gender, Person
from madani.people.services import person_merge
from tests.factories import BranchFactory, OrganizationFactory, ProgramFactory, TopicFactory, UserFactory, place

FIRST_DAY = datetime.date(2024, 11, 1)
PCODES = [None, "SY09", "SY0902", "SY090201", "SY11", "SY110100", "SY020000"]
KINDS = [Kind.TRAINING, Kind.WORKSHOP, Kind.TECHNICAL_SUPPORT]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(db):
    """What every random ledger shares: two branches, three programs (one with a donor), two topics,
    three CSOs, and the users whose view of the ledger is compared."""
    branches = [BranchFactory(code="raqqa-p"), BranchFactory(code="deir-p")]
    donor = OrganizationFactory(kind=OrganizationKind.DONOR, branch=None)
    programs = [ProgramFactory(code="p-0", donor=donor), ProgramFactory(code="p-1"), ProgramFactory(code="p-2")]
    topics = [TopicFactory(code=f"topic-p{i}", name=f"t{i}", name_ar=f"t{i}", name_en=f"t{i}")
              for i in range(2)]
    organizations = [OrganizationFactory(branch=branches[i % 2]) for i in range(3)]
    users = {
        "center": None,
        "manager": UserFactory(role=Role.BRANCH_MANAGER, branches=[branches[0]]),
        "member": UserFactory(role=Role.CSO_MEMBER, organization=organizations[0]),
    }
    return {
        "branches": branches, "donor": donor, "programs": programs, "topics": topics,
        "organizations": organizations, "users": users, "places": {p: place(p) for p in PCODES if p},
        "admin": UserFactory(role=Role.ADMINISTRATOR, is_superuser=True),
    }


people_st = st.lists(
    st.tuples(st.sampled_from(Gender.values), st.one_of(st.none(), st.integers(1950, 2012)),
              st.sampled_from(Displacement.values), st.booleans(), st.integers(0, 1)),
    min_size=2, max_size=7,
)
activity_st = st.tuples(
    st.sampled_from(KINDS), st.sampled_from(Status.values), st.integers(0, 2), st.integers(0, 1),
    st.sampled_from(PCODES), st.integers(0, 480), st.integers(0, 3),
    st.sets(st.integers(0, 1)), st.sets(st.integers(0, 2), max_size=2),
)


@st.composite
def ledgers(draw):
    people = draw(people_st)
    activities = draw(st.lists(activity_st, min_size=1, max_size=5))
    everyone = st.integers(0, len(people) - 1)
    details = []
    for activity in activities:
        length = activity[6] + 1
        days = sorted(draw(st.sets(st.integers(0, length - 1), max_size=length)))
        enrolled = draw(st.dictionaries(everyone, st.tuples(st.one_of(st.none(), st.integers(0, 2)), st.booleans()),
                                        max_size=len(people)))  # person: (organization represented, completed)
        present = [draw(st.sets(everyone, max_size=len(people))) for _day in days]
        details.append((days, enrolled, present))
    merge = draw(st.one_of(st.none(), st.lists(everyone, min_size=2, max_size=2, unique=True)))
    return people, activities, details, merge


def _subset(values):
    return st.lists(st.sampled_from(values), max_size=2, unique=True).map(tuple)


@st.composite
def queries(draw):
    metric = draw(st.sampled_from(Metric.values))
    dates = st.one_of(st.none(), st.dates(FIRST_DAY - 30 * DAY, FIRST_DAY + 520 * DAY))
    return {
        "metric": metric,
        "kinds": draw(_subset(KINDS)),
        "statuses": draw(_subset(Status.values)),
        "topics": draw(_subset([0, 1])),
        "programs": draw(_subset([0, 1, 2])),
        "donors": draw(st.sampled_from([(), ("donor",)])),
        "branches": draw(_subset([0, 1])),
        "place": draw(st.sampled_from(["", "SY09", "SY0902", "SY11"])),
        "date_from": draw(dates),
        "date_to": draw(dates),
        "organizations": draw(_subset([0, 1, 2])),
        "by": tuple(draw(st.lists(st.sampled_from(dimensions_for(metric)), max_size=2, unique=True))),
        "user": draw(st.sampled_from(["center", "center", "manager", "member"])),
    }


def _write(world, people, activities, details, merge):
    branches, programs, topics = world["branches"], world["programs"], world["topics"]
    organizations, places = world["organizations"], world["places"]
    persons = Person.objects.bulk_create([
        Person(full_name=f"شخص {i}", gender=g, birth_year=b, displacement=d, disability=dis, branch=branches[br])
        for i, (g, b, d, dis, br) in enumerate(people)
    ])
    rows = Activity.objects.bulk_create([
        Activity(kind=kind, title="نشاط", title_ar="نشاط", status=status, program=programs[program],
                 branch=branches[branch], place=places.get(pcode), start_date=FIRST_DAY + start * DAY,
                 end_date=FIRST_DAY + (start + length) * DAY)
        for kind, status, program, branch, pcode, start, length, _t, _o in activities
    ])
    Activity.topics.through.objects.bulk_create([
        Activity.topics.through(activity_id=a.pk, topic_id=topics[t].pk)
        for a, spec in zip(rows, activities) for t in spec[7]
    ])
    Activity.target_organizations.through.objects.bulk_create([
        Activity.target_organizations.through(activity_id=a.pk, organization_id=organizations[o].pk)
        for a, spec in zip(rows, activities) for o in spec[8]
    ])
    sessions = Session.objects.bulk_create([
        Session(activity=a, date=a.start_date + day * DAY) for a, (days, _e, _p) in zip(rows, details) for day in days
    ])
    Participation.objects.bulk_create([
        Participation(activity=a, person=persons[p], organization=organizations[o] if o is not None else None,
                      completed=done)
        for a, (_d, enrolled, _p) in zip(rows, details) for p, (o, done) in enrolled.items()
    ])
    marks, index = [], 0
    for _a, (days, _e, present) in zip(rows, details):
        for day_present in present:
            marks += [Attendance(session=sessions[index], person=persons[p]) for p in day_present]
            index += 1
    Attendance.objects.bulk_create(marks)
    if merge:
        person_merge(actor=world["admin"], keep=persons[merge[0]], remove=persons[merge[1]])


# --- the reference: plain Python over the rows as stored ------------------------------------------------


def _snapshot():
    activities = {
        pk: {"kind": kind, "status": status, "program": program, "donor": donor, "branch": branch, "pcode": pcode,
             "start": start, "end": end, "topics": set(), "served": set()}
        for pk, kind, status, program, donor, branch, pcode, start, end in Activity.objects.values_list(
            "pk", "kind", "status", "program", "program__donor", "branch", "place__pcode", "start_date", "end_date")
    }
    for activity, topic in Activity.topics.through.objects.values_list("activity_id", "topic_id"):
        activities[activity]["topics"].add(topic)
    for activity, organization in Activity.target_organizations.through.objects.values_list(
            "activity_id", "organization_id"):
        activities[activity]["served"].add(organization)
    return {
        "activities": activities,
        "people": {pk: {"gender": g, "birth_year": b, "displacement": d, "disability": dis}
                   for pk, g, b, d, dis in Person.objects.values_list("pk", "gender", "birth_year", "displacement",
                                                                      "disability")},
        "participations": list(Participation.objects.values_list("pk", "activity", "person", "organization",
                                                                 "completed")),
        "sessions": dict(((pk, (a, d)) for pk, a, d in Session.objects.values_list("pk", "activity", "date"))),
        "attendance": list(Attendance.objects.values_list("pk", "session", "person")),
    }


def _visible(activity_pk, activity, user, participations):
    if user is None or user.spans_all_branches:
        return True
    if user.is_center_staff:
        return activity["branch"] in user.branch_ids()
    return user.organization_id in activity["served"] or any(
        a == activity_pk and o == user.organization_id for _pk, a, _p, o, _done in participations)


def _key(dimension, activity, person, organization, day):
    if dimension == "age_group":
        if person["birth_year"] is None:
            return None
        age = activity["start"].year - person["birth_year"]
        for code, low, high in age_bands():
            if age >= low and (high is None or age <= high):
                return code
        return None
    if dimension in ("gender", "displacement", "disability"):
        return person[dimension]
    if dimension in ("governorate", "district", "subdistrict"):
        size = {"governorate": 4, "district": 6, "subdistrict": 8}[dimension]
        pcode = activity["pcode"]
        return pcode[:size] if pcode and len(pcode) >= size else None
    if dimension in ("branch", "kind", "program"):
        return activity[dimension]
    if dimension == "organization":
        return organization
    if dimension == "month":
        return day.replace(day=1)
    if dimension == "quarter":
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.year


def reference(data, q, user):
    """(total, {keys: value}) by counting the rows one by one."""
    def passes(pk, a):
        return ((not q.kinds or a["kind"] in q.kinds) and (not q.statuses or a["status"] in q.statuses)
                and (not q.topics or a["topics"] & set(q.topics)) and (not q.programs or a["program"] in q.programs)
                and (not q.donors or a["donor"] in q.donors) and (not q.branches or a["branch"] in q.branches)
                and (not q.place or (a["pcode"] or "").startswith(q.place))
                and _visible(pk, a, user, data["participations"]))

    def inside(day):
        return (q.date_from is None or day >= q.date_from) and (q.date_to is None or day <= q.date_to)

    empty_period = q.date_from and q.date_to and q.date_from > q.date_to
    acts = {pk: a for pk, a in data["activities"].items() if passes(pk, a) and not empty_period}
    own = user.organization_id if user is not None and not (user.spans_all_branches or user.is_center_staff) else None
    wanted = set(q.organizations)
    units = []  # (unit, keys)

    def add(unit, activity, person, organization, day):
        units.append((unit, tuple(_key(d, activity, person, organization, day) for d in q.by)))

    represented = {(a, p): o for _pk, a, p, o, _done in data["participations"]}
    if q.metric in ("participations", "completed"):
        for pk, a, p, o, done in data["participations"]:
            if a in acts and inside(acts[a]["start"]) and (not wanted or o in wanted) and (own is None or o == own) \
                    and (done or q.metric == "participations"):
                add(pk, acts[a], data["people"][p], o, acts[a]["start"])
    elif q.metric in ("people", "person_days"):  # people reached: present at a session held in the period
        for pk, s, p in data["attendance"]:
            a, day = data["sessions"][s]
            o = represented.get((a, p))
            if a in acts and inside(day) and (not wanted or o in wanted) and (own is None or o == own):
                add(p if q.metric == "people" else pk, acts[a], data["people"][p], o, day)
    else:
        for a, activity in acts.items():
            served = activity["served"] & wanted if wanted else activity["served"]
            if q.metric == "organizations":
                served = served & {own} if own is not None else served
            if wanted and not served:
                continue
            if q.metric == "sessions":
                dated = [(s, day) for s, (sa, day) in data["sessions"].items() if sa == a and inside(day)]
            else:
                dated = [(a, activity["start"])] if inside(activity["start"]) else []
            for unit, day in dated:
                if q.metric == "organizations":
                    for o in served:
                        add(o, activity, None, o, day)
                else:
                    for o in served or [None]:
                        add(unit, activity, None, o, day)
    groups = defaultdict(set)
    for unit, keys in units:
        groups[keys].add(unit)
    return len({unit for unit, _k in units}), {keys: len(found) for keys, found in groups.items()} if q.by else {}


def _query(world, spec):
    ids = lambda name, values: tuple(world[name][i].pk for i in values)  # noqa: E731
    return IndicatorQuery(
        metric=spec["metric"], kinds=spec["kinds"], statuses=spec["statuses"], topics=ids("topics", spec["topics"]),
        programs=ids("programs", spec["programs"]), donors=(world["donor"].pk,) if spec["donors"] else (),
        branches=ids("branches", spec["branches"]), place=spec["place"], date_from=spec["date_from"],
        date_to=spec["date_to"], organizations=ids("organizations", spec["organizations"]), by=spec["by"],
    )


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ledger=ledgers(), specs=st.lists(queries(), min_size=3, max_size=8))
def test_compute_agrees_with_a_brute_force_count_of_the_same_rows(world, ledger, specs):
    with transaction.atomic():
        _write(world, *ledger)
        data = _snapshot()
        for spec in specs:
            query, user = _query(world, spec), world["users"][spec["user"]]
            expected_total, expected_rows = reference(data, query, user)
            result = compute(query, user=user)
            assert result.total == expected_total, (spec, result)
            assert {tuple(k.value for k in row.keys): row.value for row in result.rows} == expected_rows, spec
            assert records(query, user=user).count() == result.total
            if result.rows:
                row = result.rows[-1]
                assert records(query, tuple(k.value for k in row.keys), user=user).count() == row.value, spec
        transaction.set_rollback(True)
