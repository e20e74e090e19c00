import datetime

import pytest

from madani.activities.models import Kind
from madani.people.models import Gender
from tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
    place,
)

PROGRAM_NAME_AR = "تعزيز الديمقراطية التشاركية"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def program_a(activity_a, branch_a):
    """Activity A's program, run by branch A, funded by a donor, with a second activity: a workshop in
    Deir ez-Zor with a man and a woman (a man born in 2000 and a woman of unknown age)."""
    program = activity_a.program
    program.name_ar, program.name_en, program.code = PROGRAM_NAME_AR, "Enhancing participatory democracy", "epd"
    program.donor = OrganizationFactory(kind="donor", branch=None, name_ar="المانح", name_en="The donor", name="المانح")
    program.save()
    program.branches.set([branch_a])
    workshop = ActivityFactory(program=program, branch=branch_a, kind=Kind.WORKSHOP, place=place("SY090100"),
                               title_ar="ورشة الحوار", title_en="Dialogue workshop", title="ورشة الحوار",
                               start_date=datetime.date(2026, 5, 10), end_date=datetime.date(2026, 5, 11))
    session = SessionFactory(activity=workshop)
    for gender, birth_year in [(Gender.MALE, 2000), (Gender.FEMALE, None)]:
        person = PersonFactory(branch=branch_a, gender=gender, birth_year=birth_year)
        ParticipationFactory(activity=workshop, person=person)
        AttendanceFactory(session=session, person=person)
    return program
