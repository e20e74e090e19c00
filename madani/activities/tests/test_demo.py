"""The demo ledger (issue 3, 'Demo data'): seeds 000 and 001 as they happened, and a year of activity."""

import datetime

from django.db.models import Count
from django.urls import reverse
from rest_framework.test import APIClient

from madani.accounts.models import User
from madani.activities.models import Activity, Attendance, Kind, Participation, Status
from madani.branches.models import Branch
from madani.sampledata.demo import core as demo
from madani.sampledata.demo.core import DEMO_DOMAIN, SEED_CSOS


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def _seed_000():
    return Activity.objects.filter(start_date=datetime.date(2021, 7, 20), kind=Kind.WORKSHOP).order_by("pk")


def test_the_activities_demo_runs_first():
    assert demo.DEMO_STEPS[0] == "madani.sampledata.demo.activities.load"


def test_seed_000_two_workshops_with_their_own_trainers_and_23_trainees(loaded):
    hajin, kasra = _seed_000()
    assert (hajin.place.pcode, kasra.place.pcode) == ("SY090201", "SY090101")
    assert [p.name_latin for p in hajin.facilitators.all()] == ["Abdullah Obied"]
    assert [p.name_latin for p in kasra.facilitators.all()] == ["Ali Iskan"]
    assert (hajin.participations.count(), kasra.participations.count()) == (15, 8)
    assert Participation.objects.filter(activity__in=[hajin, kasra]).values("person").distinct().count() == 23
    for workshop in (hajin, kasra):
        assert workshop.branch.code == "deir-ez-zor" and workshop.status == Status.COMPLETED
        assert [s.date.day for s in workshop.sessions.all()] == [20, 21, 22]
        assert workshop.end_date == datetime.date(2021, 7, 22)
        assert workshop.program.code == "epd-nes" and workshop.phase.number == 3
        assert workshop.program.donor.acronym == "NPA"
        assert set(workshop.topics.values_list("code", flat=True)) >= {"advocacy"}
        genders = set(workshop.participations.values_list("person__gender", flat=True))
        assert genders == {"male", "female"}
        assert Attendance.objects.filter(session__activity=workshop).count() == 3 * workshop.participations.count()


def test_seed_001_coaching_four_days_for_each_of_the_15_csos(loaded):
    coaching = Activity.objects.filter(kind=Kind.COACHING, program__code="cso-capacity", phase__number=2)
    assert coaching.count() == 15
    served = {o.name_en for a in coaching for o in a.target_organizations.all()}
    assert served == {en for _b, _ar, en, _p in SEED_CSOS}
    for activity in coaching:
        assert activity.sessions.count() == 4
        assert datetime.date(2020, 9, 26) <= activity.start_date and activity.end_date <= datetime.date(2020, 12, 31)
        assert "الخطة الاستراتيجية" in activity.goals
    beneficiaries = Participation.objects.filter(activity__in=coaching).values("person").distinct().count()
    assert beneficiaries == 30
    workshops = Activity.objects.filter(program__code="cso-capacity", phase__number=1)
    assert sorted(w.branch.code for w in workshops) == ["deir-ez-zor", "raqqa"]


def test_every_branch_has_activities_in_each_of_the_last_twelve_months(loaded):
    today = datetime.date.today()
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for branch in Branch.objects.all():
        seen = set(Activity.objects.filter(branch=branch).values_list("start_date__year", "start_date__month"))
        assert set(months) <= seen, branch.code


def test_the_year_has_about_120_activities_of_every_kind_with_statuses_by_date(loaded):
    today = datetime.date.today()
    year = Activity.objects.filter(start_date__gte=today - datetime.timedelta(days=366))
    # About 120 from the activities demo; the networks' meetings and the election campaign are ledger activities too.
    assert 100 <= year.count() <= 160
    # Uses of the co-working space are recorded by the co-working demo, when bookings are used; community
    # projects by the grants demo, when an award is made (the Father Paolo grant of 2019).
    assert set(year.values_list("kind", flat=True)) >= set(Kind.values) - {Kind.SPACE_USE, Kind.COMMUNITY_PROJECT}
    assert not year.filter(end_date__lt=today).exclude(status=Status.COMPLETED).exists()
    assert not year.filter(start_date__gt=today).exclude(status=Status.PLANNED).exists()
    assert year.filter(status=Status.PLANNED).exists()
    assert not Attendance.objects.filter(session__date__gt=today).exists()


def test_most_sessions_are_well_attended(loaded):
    today = datetime.date.today()
    rates = []
    for activity in (Activity.objects.filter(end_date__lt=today, start_date__gte=today - datetime.timedelta(days=366))
                     .annotate(n=Count("participations"))):
        sessions = activity.sessions.annotate(present=Count("attendance"))
        rates += [s.present / activity.n for s in sessions if activity.n >= 10]
    average = sum(rates) / len(rates)
    assert 0.75 <= average <= 0.97


def test_the_demo_trainer_sees_only_their_own_activities(loaded):
    trainer = _user("trainer")
    assert trainer.person.full_name == "عبدالله عبيد"
    visible = Activity.objects.visible_to(trainer)
    assert _seed_000().first() in visible
    assert 5 <= visible.count() < Activity.objects.filter(branch__code="deir-ez-zor").count()
    for activity in visible:
        assert trainer.person in activity.facilitators.all() or activity.sessions.filter(facilitator=trainer.person)
    client = APIClient()
    client.force_authenticate(trainer)
    listed = client.get(reverse("api:activity-list"), {"page_size": 200}).json()
    assert listed["count"] == visible.count()


def test_the_demo_cso_member_sees_their_organizations_activities(loaded):
    member = _user("cso.member")
    visible = Activity.objects.visible_to(member)
    assert visible.filter(kind=Kind.COACHING, target_organizations=member.organization).exists()
    assert set(Participation.objects.visible_to(member).values_list("organization", flat=True)) == {
        member.organization_id}
