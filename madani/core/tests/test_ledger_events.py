"""Ledger writes are marked services (``madani.core.ledger``): each announces one change after its commit,
nothing when it rolls back, and the dashboard hears every one of them."""

import pathlib
import re

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import client_for
from madani.activities import services as activities
from madani.activities.imports import attendance_import
from madani.assessments.services import organization_staff_enrol
from madani.core import ledger
from madani.dashboard import cube
from madani.grants.tests import ledger_steps as grant_steps
from madani.organizations import services as organizations
from madani.people import services as people
from tests.factories import ActivityFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _session(activity):
    return activity.sessions.order_by("date").first()


def _served(activity):
    """A new organization served by ``activity`` (nobody represents it, so it can be deleted)."""
    organization = OrganizationFactory(branch=activity.branch)
    activity.target_organizations.add(organization)
    return organization


# Every write path that changes what the figures are computed from: (name, call(actor, activity, person)).
WRITE_PATHS = {
    "activity_create": lambda actor, a, p: activities.activity_create(actor=actor, data={
        "title_ar": "ورشة", "title_en": "Workshop", "kind": a.kind, "status": a.status, "program": a.program,
        "branch": a.branch, "place": a.place, "start_date": a.start_date, "end_date": a.start_date},
        session_per_day=True),
    "activity_update": lambda actor, a, p: activities.activity_update(actor=actor, activity=a,
                                                                      data={"title_en": "Renamed"}),
    "activity_delete": lambda actor, a, p: activities.activity_delete(actor=actor, activity=a),
    "session_create": lambda actor, a, p: activities.session_create(actor=actor, activity=a,
                                                                    data={"date": a.end_date}),
    "session_update": lambda actor, a, p: activities.session_update(actor=actor, session=_session(a),
                                                                    data={"date": a.end_date}),
    "session_delete": lambda actor, a, p: activities.session_delete(actor=actor, session=_session(a)),
    "participation_add": lambda actor, a, p: activities.participation_add(
        actor=actor, activity=a, person=PersonFactory(branch=a.branch)),
    "participation_update": lambda actor, a, p: activities.participation_update(
        actor=actor, participation=a.participations.get(person=p), data={"completed": False}),
    "participation_remove": lambda actor, a, p: activities.participation_remove(
        actor=actor, participation=a.participations.get(person=p)),
    "attendance_record": lambda actor, a, p: activities.attendance_record(actor=actor, session=_session(a),
                                                                          present_ids=[]),
    "attendance_walk_in": lambda actor, a, p: activities.attendance_walk_in(
        actor=actor, session=_session(a), person_data={"full_name": "زائر جديد", "gender": "male"}),
    "attendance_import": lambda actor, a, p: attendance_import(actor=actor, activity=a, rows=[]),
    "person_update": lambda actor, a, p: people.person_update(actor=actor, person=p, data={"gender": "female"}),
    "person_merge": lambda actor, a, p: people.person_merge(actor=actor, keep=p,
                                                            remove=PersonFactory(branch=a.branch)),
    "organization_staff_enrol": lambda actor, a, p: organization_staff_enrol(
        actor=actor, organization=a.target_organizations.get(), activity=ActivityFactory(branch=a.branch,
                                                                                         status="planned")),
    "organization_delete": lambda actor, a, p: organizations.organization_delete(
        actor=actor, organization=_served(a)),
    # Grants: a proposal's coaching, the awarded community project, its activities, the project completed.
    "application_submit": lambda actor, a, p: grant_steps.submitted_with_coach(actor, a),
    "application_decide": lambda actor, a, p: grant_steps.decided(actor, a),
    "award_record_activity": lambda actor, a, p: grant_steps.activity_recorded(actor, a),
    "award_close": lambda actor, a, p: grant_steps.closed(actor, a),
    # Elections: a campaign activity (awareness session, voter-card drive, leaflets, observer training).
    "promotion_record": lambda actor, a, p: _election_promotion(actor, a),
}


def _election_promotion(actor, activity):
    from madani.elections import services as elections
    from madani.elections.tests.builders import make_election

    election = make_election(actor, activity.branch)
    return elections.promotion_record(actor=actor, election=election, kind="awareness", data={
        "title_ar": "جلسة توعية انتخابية", "start_date": activity.start_date, "end_date": activity.start_date})


@pytest.fixture
def heard():
    changes = []
    ledger.listen(changes.append)
    yield changes
    ledger.unlisten(changes.append)


@pytest.mark.parametrize("path", sorted(WRITE_PATHS))
def test_every_ledger_write_announces_once_after_commit(path, administrator, activity_a, person_a, heard,
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        WRITE_PATHS[path](administrator, activity_a, person_a)
        assert heard == []  # not before the commit
    for callback in callbacks:
        callback()
    assert len(heard) == 1
    assert heard[0].services[0].endswith(path)


@pytest.mark.parametrize("path", sorted(WRITE_PATHS))
def test_a_rolled_back_ledger_write_announces_nothing(path, administrator, activity_a, person_a, heard,
                                                      django_capture_on_commit_callbacks):
    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Undo):
        with transaction.atomic():
            WRITE_PATHS[path](administrator, activity_a, person_a)
            raise Undo
    assert callbacks == [] and heard == []


def _figures():
    from madani.dashboard.models import Figure

    return sorted((f.program_id or 0, f.branch_id or 0, f.kind, f.year or 0, f.quarter or 0, f.month or 0,
                   f.people, f.women, f.men, f.participations, f.completed, f.person_days, f.sessions, f.activities,
                   f.organizations) for f in Figure.objects.all())


@pytest.mark.parametrize("path", sorted(WRITE_PATHS))
def test_every_ledger_write_brings_the_dashboard_up_to_date(path, settings, administrator, activity_a, person_a,
                                                            django_capture_on_commit_callbacks):
    """Either the write's figures are moved in place at once (and equal a full rebuild's), or a full rebuild
    is queued (issue 17)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the worker has not run yet
    cube.rebuild()
    before = cube.status()
    assert before.requested_at is None
    with django_capture_on_commit_callbacks(execute=True):
        WRITE_PATHS[path](administrator, activity_a, person_a)
    after = cube.status()
    if after.requested_at is None:
        assert after.updated_at > before.updated_at and after.built_at == before.built_at
        moved = _figures()
        cube.rebuild()
        assert moved == _figures()


def test_a_write_that_calls_other_writes_announces_once_with_all_of_them(administrator, activity_a, heard,
                                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        activities.attendance_walk_in(actor=administrator, session=_session(activity_a),
                                      person_data={"full_name": "زائرة", "gender": "female"})
    assert len(heard) == 1
    assert heard[0].services == ("activities.attendance_walk_in", "activities.participation_add")
    assert heard[0].activity_ids == {activity_a.pk}


def test_a_failed_write_announces_nothing(administrator, activity_a, heard, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    stranger = PersonFactory(branch=activity_a.branch)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        activities.attendance_record(actor=administrator, session=_session(activity_a), present_ids=[stranger.pk])
    assert callbacks == [] and heard == []


def test_a_failing_listener_does_not_keep_the_others_from_hearing(administrator, activity_a, heard,
                                                                  django_capture_on_commit_callbacks):
    def broken(change):
        raise RuntimeError("listener down")

    ledger.listen(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            activities.activity_update(actor=administrator, activity=activity_a, data={"title_en": "Again"})
    finally:
        ledger.unlisten(broken)
    assert len(heard) == 1


def test_the_admin_shows_the_ledger_but_does_not_change_it(administrator, activity_a):
    client = client_for(administrator)
    change = reverse("admin:activities_activity_change", args=[activity_a.pk])
    assert client.get(change).status_code == 200  # viewing is allowed
    assert client.post(reverse("admin:activities_activity_delete", args=[activity_a.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:activities_activity_add")).status_code == 403


def test_changing_a_person_in_the_admin_goes_through_the_service(rf, administrator, person_a, heard,
                                                                 django_capture_on_commit_callbacks):
    from django.contrib import admin

    from madani.people.models import Person

    request = rf.post("/")
    request.user = administrator
    person_a.gender = "female"
    with django_capture_on_commit_callbacks(execute=True):
        admin.site._registry[Person].save_model(request, person_a, form=None, change=True)
    assert [change.services for change in heard] == [("people.person_update",)]
    assert Person.objects.get(pk=person_a.pk).gender == "female"


def test_the_ledger_apps_never_import_the_dashboard():
    """The dashboard imports activities, never the reverse: it hears about writes through its listener."""
    root = pathlib.Path(__file__).resolve().parents[2]
    sources = [root / "core" / "ledger.py", *(source for app in ("activities", "people", "organizations")
                                              for source in (root / app).rglob("*.py") if "tests" not in source.parts)]
    for source in sources:
        assert not re.search(r"^\s*(from|import) madani\.dashboard", source.read_text(encoding="utf-8"), re.M), source

