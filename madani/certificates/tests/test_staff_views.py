"""Staff download, issue and revoke certificates from the activity page; CSO members download
their organization's people's certificates; other branches see nothing (404)."""

import pypdfium2
from django.test import TestCase
from django.urls import resolve, reverse
from django.utils.translation import gettext

from madani.accounts.models import Role
from madani.activities.models import Kind
from madani.certificates.models import Certificate
from tests.factories import ActivityFactory, OrganizationFactory, ParticipationFactory, UserFactory
from conftest import client_for


def download_url(participation):
    return reverse("certificates:download", args=[participation.activity_id, participation.pk])


capture_on_commit_callbacks = TestCase.captureOnCommitCallbacks


def bundle_pdf(client, activity) -> bytes:
    """Ask for the activity's combined PDF (built at once: the immediate backend) and download it."""
    with capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:bundle_request", args=[activity.pk]))
    download = client.get(reverse("certificates:bundle_download", kwargs=resolve(response.url).kwargs))
    assert download["Content-Disposition"].startswith("attachment;")
    return b"".join(download.streaming_content)


def test_staff_download_a_participants_certificate_as_an_attachment(client_a, certificate_a, participation_a):
    response = client_a.get(download_url(participation_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")


def test_the_printed_qr_points_to_the_absolute_public_address(client_a, certificate_a, participation_a):
    certificate_a.code = "Ab-cD_eF-gH_iJ-k"  # codes may hold "-" and "_": the address must print unbroken
    certificate_a.save()
    content = client_a.get(download_url(participation_a)).content
    text = pypdfium2.PdfDocument(content)[0].get_textpage().get_text_range().replace("\r\n", "").replace("\n", "")
    assert f"http://testserver/certificates/verify/{certificate_a.code}/" in text


def test_other_branch_staff_get_404_everywhere(client_b, certificate_a, participation_a, activity_a):
    urls = [
        download_url(participation_a),
        reverse("certificates:revoke", args=[activity_a.pk, participation_a.pk]),
        reverse("certificates:issue", args=[activity_a.pk]),
        reverse("certificates:bundle_request", args=[activity_a.pk]),
    ]
    for url in urls:
        assert client_b.get(url).status_code == 404, url
        assert client_b.post(url, {"reason": "x"}).status_code == 404, url
    certificate_a.refresh_from_db()
    assert not certificate_a.is_revoked


def test_cso_members_download_their_own_peoples_certificates_only(cso_member, certificate_a, participation_a,
                                                                   activity_a, staff_a):
    assert client_for(cso_member).get(download_url(participation_a)).status_code == 200
    outsider = ParticipationFactory(activity=activity_a, completed=True, organization=OrganizationFactory())
    from madani.certificates.services import certificate_issue

    certificate_issue(actor=staff_a, participation=outsider)
    assert client_for(cso_member).get(download_url(outsider)).status_code == 404
    # The activity's combined PDF holds only their organization's people.
    assert len(pypdfium2.PdfDocument(bundle_pdf(client_for(cso_member), activity_a))) == 1
    # …and they cannot issue or revoke.
    assert client_for(cso_member).post(reverse("certificates:issue", args=[activity_a.pk])).status_code == 403


def test_issuing_from_the_activity_page_covers_completers_once(client_a, activity_a):
    ParticipationFactory(activity=activity_a, completed=True)
    ParticipationFactory(activity=activity_a, completed=False)
    url = reverse("certificates:issue", args=[activity_a.pk])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, follow=True)
    assert gettext("Certificates issued: %(count)s.") % {"count": 2} in response.content.decode()
    client_a.post(url)
    assert Certificate.objects.filter(participation__activity=activity_a).count() == 2


def test_trainers_download_but_do_not_issue(trainer_a, activity_a, certificate_a, participation_a):
    client = client_for(trainer_a)
    assert client.get(download_url(participation_a)).status_code == 200
    assert client.post(reverse("certificates:issue", args=[activity_a.pk])).status_code == 403
    assert client.post(reverse("certificates:revoke", args=[activity_a.pk, participation_a.pk]),
                       {"reason": "x"}).status_code == 403


def test_the_combined_pdf_has_a_page_per_valid_certificate(client_a, activity_a, certificate_a, staff_a):
    from madani.certificates.services import certificate_revoke, certificates_issue_for_activity

    for _ in range(2):
        ParticipationFactory(activity=activity_a, completed=True)
    issued = certificates_issue_for_activity(actor=staff_a, activity=activity_a)
    certificate_revoke(actor=staff_a, certificate=issued[0], reason="mistake")
    assert len(pypdfium2.PdfDocument(bundle_pdf(client_a, activity_a))) == 2


def test_revoking_from_the_activity_page(client_a, activity_a, certificate_a, participation_a):
    url = reverse("certificates:revoke", args=[activity_a.pk, participation_a.pk])
    assert client_a.get(url).status_code == 200
    response = client_a.post(url, {"reason": "Issued to a namesake"})
    assert response.status_code == 302
    certificate_a.refresh_from_db()
    assert certificate_a.is_revoked
    # A revoked certificate is no longer handed out.
    response = client_a.get(download_url(participation_a), follow=True)
    assert response["Content-Type"].startswith("text/html")
    assert gettext("This certificate was revoked; it cannot be downloaded.") in response.content.decode()


def test_the_activity_page_offers_the_certificate_buttons(client_a, activity_a, certificate_a, participation_a):
    body = client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    assert reverse("certificates:issue", args=[activity_a.pk]) in body
    assert reverse("certificates:bundle_request", args=[activity_a.pk]) in body
    assert download_url(participation_a) in body


def test_activities_without_certificates_show_no_buttons(client_a, branch_a):
    coaching = ActivityFactory(branch=branch_a, kind=Kind.COACHING)
    ParticipationFactory(activity=coaching, completed=True)
    body = client_a.get(reverse("activities:detail", args=[coaching.pk])).content.decode()
    assert reverse("certificates:issue", args=[coaching.pk]) not in body
    assert "/certificates/" not in body


def test_the_participants_table_costs_the_same_queries_for_many_rows(client_a, activity_a, staff_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from madani.certificates.services import certificates_issue_for_activity

    url = reverse("activities:detail", args=[activity_a.pk])
    certificates_issue_for_activity(actor=staff_a, activity=activity_a)
    with CaptureQueriesContext(connection) as few:
        client_a.get(url)
    for _ in range(10):
        ParticipationFactory(activity=activity_a, completed=True)
    certificates_issue_for_activity(actor=staff_a, activity=activity_a)
    with CaptureQueriesContext(connection) as many:
        client_a.get(url)
    assert len(many) == len(few)


def test_me_officers_can_issue(branch_a, activity_a):
    officer = UserFactory(role=Role.ME_OFFICER, branches=[branch_a])
    client_for(officer).post(reverse("certificates:issue", args=[activity_a.pk]))
    assert Certificate.objects.filter(participation__activity=activity_a).count() == 1
