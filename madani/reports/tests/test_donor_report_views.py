"""Who may ask for a donor report and see it, the form's periods, and the status page's polling."""

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.reports.models import JobStatus, ReportJob
from tests.factories import ReportJobFactory


@pytest.fixture
def job_a(program_a, staff_a, branch_a):
    """A report of branch A's program over branch A, asked for by staff A and still waiting for the worker."""
    job = ReportJobFactory(program=program_a, date_from=datetime.date(2026, 1, 1),
                           date_to=datetime.date(2026, 12, 31), requested_by=staff_a,
                           covers_all_branches=False)
    job.branches.set([branch_a])
    return job


def job_urls(job):
    return [reverse(name, args=[job.pk]) for name in
            ("reports:donor_job", "reports:donor_job_progress", "reports:donor_job_download")]


def test_staff_of_another_branch_get_404_on_the_job_and_its_download(client_b, job_a):
    job_a.status = JobStatus.DONE
    job_a.save()
    for url in job_urls(job_a):
        assert client_b.get(url).status_code == 404, url


def test_staff_of_another_branch_cannot_ask_for_a_report_of_a_program_they_do_not_see(client_b, program_a):
    data = {"program": program_a.pk, "period": "year", "year": 2026, "language": "ar", "format": "xlsx"}
    response = client_b.post(reverse("reports:donor_report"), data)
    assert response.status_code == 200 and not ReportJob.objects.exists()
    assert "program" in response.context["form"].errors


@pytest.mark.parametrize("persona", ["cso_member", "trainer_a"])
def test_cso_members_and_trainers_may_not_ask_for_reports_nor_see_them(persona, request, job_a):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("reports:donor_report")).status_code == 403
    for url in job_urls(job_a):
        assert client.get(url).status_code == 404, url


def test_an_me_officer_of_the_programs_branch_sees_a_colleagues_report(me_officer_a, job_a):
    assert client_for(me_officer_a).get(reverse("reports:donor_job", args=[job_a.pk])).status_code == 200


def test_administrators_see_every_report(administrator, job_a):
    assert client_for(administrator).get(reverse("reports:donor_job", args=[job_a.pk])).status_code == 200


def test_the_program_page_links_to_its_donor_report(client_a, program_a):
    page = client_a.get(reverse("activities:program_detail", args=[program_a.pk])).content.decode()
    assert f'{reverse("reports:donor_report")}?program={program_a.pk}' in page
    form = client_a.get(reverse("reports:donor_report"), {"program": program_a.pk}).context["form"]
    assert str(form["program"].value()) == str(program_a.pk)


def test_the_status_page_polls_while_the_report_is_queued_and_stops_when_it_is_ready(client_a, job_a):
    page = client_a.get(reverse("reports:donor_job", args=[job_a.pk])).content.decode()
    progress_url = reverse("reports:donor_job_progress", args=[job_a.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 2s"' in page
    assert '<progress class="w-100" value="0" max="100"' in page and " style=" not in page
    assert client_a.get(reverse("reports:donor_job_download", args=[job_a.pk])).status_code == 404
    ReportJob.objects.filter(pk=job_a.pk).update(status=JobStatus.RUNNING, progress=25, step="breakdowns")
    partial = client_a.get(progress_url).content.decode()
    assert 'value="25"' in partial and gettext("Breaking the figures down") in partial
    ReportJob.objects.filter(pk=job_a.pk).update(status=JobStatus.FAILED, error="لم يكتمل التقرير")
    partial = client_a.get(progress_url).content.decode()
    assert "hx-trigger" not in partial and "لم يكتمل التقرير" in partial


def test_the_form_turns_a_quarter_or_a_custom_range_into_dates(client_a, program_a):
    url = reverse("reports:donor_report")
    base = {"program": program_a.pk, "language": "en", "format": "pdf", "year": 2026}
    client_a.post(url, base | {"period": "quarter", "quarter": 4})
    client_a.post(url, base | {"period": "custom", "date_from": "2026-02-15", "date_to": "2026-03-15"})
    assert list(ReportJob.objects.order_by("pk").values_list("date_from", "date_to")) == [
        (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 2, 15), datetime.date(2026, 3, 15))]


def test_asking_twice_for_the_same_report_while_it_waits_queues_one(client_a, program_a, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # not built yet
    url = reverse("reports:donor_report")
    form = {"program": program_a.pk, "language": "en", "format": "pdf", "year": 2026, "period": "quarter",
            "quarter": 4}
    first, second = client_a.post(url, form), client_a.post(url, form)
    assert ReportJob.objects.count() == 1 and first.url == second.url
    client_a.post(url, form | {"format": "xlsx"})  # another report is another job
    assert ReportJob.objects.count() == 2


def test_the_form_refuses_a_range_that_ends_before_it_starts(client_a, program_a):
    response = client_a.post(reverse("reports:donor_report"), {
        "program": program_a.pk, "language": "ar", "format": "xlsx", "period": "custom",
        "date_from": "2026-03-15", "date_to": "2026-02-15"})
    assert response.context["form"].errors["date_to"] == [gettext("The end date cannot be before the start date.")]
    assert not ReportJob.objects.exists()


def test_the_form_lists_the_users_own_recent_reports(client_a, client_b, job_a):
    link = reverse("reports:donor_job", args=[job_a.pk])
    assert link in client_a.get(reverse("reports:donor_report")).content.decode()
    assert link not in client_b.get(reverse("reports:donor_report")).content.decode()
