"""The staff pages: device accesses (made, shown once, revoked by their owner only) and submissions."""

from django.urls import reverse

from conftest import client_for
from madani.collect.models import Credential

from .conftest import instance
from .test_openrosa import post


def test_staff_make_a_device_access_whose_password_is_shown_once(client_a, staff_a):
    response = client_a.post(reverse("collect:credentials"), {"name": "هاتف فريق هجين"})
    html = response.content.decode()
    credential = Credential.objects.get()
    assert credential.user == staff_a and credential.username in html and "/openrosa" in html
    assert "no-store" in response["Cache-Control"] and "data-password" in html
    assert "data-password" not in client_a.get(reverse("collect:credentials")).content.decode()


def test_a_device_access_is_revoked_by_its_owner_only(client_a, staff_b, device_a):
    credential = device_a[0]
    url = reverse("collect:revoke", args=[credential.pk])
    assert client_for(staff_b).post(url, {"confirm": "on"}).status_code == 404
    client_a.post(url, {"confirm": "on"})
    credential.refresh_from_db()
    assert credential.revoked_at is not None


def test_submissions_are_listed_for_the_forms_branch_only(client_a, client_b, collect_a, survey_a):
    post(collect_a, instance(survey_a, place="قرية النور"))
    url = reverse("collect:submissions", args=[survey_a.pk])
    assert "قرية النور" in client_a.get(url).content.decode()
    assert client_b.get(url).status_code == 404
    detail = client_a.get(reverse("assessments:detail", args=[survey_a.pk])).content.decode()
    assert url in detail


def test_cso_members_have_no_collect_pages(cso_member, survey_a):
    client = client_for(cso_member)
    assert client.get(reverse("collect:credentials")).status_code == 403
    assert client.get(reverse("collect:submissions", args=[survey_a.pk])).status_code in {403, 404}


def test_submissions_export_with_labels_in_either_language_and_formulas_neutralized(client_a, client_b, collect_a,
                                                                                    survey_a):
    post(collect_a, instance(survey_a, place='=HYPERLINK("http://evil")'))
    url = reverse("collect:submissions_export", args=[survey_a.pk])
    arabic = b"".join(client_a.get(url, {"labels": "ar"}).streaming_content).decode("utf-8-sig")
    assert "اسم المكان" in arabic and "نعم" in arabic and "2026-12-01 | 2026-12-02" in arabic
    assert "'=HYPERLINK" in arabic
    english = b"".join(client_a.get(url, {"labels": "en"}).streaming_content).decode("utf-8-sig")
    assert "Place" in english and "Yes" in english
    workbook = client_a.get(url, {"format": "xlsx"})
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/vnd.openxml")
    assert client_b.get(url).status_code == 404


def test_submissions_are_filtered_by_the_day_they_arrived(client_a, collect_a, survey_a):
    post(collect_a, instance(survey_a, place="قرية النور"))
    url = reverse("collect:submissions", args=[survey_a.pk])
    assert "قرية النور" not in client_a.get(url, {"received_from": "2999-01-01"}).content.decode()
    assert "قرية النور" in client_a.get(url, {"received_to": "2999-01-01"}).content.decode()
