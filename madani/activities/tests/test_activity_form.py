"""The activity form (issue 12): facilitators through a search picker, phases of the chosen program
only, and a phase or program that does not fit the activity refused (Activity.clean and the form)."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities import services
from madani.activities.models import Activity
from tests.factories import PersonFactory, PhaseFactory, ProgramFactory, place


def _form(branch, program, **extra):
    return {"kind": "workshop", "title_ar": "ورشة الحوكمة", "program": program.pk, "branch": branch.pk,
            "place": place("SY110100").pk, "start_date": "2026-04-05", "end_date": "2026-04-07",
            "status": "planned", **extra}


def test_facilitators_are_picked_by_searching_the_registry(client_a, branch_a, branch_b):
    mine = PersonFactory(branch=branch_a, full_name="سلمى الأحمد")
    PersonFactory(branch=branch_b, full_name="سلمى الخلف")
    options = client_a.get(reverse("activities:people_search"), {"field": "facilitators", "facilitators-q": "سلمى"})
    assert list(options.context["people"]) == [mine]
    page = client_a.get(reverse("activities:create")).content.decode()
    assert "data-place-picker" in page and 'name="facilitators-q"' in page


def test_the_picked_facilitators_are_saved(client_a, branch_a):
    trainer = PersonFactory(branch=branch_a)
    client_a.post(reverse("activities:create"), _form(branch_a, ProgramFactory(), facilitators=[trainer.pk]))
    assert list(Activity.objects.get(title_ar="ورشة الحوكمة").facilitators.all()) == [trainer]


def test_a_facilitator_of_another_branch_is_refused(client_a, branch_a, branch_b):
    stranger = PersonFactory(branch=branch_b)
    response = client_a.post(reverse("activities:create"), _form(branch_a, ProgramFactory(), facilitators=[stranger.pk]))
    assert response.status_code == 200 and "facilitators" in response.context["form"].errors


def test_a_name_with_markup_is_text_in_the_picker(client_a, branch_a):
    PersonFactory(branch=branch_a, full_name="<img src=x onerror=alert(1)>")
    html = client_a.get(reverse("activities:people_search"), {"q": "img"}).content.decode()
    assert "<img src=x" not in html


def test_choosing_a_program_offers_its_phases_only(client_a):
    program, other = ProgramFactory(), ProgramFactory()
    phase = PhaseFactory(program=program, number=2)
    PhaseFactory(program=other, number=1)
    options = client_a.get(reverse("activities:phase_options"), {"program": program.pk})
    assert list(options.context["phases"]) == [phase]
    assert client_a.get(reverse("activities:phase_options"), {"program": "x"}).context["phases"].count() == 0


def test_a_phase_of_another_program_is_refused(client_a, branch_a):
    program = ProgramFactory()
    foreign = PhaseFactory(program=ProgramFactory())
    response = client_a.post(reverse("activities:create"), _form(branch_a, program, phase=foreign.pk))
    assert gettext("This phase belongs to another program.") in response.context["form"].errors["phase"]


def test_a_phase_whose_dates_do_not_cover_the_activity_is_refused(staff_a, branch_a):
    program = ProgramFactory()
    phase = PhaseFactory(program=program, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 3, 31))
    data = {"kind": "workshop", "title_ar": "ورشة", "program": program, "phase": phase, "branch": branch_a,
            "start_date": datetime.date(2026, 3, 30), "end_date": datetime.date(2026, 4, 2)}
    try:
        services.activity_create(actor=staff_a, data=data)
    except ValidationError as error:
        assert "phase" in error.message_dict
    else:
        raise AssertionError("the phase was accepted")
    data["end_date"] = datetime.date(2026, 3, 31)
    assert services.activity_create(actor=staff_a, data=data).phase == phase


def test_a_program_not_run_in_the_branch_is_refused(administrator, branch_a, branch_b):
    program = ProgramFactory()
    program.branches.set([branch_b])
    client = client_for(administrator)  # who sees every program
    response = client.post(reverse("activities:create"), _form(branch_a, program))
    assert gettext("This program does not run in the activity's branch.") in response.context["form"].errors["program"]
    assert not Activity.objects.filter(title_ar="ورشة الحوكمة").exists()
    program.branches.set([branch_a, branch_b])
    assert client.post(reverse("activities:create"), _form(branch_a, program)).status_code == 302
