"""Coaching engagements (seed 001: four days with one organization to write its strategic plan): one
organization served, the deliverable type-checked and downloaded only by those who may see it."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Activity
from tests.factories import ActivityFactory, OrganizationFactory, ProgramFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


def _coaching(branch, organizations, deliverable=None, **overrides):
    data = {"kind": "coaching", "title_ar": "كوتشينج الخطة الاستراتيجية", "program": ProgramFactory(code="cb").pk,
            "branch": branch.pk, "start_date": "2020-10-04", "end_date": "2020-10-07", "status": "completed",
            "target_organizations": [o.pk for o in organizations], "goals": "كتابة الخطة الاستراتيجية",
            "session_per_day": "on"}
    if deliverable is not None:
        data["deliverable"] = deliverable
    data.update(overrides)
    return data


def test_a_coaching_engagement_serves_exactly_one_organization(client_a, branch_a, organization_a):
    second = OrganizationFactory(branch=branch_a)
    for organizations in ([], [organization_a, second]):
        response = client_a.post(reverse("activities:create"), _coaching(branch_a, organizations))
        assert "target_organizations" in response.context["form"].errors
    assert not Activity.objects.exists()
    response = client_a.post(reverse("activities:create"), _coaching(
        branch_a, [organization_a], SimpleUploadedFile("plan.pdf", PDF, "application/pdf")))
    coaching = Activity.objects.get()
    assert response["Location"] == reverse("activities:detail", args=[coaching.pk])
    assert coaching.sessions.count() == 4 and coaching.deliverable.name.endswith(".pdf")


@pytest.mark.parametrize("name, content", [
    ("plan.exe", b"MZ..."),
    ("plan.pdf", b"<html>not a pdf</html>"),
    ("plan.docx", _zip("xl/workbook.xml")),  # a spreadsheet renamed
    ("plan.odt", b"plain text"),
])
def test_a_deliverable_must_be_a_document_of_the_type_it_claims(client_a, branch_a, organization_a, name, content):
    response = client_a.post(reverse("activities:create"),
                             _coaching(branch_a, [organization_a], SimpleUploadedFile(name, content)))
    assert "deliverable" in response.context["form"].errors
    assert not Activity.objects.exists()


@pytest.mark.parametrize("name, content", [("plan.docx", _zip("word/document.xml")), ("budget.xlsx", _zip("xl/workbook.xml"))])
def test_office_documents_are_accepted(client_a, branch_a, organization_a, name, content):
    client_a.post(reverse("activities:create"), _coaching(branch_a, [organization_a], SimpleUploadedFile(name, content)))
    assert Activity.objects.get().deliverable.name.endswith(name.rsplit(".")[1])


def test_a_deliverable_over_the_size_limit_is_refused(client_a, branch_a, organization_a, monkeypatch):
    monkeypatch.setattr("madani.core.uploads.MAX_DOCUMENT_BYTES", 10)
    response = client_a.post(reverse("activities:create"),
                             _coaching(branch_a, [organization_a], SimpleUploadedFile("plan.pdf", PDF)))
    assert response.context["form"].errors["deliverable"] == [
        gettext("The file is too large (at most %(size)s).") % {"size": filesizeformat(10)}]


def test_editing_keeps_the_stored_deliverable(client_a, branch_a, organization_a):
    client_a.post(reverse("activities:create"), _coaching(branch_a, [organization_a], SimpleUploadedFile("plan.pdf", PDF)))
    coaching = Activity.objects.get()
    stored = coaching.deliverable.name
    data = _coaching(branch_a, [organization_a], title_ar="كوتشينج منظمة توتول")
    data.pop("session_per_day")
    assert client_a.post(reverse("activities:edit", args=[coaching.pk]), data).status_code == 302
    coaching.refresh_from_db()
    assert coaching.deliverable.name == stored and coaching.title_ar == "كوتشينج منظمة توتول"


def test_the_deliverable_is_downloaded_as_an_attachment_only_by_those_who_see_the_activity(
        client_a, client_b, branch_a, organization_a, cso_member):
    coaching = ActivityFactory(kind="coaching", branch=branch_a)
    coaching.target_organizations.add(organization_a)
    coaching.deliverable.save("plan.pdf", ContentFile(PDF))
    url = reverse("activities:deliverable", args=[coaching.pk])
    response = client_a.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf" and b"".join(response.streaming_content) == PDF
    assert client_for(cso_member).get(url).status_code == 200  # the organization it served
    assert client_b.get(url).status_code == 404
    outsider = UserFactory(role="cso_member", organization=OrganizationFactory(branch=branch_a))
    assert client_for(outsider).get(url).status_code == 404
    html = client_a.get(reverse("activities:detail", args=[coaching.pk])).content.decode()
    assert url in html and "/media/" not in html


def test_an_activity_without_a_deliverable_has_nothing_to_download(client_a, activity_a):
    assert client_a.get(reverse("activities:deliverable", args=[activity_a.pk])).status_code == 404
