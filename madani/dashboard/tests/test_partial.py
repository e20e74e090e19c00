"""Issue 17: a ledger write moves only the figures of the slices it touches, at once (no full rebuild),
and they equal what a full rebuild gives."""

import datetime
import random

import pytest
from django.urls import reverse

from conftest import client_for
from madani.activities import services
from madani.activities.models import Activity, Kind, Participation, Program
from madani.branches.models import Branch
from madani.dashboard import cube
from madani.dashboard.models import Figure, FigureStatus
from madani.organizations.models import Organization
from madani.people.models import Person
from tests.factories import OrganizationFactory, PersonFactory

from .helpers import two_branch_ledger

pytestmark = pytest.mark.django_db
MEASURES = ("people", "women", "men", "participations", "completed", "person_days", "sessions", "activities",
            "organizations")


def figures() -> dict:
    return {(f.program_id, f.branch_id, f.kind, f.year, f.quarter, f.month): tuple(getattr(f, m) for m in MEASURES)
            for f in Figure.objects.all()}


def headline():
    return client_for_admin().get(reverse("dashboard:index")).context["figures"]["headline"]


def client_for_admin():
    from madani.accounts.models import Role, User

    admin = User.objects.filter(role=Role.ADMINISTRATOR).first()
    return client_for(admin)


@pytest.fixture
def ledger(administrator):
    pks = two_branch_ledger()
    return {"admin": administrator, "program": Program.objects.get(pk=pks["program"]),
            "other": Program.objects.get(pk=pks["other"]), "branch_a": Branch.objects.get(pk=pks["branch_a"]),
            "branch_b": Branch.objects.get(pk=pks["branch_b"])}


@pytest.fixture
def write(django_capture_on_commit_callbacks):
    """Run a service as a request does: committed, then announced to the dashboard."""
    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)
    return run


def assert_no_rebuild_and_same_as_a_full_one(built_at):
    status = FigureStatus.objects.get(pk=1)
    assert status.built_at == built_at and status.requested_at is None  # moved in place, nothing queued
    partial = figures()
    cube.rebuild()
    assert partial == figures()


def test_recording_attendance_shows_at_once_without_a_rebuild(ledger, write):
    built_at = FigureStatus.objects.get(pk=1).built_at
    activity = Activity.objects.get(kind=Kind.WORKSHOP)
    before = headline()
    newcomer = PersonFactory(branch=activity.branch, gender="female")
    write(services.participation_add, actor=ledger["admin"], activity=activity, person=newcomer)
    session = activity.sessions.get()
    present = [*session.attendance.values_list("person_id", flat=True), newcomer.pk]
    write(services.attendance_record, actor=ledger["admin"], session=session, present_ids=present)
    after = headline()
    assert (after.people, after.women, after.person_days, after.participations) == \
        (before.people + 1, before.women + 1, before.person_days + 1, before.participations + 1)
    assert_no_rebuild_and_same_as_a_full_one(built_at)


def test_a_new_activity_and_its_deletion_show_at_once(ledger, write):
    built_at = FigureStatus.objects.get(pk=1).built_at
    before = headline()
    organization = OrganizationFactory(branch=ledger["branch_b"])
    activity = write(services.activity_create, actor=ledger["admin"], session_per_day=True, data={
        "kind": Kind.WORKSHOP, "title_ar": "ورشة", "program": ledger["other"], "branch": ledger["branch_b"],
        "start_date": datetime.date(2026, 10, 1), "end_date": datetime.date(2026, 10, 2),
        "target_organizations": [organization]})
    person = Person.objects.filter(attendance__isnull=False).first()  # already counted elsewhere
    write(services.participation_add, actor=ledger["admin"], activity=activity, person=person)
    write(services.attendance_record, actor=ledger["admin"], session=activity.sessions.first(), present_ids=[person.pk])
    after = headline()
    assert (after.activities, after.sessions, after.people, after.person_days, after.organizations) == \
        (before.activities + 1, before.sessions + 2, before.people, before.person_days + 1, before.organizations + 1)
    quarter = Figure.objects.get(program=ledger["other"], branch=None, kind="", year=2026, quarter=4, month=None)
    assert (quarter.activities, quarter.people) == (1, 1)
    assert_no_rebuild_and_same_as_a_full_one(built_at)

    built_at = FigureStatus.objects.get(pk=1).built_at
    write(services.activity_delete, actor=ledger["admin"], activity=Activity.objects.get(pk=activity.pk))
    gone = headline()
    assert (gone.activities, gone.sessions, gone.people, gone.organizations) == \
        (before.activities, before.sessions, before.people, before.organizations)
    assert not Figure.objects.filter(program=ledger["other"], year=2026, quarter=4).exists()
    assert_no_rebuild_and_same_as_a_full_one(built_at)


def test_random_writes_moved_in_place_equal_a_full_rebuild(ledger, write):
    """Writes of every kind, on random activities, people, slices and dates, some moving an activity to
    another program, branch, kind or period; compared with a full rebuild every few writes."""
    rng = random.Random(17)
    admin = ledger["admin"]
    programs, branches = [ledger["program"], ledger["other"]], [ledger["branch_a"], ledger["branch_b"]]
    organizations = [OrganizationFactory(branch=rng.choice(branches)) for _ in range(3)]
    people = list(Person.objects.all()) + [PersonFactory(branch=branches[0], gender=rng.choice(("female", "male")))
                                           for _ in range(6)]
    kinds = [Kind.TRAINING, Kind.WORKSHOP, Kind.TECHNICAL_SUPPORT, Kind.SPACE_USE]
    today = datetime.date.today()

    def a_date():
        return today - datetime.timedelta(days=rng.randrange(0, 900))

    def create():
        start = a_date()
        return write(services.activity_create, actor=admin, session_per_day=True, data={
            "kind": rng.choice(kinds), "title_ar": "نشاط", "program": rng.choice(programs),
            "branch": rng.choice(branches), "start_date": start,
            "end_date": min(start + datetime.timedelta(days=rng.randrange(0, 40)), today),
            "target_organizations": rng.sample(organizations, rng.randrange(0, 3))})

    def enrol_and_attend():
        activity = rng.choice(list(Activity.objects.all()))
        for person in rng.sample(people, 3):
            write(services.participation_add, actor=admin, activity=activity, person=person)
        enrolled = list(activity.participations.values_list("person_id", flat=True))
        for session in activity.sessions.filter(date__lte=today):
            write(services.attendance_record, actor=admin, session=session,
                  present_ids=rng.sample(enrolled, rng.randrange(0, len(enrolled) + 1)))

    def move():
        activity = rng.choice(list(Activity.objects.all()))
        data = rng.choice([{"program": rng.choice(programs)}, {"branch": rng.choice(branches)},
                           {"kind": rng.choice(kinds)}, {"target_organizations": rng.sample(organizations, 2)}])
        write(services.activity_update, actor=admin, activity=activity, data=data)

    def move_session():
        activity = rng.choice([a for a in Activity.objects.all() if a.end_date > a.start_date] or [None])
        if activity:
            session = activity.sessions.order_by("?").first()
            day = activity.start_date + datetime.timedelta(days=rng.randrange(0, (activity.end_date - activity.start_date).days + 1))
            write(services.session_update, actor=admin, session=session, data={"date": day})

    def remove():
        participation = Participation.objects.order_by("?").first()
        write(services.participation_remove, actor=admin, participation=participation)

    def complete():
        activity = rng.choice(list(Activity.objects.filter(end_date__lt=today)))
        enrolled = list(activity.participations.values_list("person_id", flat=True))
        write(services.participations_complete, actor=admin, activity=activity,
              completed_ids=rng.sample(enrolled, rng.randrange(0, len(enrolled) + 1)))

    def delete_session():
        activity = rng.choice([a for a in Activity.objects.all() if a.sessions.count() > 1] or [None])
        if activity:
            write(services.session_delete, actor=admin, session=activity.sessions.order_by("?").first())

    def delete():
        if Activity.objects.count() > 3:
            write(services.activity_delete, actor=admin, activity=rng.choice(list(Activity.objects.all())))

    operations = [create, create, enrol_and_attend, enrol_and_attend, enrol_and_attend, move, move_session, remove,
                  complete, delete_session, delete]
    built_at = FigureStatus.objects.get(pk=1).built_at
    for step in range(1, 41):
        rng.choice(operations)()
        if step % 8 == 0:
            assert_no_rebuild_and_same_as_a_full_one(built_at)
            built_at = FigureStatus.objects.get(pk=1).built_at
    assert Organization.objects.exists() and figures()


def test_a_write_during_a_full_rebuild_is_kept(ledger, write, monkeypatch):
    """A rebuild reads the ledger, a write lands and moves the figures, the rebuild replaces them with what it
    read: the write is applied again on top, so it is not lost until the next rebuild."""
    activity = Activity.objects.get(kind=Kind.WORKSHOP)
    newcomer = PersonFactory(branch=activity.branch, gender="male")
    compute = cube._compute

    def compute_then_write(cursor):
        result = compute(cursor)  # the snapshot is taken: the write below is not in it
        write(services.participation_add, actor=ledger["admin"], activity=activity, person=newcomer)
        return result

    before = headline()
    monkeypatch.setattr(cube, "_compute", compute_then_write)
    cube.rebuild()
    monkeypatch.undo()
    assert headline().participations == before.participations + 1
    partial = figures()
    cube.rebuild()
    assert partial == figures()


def test_figures_never_computed_are_built_in_full_on_the_first_write(administrator, branch_a, write):
    activity = write(services.activity_create, actor=administrator, session_per_day=True, data={
        "kind": Kind.WORKSHOP, "title_ar": "ورشة", "program": Program.objects.create(
            name_ar="برنامج", name_en="Program", name="برنامج", start_date=datetime.date(2026, 1, 1)),
        "branch": branch_a, "start_date": datetime.date(2026, 4, 1), "end_date": datetime.date(2026, 4, 1)})
    assert FigureStatus.objects.get(pk=1).state_ready  # the queued rebuild ran (tests run jobs at once)
    assert Figure.objects.get(program=activity.program, branch=None, kind="", year=None, quarter=None,
                              month=None).activities == 1
