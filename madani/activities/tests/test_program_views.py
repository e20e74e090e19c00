"""Programs and their phases: administrators record them, branch staff read those of their branches."""

from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Program
from tests.factories import OrganizationFactory


def _form(**extra):
    data = {
        "code": "epd-nes", "name_ar": "تعزيز الديمقراطية التشاركية", "name_en": "Enhancing Participatory Democracy in NES",
        "start_date": "2025-01-01", "end_date": "2026-12-31",
        "phases-TOTAL_FORMS": "1", "phases-INITIAL_FORMS": "0",
        "phases-0-number": "3", "phases-0-name_en": "Phase 3", "phases-0-start_date": "2026-01-01",
        "phases-0-end_date": "2026-12-31",
    }
    return {**data, **extra}


def test_an_administrator_records_a_program_with_its_donor_and_phase(administrator):
    npa = OrganizationFactory(kind="donor", branch=None, name_en="Norwegian People's Aid")
    response = client_for(administrator).post(reverse("activities:program_create"), _form(donor=npa.pk))
    program = Program.objects.get(code="epd-nes")
    assert response.status_code == 302
    assert program.donor == npa and program.phases.get().number == 3


def test_a_bad_phase_saves_nothing(administrator):
    response = client_for(administrator).post(reverse("activities:program_create"), _form(**{
        "phases-0-end_date": "2025-06-01"}))
    assert response.status_code == 200 and not Program.objects.exists()
    assert gettext("The end date cannot be before the start date.") in response.content.decode()


def test_branch_managers_read_programs_but_cannot_create_them(client_a, activity_a):
    assert client_a.get(reverse("activities:program_create")).status_code == 403
    assert str(activity_a.program) in client_a.get(reverse("activities:program_list")).content.decode()
    body = client_a.get(reverse("activities:program_detail", args=[activity_a.program.pk])).content.decode()
    assert str(activity_a) in body


def test_cso_members_see_no_programs(cso_member, activity_a):
    assert client_for(cso_member).get(reverse("activities:program_list")).status_code == 403
