import datetime

import pytest
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from conftest import built_once, client_for
from madani.activities import services
from madani.activities.models import Activity, Attendance, Kind, Participation, Program, Session
from madani.branches.models import Branch
from madani.dashboard import cube
from madani.dashboard.figures import Selection, staff_figures
from madani.dashboard.models import Figure, FigureStatus
from madani.indicators.engine import IndicatorQuery, Metric, compute
from tests.factories import (
    ActivityFactory,
    PersonFactory,
    ProgramFactory,
    SessionFactory,
)

from .helpers import record, two_branch_ledger

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def _ledger(django_db_setup, django_db_blocker):
    with built_once(django_db_blocker, two_branch_ledger) as pks:
        yield pks


@pytest.fixture
def ledger(db):
    """The two-branch ledger for the tests outside the class (built for each of them)."""
    return two_branch_ledger()


def direct(activities) -> dict:
    """The headline measures counted straight from the ledger."""
    attendance = Attendance.objects.filter(session__activity__in=activities)
    participations = Participation.objects.filter(activity__in=activities)
    return {
        **attendance.aggregate(people=Count("person", distinct=True),
                               women=Count("person", distinct=True, filter=Q(person__gender="female")),
                               men=Count("person", distinct=True, filter=Q(person__gender="male")),
                               person_days=Count("pk")),
        "participations": participations.count(), "completed": participations.filter(completed=True).count(),
        "sessions": Session.objects.filter(activity__in=activities).count(), "activities": activities.count(),
        "organizations": activities.exclude(target_organizations=None).values("target_organizations")
        .distinct().count(),
    }


def measures(figure) -> dict:
    return {name: getattr(figure, name) for name in ("people", "women", "men", "person_days", "participations",
                                                     "completed", "sessions", "activities", "organizations")}


class TestATwoBranchTwoYearLedger:
    """The figures of one ledger, built once for these tests (each runs in its own savepoint)."""

    @pytest.fixture
    def branch_a(self, _ledger, db):
        return Branch.objects.get(pk=_ledger["branch_a"])

    @pytest.fixture
    def branch_b(self, _ledger, db):
        return Branch.objects.get(pk=_ledger["branch_b"])

    @pytest.fixture
    def ledger(self, _ledger, db):
        return {name: Program.objects.get(pk=_ledger[name]) for name in ("program", "other")}

    def test_every_precomputed_figure_equals_the_count_made_from_the_ledger(self, ledger, branch_a, branch_b):
        checked = 0
        for figure in Figure.objects.filter(month__isnull=True):
            activities = Activity.objects.all()
            if figure.program_id:
                activities = activities.filter(program_id=figure.program_id)
            if figure.branch_id:
                activities = activities.filter(branch_id=figure.branch_id)
            if figure.kind:
                activities = activities.filter(kind=figure.kind)
            if figure.year:
                activities = activities.filter(start_date__year=figure.year)
            if figure.quarter:
                activities = activities.filter(start_date__quarter=figure.quarter)
            assert measures(figure) == direct(activities), (figure.program_id, figure.branch_id, figure.kind, figure.year)
            checked += 1
        assert checked > 50
        center = Figure.objects.get(program=None, branch=None, kind="", year=None)
        assert (center.people, center.women, center.men) == (17, 10, 7)  # the man of both branches counted once


    def test_months_add_up_to_their_year_for_additive_figures(self, ledger):
        months = Figure.objects.filter(program=None, branch=None, kind="", year=2025, month__isnull=False)
        year = Figure.objects.get(program=None, branch=None, kind="", year=2025, quarter=None, month=None)
        assert sorted(m.month for m in months) == [2, 8]
        assert sum(m.person_days for m in months) == year.person_days == 4 * 3 + 3 * 3 + 3


    def test_the_dashboard_shows_the_center_figures_to_an_administrator(self, ledger, administrator):
        response = client_for(administrator).get(reverse("dashboard:index"))
        assert response.status_code == 200
        headline = response.context["figures"]["headline"]
        assert measures(headline) == direct(Activity.objects.all())
        text = response.content.decode()
        assert gettext("People reached") in text
        assert {r.kind for r in response.context["figures"]["by_kind"]} == {"training", "workshop", "technical_support",
                                                                             "networking"}
        assert "vendor/chartjs/chart.umd.min.js" in text


    def test_the_headline_links_to_the_matching_activities_list(self, ledger, administrator, branch_a):
        response = client_for(administrator).get(reverse("dashboard:index"),
                                                 {"branch": branch_a.pk, "period": "2025"})
        assert response.context["activities_url"] == f"{reverse('activities:list')}?branch={branch_a.pk}&year=2025"
        assert response.context["figures"]["headline"].activities == 2
        listed = client_for(administrator).get(response.context["activities_url"])
        assert listed.status_code == 200


    def test_filters_narrow_the_figures_to_a_program_and_a_quarter(self, ledger, administrator):
        response = client_for(administrator).get(reverse("dashboard:index"),
                                                 {"program": ledger["program"].pk, "period": "2026-Q2"})
        headline = response.context["figures"]["headline"]
        assert measures(headline) == direct(Activity.objects.filter(program=ledger["program"], start_date__year=2026))
        assert [row.month for row in response.context["figures"]["timeline"]] == [5]


    def test_branch_staff_never_see_another_branch_s_figures(self, ledger, client_b, branch_a, branch_b):
        for query in ({}, {"branch": branch_a.pk}, {"branch": ""}):
            response = client_b.get(reverse("dashboard:index"), query)
            figures = response.context["figures"]
            assert measures(figures["headline"]) == direct(Activity.objects.filter(branch=branch_b))
            assert [row.branch_id for row in figures["by_branch"]] == [branch_b.pk]
            assert all(row.branch_id == branch_b.pk for row in figures["by_kind"])
            assert all(r.branch_id == branch_b.pk for row in figures["by_kind"] for r in row.branch_rows)
            assert branch_a.name_ar not in response.content.decode()


    def test_staff_of_several_branches_choose_one_of_them(self, ledger, branch_a, branch_b):
        from madani.accounts.models import Role
        from tests.factories import UserFactory

        officer = UserFactory(role=Role.ME_OFFICER, branches=[branch_a, branch_b])
        response = client_for(officer).get(reverse("dashboard:index"), {"branch": branch_b.pk})
        assert response.context["selection"].branch == branch_b
        assert [c[0] for c in response.context["form"].fields["branch"].choices] != [""]
        assert "" not in [str(c[0]) for c in response.context["form"].fields["branch"].choices]


def test_recording_an_activity_refreshes_the_dashboard(administrator, branch_a, django_capture_on_commit_callbacks):
    cube.rebuild()
    client = client_for(administrator)
    assert client.get(reverse("dashboard:index")).context["figures"]["headline"].activities == 0
    person = PersonFactory(branch=branch_a, gender="female")
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_create(actor=administrator, session_per_day=True, data={
            "kind": Kind.WORKSHOP, "title_ar": "ورشة", "program": ProgramFactory(), "branch": branch_a,
            "start_date": datetime.date(2026, 4, 1), "end_date": datetime.date(2026, 4, 2)})
    with django_capture_on_commit_callbacks(execute=True):
        services.participation_add(actor=administrator, activity=activity, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_record(actor=administrator, session=activity.sessions.first(), present_ids=[person.pk])
    response = client.get(reverse("dashboard:index"))
    headline = response.context["figures"]["headline"]
    assert (headline.activities, headline.sessions, headline.people, headline.women, headline.person_days) == \
        (1, 2, 1, 1, 1)
    assert not response.context["status"].requested_at


def test_a_burst_of_writes_that_name_no_activity_queues_one_rebuild_and_the_page_says_it_is_pending(
        settings, administrator, activity_a, person_a, django_capture_on_commit_callbacks):
    """A person's gender counts in every activity they attended: such writes rebuild the figures in full."""
    from django_tasks_db.models import DBTaskResult

    from madani.people.services import person_update

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cube.rebuild()
    for gender in ("female", "male", "female"):
        with django_capture_on_commit_callbacks(execute=True):
            person_update(actor=administrator, person=person_a, data={"gender": gender})
    assert DBTaskResult.objects.count() == 1
    response = client_for(administrator).get(reverse("dashboard:index"))
    assert gettext("An update is pending: recent changes will appear shortly.") in response.content.decode()
    cube.rebuild()  # the worker runs it
    response = client_for(administrator).get(reverse("dashboard:index"))
    assert gettext("An update is pending: recent changes will appear shortly.") not in response.content.decode()
    assert (response.context["figures"]["headline"].women, response.context["figures"]["headline"].men) == (1, 0)


def test_a_failed_write_asks_for_no_refresh(administrator, activity_a, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    cube.rebuild()
    stranger = PersonFactory(branch=activity_a.branch)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError):
        services.attendance_record(actor=administrator, session=activity_a.sessions.first(), present_ids=[stranger.pk])
    assert callbacks == []


def test_trainers_see_their_own_activities_counted_live(activity_a, trainer_a, branch_a):
    other = ActivityFactory(branch=branch_a)
    record(other, men=5)
    response = client_for(trainer_a).get(reverse("dashboard:index"))
    live = response.context["live"]
    assert (live.activities, live.people, live.person_days, live.sessions) == (1, 1, 1, 3)


def test_cso_members_see_their_organization_s_participation(activity_a, cso_member):
    record(activity_a, women=4)  # people of no organization, in the same activity
    live = client_for(cso_member).get(reverse("dashboard:index")).context["live"]
    assert (live.people, live.participations, live.person_days) == (1, 1, 1)


def test_the_figures_of_an_empty_ledger_are_zero(administrator):
    response = client_for(administrator).get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert gettext("The figures have not been computed yet.") in response.content.decode()
    assert staff_figures(Selection(), [])["headline"].people == 0


def test_room_uses_are_counted_apart_and_planned_work_counts_once_it_happens(ledger, administrator, branch_a):
    """Issue 12: a use of the co-working space (no participants) is not an activity of the headline but a line
    of its own; an activity of next year and a session of next week are not yet counted (engine and cube)."""
    today = datetime.date.today()
    before = Figure.objects.get(program=None, branch=None, kind="", year=None, quarter=None, month=None)
    ActivityFactory(branch=branch_a, kind=Kind.SPACE_USE, start_date=today, end_date=today)
    planned = ActivityFactory(branch=branch_a, start_date=datetime.date(today.year + 1, 3, 1),
                              end_date=datetime.date(today.year + 1, 3, 2), status="planned")
    SessionFactory(activity=planned, date=planned.start_date)
    ongoing = Activity.objects.get(kind=Kind.TECHNICAL_SUPPORT)
    SessionFactory(activity=ongoing, date=today + datetime.timedelta(days=7))
    cube.rebuild()
    after = Figure.objects.get(program=None, branch=None, kind="", year=None, quarter=None, month=None)
    assert (after.activities, after.sessions) == (before.activities, before.sessions)
    assert compute(IndicatorQuery(Metric.ACTIVITIES)).total == after.activities
    assert compute(IndicatorQuery(Metric.SESSIONS)).total == after.sessions
    assert compute(IndicatorQuery(Metric.ACTIVITIES, kinds=(Kind.SPACE_USE,))).total == 1
    response = client_for(administrator).get(reverse("dashboard:index"))
    figures = response.context["figures"]
    assert figures["room_uses"] == 1 and Kind.SPACE_USE not in {row.kind for row in figures["by_kind"]}
    assert 'id="room-uses"' in response.content.decode()
    assert not Figure.objects.filter(year=today.year + 1, kind="", activities__gt=0).exists()


def test_figures_built_on_an_earlier_day_are_rebuilt_when_read(ledger, administrator):
    """"Today" is in the definitions: yesterday's figures are rebuilt (tests run jobs at once)."""
    FigureStatus.objects.filter(pk=1).update(built_at=timezone.now() - datetime.timedelta(days=1), requested_at=None)
    client_for(administrator).get(reverse("dashboard:impact"))
    assert timezone.localdate(FigureStatus.objects.get(pk=1).built_at) == timezone.localdate()
