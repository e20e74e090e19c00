import io

import pytest
from django.core.management import call_command
from django.db.models import F

from madani.activities.models import Activity, Attendance, Participation, Session
from madani.dashboard.models import Figure
from madani.people.models import Person

pytestmark = pytest.mark.django_db


def test_generate_makes_exactly_the_data_set_asked_for_and_keeps_it_consistent():
    out = io.StringIO()
    call_command("generate", people=300, activities=40, attendance=2000, seed=3, batch=500, stdout=out)
    assert (Person.objects.count(), Activity.objects.count(), Attendance.objects.count()) == (300, 40, 2000)
    assert "peak memory" in out.getvalue()
    # attendance only of enrolled people, at their activity's own sessions, within the activity's dates
    assert not Attendance.objects.exclude(person__participations__activity=F("session__activity")).exists()
    assert not Session.objects.exclude(date__range=(F("activity__start_date"), F("activity__end_date"))).exists()
    assert not Participation.objects.exclude(person__branch=F("activity__branch")).exists()
    assert set(Person.objects.values_list("gender", flat=True)) == {"male", "female"}
    assert Activity.objects.values("kind").distinct().count() >= 5
    assert not Attendance.objects.filter(session__activity__status="planned").exists()
    center = Figure.objects.get(program=None, branch=None, kind="", year=None)
    assert (center.activities, center.person_days) == (40, 2000)
    assert center.people == Attendance.objects.values("person").distinct().count()


def test_generating_twice_adds_to_what_is_there():
    call_command("generate", people=50, activities=5, attendance=60, stdout=io.StringIO())
    call_command("generate", people=50, activities=5, attendance=60, seed=2, stdout=io.StringIO())
    assert (Person.objects.count(), Activity.objects.count(), Attendance.objects.count()) == (100, 10, 120)
    new = Person.objects.create(full_name="شخص جديد", gender="male", branch_id=Person.objects.first().branch_id)
    assert new.pk > 100  # the id sequence follows the generated rows
