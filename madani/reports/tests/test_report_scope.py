"""A donor report covers what its requester may see, and its file goes only to those who could have built
the same report (issue 10): the requester, administrators, and staff whose branches cover the report's."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from conftest import client_for
from madani.accounts.models import Role
from madani.reports.models import JobStatus
from madani.reports.services import donor_report_request
from madani.activities.models import Attendance
from tests.factories import ActivityFactory, ParticipationFactory, PersonFactory, SessionFactory, UserFactory, place

YEAR = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def _every_figure_shown(settings):
    """These tests are about whose activities a report holds; small-cell suppression has its own tests."""
    settings.MADANI_MIN_CELL_SIZE = 1


@pytest.fixture
def shared_program(program_a, branch_a, branch_b):
    """Program A also runs in branch B, where it held a training of two women."""
    program_a.branches.set([branch_a, branch_b])
    training = ActivityFactory(program=program_a, branch=branch_b, place=place("SY020000"), title_ar="تدريب حلب",
                               title_en="Aleppo training", title="تدريب حلب",
                               start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2026, 6, 2))
    session = SessionFactory(activity=training, date=training.start_date)
    for _n in range(2):  # present: people reached are the people present
        woman = PersonFactory(branch=branch_b, gender="female")
        ParticipationFactory(activity=training, person=woman)
        Attendance.objects.create(session=session, person=woman)
    return program_a


def build(user, program, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = donor_report_request(actor=user, program=program, date_from=YEAR[0], date_to=YEAR[1], language="ar",
                                   format="xlsx")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


def sheets(job):
    workbook = load_workbook(io.BytesIO(job.file.read()))
    with override("ar"):
        activities = [row[0] for row in list(workbook[gettext("Activities")].iter_rows(values_only=True))[1:]]
        headline = dict(list(workbook[gettext("Headline figures")].iter_rows(values_only=True))[1:])
        return activities, headline[gettext("People reached")]


def test_a_branch_managers_report_holds_only_their_branchs_activities(staff_a, shared_program,
                                                                      django_capture_on_commit_callbacks):
    activities, people = sheets(build(staff_a, shared_program, django_capture_on_commit_callbacks))
    assert "تدريب حلب" not in activities and "تدريب المناصرة" in activities
    assert people == 3  # branch A's three people, not branch B's two women


def test_an_administrators_report_holds_every_branch(administrator, shared_program,
                                                     django_capture_on_commit_callbacks):
    activities, people = sheets(build(administrator, shared_program, django_capture_on_commit_callbacks))
    assert "تدريب حلب" in activities and people == 5


def test_another_branchs_manager_cannot_open_nor_download_the_report(staff_a, client_b, shared_program,
                                                                     django_capture_on_commit_callbacks):
    job = build(staff_a, shared_program, django_capture_on_commit_callbacks)
    assert client_b.get(reverse("reports:donor_job_download", args=[job.pk])).status_code == 404
    assert client_b.get(reverse("reports:donor_job", args=[job.pk])).status_code == 404


def test_those_who_could_build_the_same_report_download_it(staff_a, administrator, me_officer_a, branch_a, branch_b,
                                                           shared_program, django_capture_on_commit_callbacks):
    job = build(staff_a, shared_program, django_capture_on_commit_callbacks)
    both = UserFactory(role=Role.BRANCH_MANAGER, branches=[branch_a, branch_b])
    for user in (staff_a, administrator, me_officer_a, both):
        assert client_for(user).get(reverse("reports:donor_job_download", args=[job.pk])).status_code == 200, user


def test_a_report_over_every_branch_is_for_administrators_and_its_requester(administrator, client_a, shared_program,
                                                                            django_capture_on_commit_callbacks):
    job = build(administrator, shared_program, django_capture_on_commit_callbacks)
    assert client_a.get(reverse("reports:donor_job_download", args=[job.pk])).status_code == 404
    assert client_for(administrator).get(reverse("reports:donor_job_download", args=[job.pk])).status_code == 200
