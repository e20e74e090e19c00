"""All the certificates of an activity in one PDF, built in the background (issue 10: the request took
10–30 s and was killed by the worker timeout): the request answers at once with a status page, the job
builds the PDF, and only the person who asked — while they still see the activity — may download it."""

import datetime
import time

import pypdfium2
import pytest
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from conftest import client_for
from madani.accounts.models import Role
from madani.certificates.models import CertificateBundle
from madani.certificates.services import certificates_issue_for_activity
from madani.core.jobs import JobStatus
from tests.factories import CertificateBundleFactory, ParticipationFactory, UserFactory


@pytest.fixture
def three_certificates(activity_a, staff_a):
    for _ in range(2):
        ParticipationFactory(activity=activity_a, completed=True)
    return certificates_issue_for_activity(actor=staff_a, activity=activity_a)


def bundle_urls(bundle):
    return [reverse(name, args=[bundle.pk]) for name in
            ("certificates:bundle", "certificates:bundle_progress", "certificates:bundle_download")]


def test_asking_for_the_pdf_answers_at_once_with_a_status_page(client_a, activity_a, three_certificates, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # a worker would build it
    url = reverse("certificates:bundle_request", args=[activity_a.pk])
    assert gettext("Prepare the PDF") in client_a.get(url).content.decode()
    started = time.monotonic()
    response = client_a.post(url)
    assert time.monotonic() - started < 2
    bundle = CertificateBundle.objects.get()
    assert response.status_code == 302 and resolve(response.url).kwargs == {"pk": bundle.pk}
    assert (bundle.status, bundle.file.name) == (JobStatus.QUEUED, "")  # nothing was built in the request
    page = client_a.get(response.url).content.decode()
    assert reverse("certificates:bundle_progress", args=[bundle.pk]) in page and "<progress" in page
    assert client_a.get(reverse("certificates:bundle_download", args=[bundle.pk])).status_code == 404


def test_asking_twice_while_it_is_being_built_queues_one_bundle(client_a, activity_a, three_certificates, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # not built yet
    url = reverse("certificates:bundle_request", args=[activity_a.pk])
    first, second = client_a.post(url), client_a.post(url)
    assert CertificateBundle.objects.count() == 1
    assert first.url == second.url


def test_the_job_builds_one_page_per_certificate(client_a, activity_a, three_certificates,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("certificates:bundle_request", args=[activity_a.pk]))
    bundle = CertificateBundle.objects.get()
    assert (bundle.status, bundle.progress, bundle.count) == (JobStatus.DONE, 100, 3)
    page = client_a.get(response.url).content.decode()
    assert reverse("certificates:bundle_download", args=[bundle.pk]) in page and "every 2s" not in page
    download = client_a.get(reverse("certificates:bundle_download", args=[bundle.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    pdf = pypdfium2.PdfDocument(b"".join(download.streaming_content))
    assert len(pdf) == 3
    text = pdf[0].get_textpage().get_text_range().replace("\r\n", "").replace("\n", "")
    assert "http://testserver/certificates/verify/" in text  # the QR's address, absolute, as before


def test_only_the_person_who_asked_may_follow_and_download_it(client_a, client_b, branch_a, activity_a,
                                                                three_certificates,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(reverse("certificates:bundle_request", args=[activity_a.pk]))
    bundle = CertificateBundle.objects.get()
    colleague = client_for(UserFactory(role=Role.BRANCH_MANAGER, branches=[branch_a]))
    for url in bundle_urls(bundle):
        assert client_a.get(url).status_code == 200, url
        assert client_b.get(url).status_code == 404, url  # another branch
        assert colleague.get(url).status_code == 404, url  # it holds what its requester could see
    assert client_b.post(reverse("certificates:bundle_request", args=[activity_a.pk])).status_code == 404
    assert CertificateBundle.objects.count() == 1


def test_no_bundle_is_queued_for_an_activity_without_certificates(client_a, activity_a):
    response = client_a.post(reverse("certificates:bundle_request", args=[activity_a.pk]), follow=True)
    assert gettext("No certificate has been issued for this activity yet.") in response.content.decode()
    assert not CertificateBundle.objects.exists()


def lost_bundle(activity, staff, *, attempts):
    now = timezone.now()
    return CertificateBundleFactory(activity=activity, requested_by=staff, language="ar",
                                    site_root="http://testserver", status=JobStatus.RUNNING, progress=30,
                                    attempts=attempts, started_at=now - datetime.timedelta(minutes=2),
                                    lease_expires_at=now - datetime.timedelta(minutes=1))


def test_a_bundle_whose_worker_died_is_built_again_then_failed(client_a, activity_a, staff_a, three_certificates,
                                                               django_capture_on_commit_callbacks):
    first = lost_bundle(activity_a, staff_a, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_a.get(reverse("certificates:bundle_progress", args=[first.pk]))
    first.refresh_from_db()
    assert (first.status, first.attempts, first.count) == (JobStatus.DONE, 2, 3)
    second = lost_bundle(activity_a, staff_a, attempts=2)
    page = client_a.get(reverse("certificates:bundle", args=[second.pk])).content.decode()
    second.refresh_from_db()
    with override("ar"):
        message = gettext("The worker stopped while building the certificates. Please request them again.")
    assert (second.status, second.error) == (JobStatus.FAILED, message)
    assert "every 2s" not in page and reverse("certificates:bundle_request", args=[activity_a.pk]) in page
