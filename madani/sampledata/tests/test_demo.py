"""The demo is written through the services users exercise (issue 11): loading it is one ledger write,
announced once after it commits, and loading it again adds nothing."""

from django.core.management import call_command

from madani.activities.models import Activity, Participation
from madani.core import ledger
from madani.people.models import Person
from madani.sampledata.demo import core as demo

SMALL = {"raqqa": 12, "deir-ez-zor": 14, "amouda": 6, "aleppo": 8}


def test_the_demo_is_one_ledger_write_of_the_services_users_call_announced_after_it_commits(
        db, django_capture_on_commit_callbacks):
    heard = []
    ledger.listen(heard.append)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert demo.load_demo(people_per_branch=SMALL)
            assert heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        ledger.unlisten(heard.append)
    assert len(heard) == 1
    services = set(heard[0].services)
    assert heard[0].services[0] == "sampledata.demo.core.load_demo"
    assert {"activities.activity_create", "activities.session_create", "activities.participation_add",
            "activities.attendance_record", "consultations.request_assign", "coworking.booking_mark_used"} <= services
    assert heard[0].activity_ids == set(Activity.objects.values_list("pk", flat=True))


def test_loading_the_demo_again_adds_nothing_and_says_so(loaded, capsys):
    counts = Person.objects.count(), Activity.objects.count(), Participation.objects.count()
    call_command("load_demo")
    assert "already present" in capsys.readouterr().out
    assert (Person.objects.count(), Activity.objects.count(), Participation.objects.count()) == counts
