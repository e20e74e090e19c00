"""The election pages: reachable by the branch's staff, 404 to another branch, refused to CSO members, trainers
and visitors; the public report opens once published and names no observer nor any place finer than the
sub-district; exports are formula-safe and carry observer codes only."""

import pytest
from django.urls import reverse

from madani.elections import services
from madani.elections.models import Incident

from .builders import incident_data, make_election, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def election(staff_a, branch_a):
    election = make_election(staff_a, branch_a, forms=True)
    center = election.centers.get(code="C1")
    services.checklist_record(actor=staff_a, election=election, form="women_access", instance_id="uuid:c1",
                              answers={"center": "C1", "observer": "O1", "phase": "midday", "women_area": "yes",
                                       "voters": 120, "women_voters": 130})
    services.incident_report(actor=staff_a, election=election, instance_id="uuid:i1", data={
        **incident_data(center), "description": "=HYPERLINK(\"http://x\") <script>alert(1)</script>"})
    return election


def _urls(election):
    checklist, incident, center = election.checklists.get(), election.incidents.get(), election.centers.get(code="C1")
    return [
        reverse("elections:election_detail", args=[election.pk]),
        reverse("elections:election_advance", args=[election.pk]),
        reverse("elections:forms_install", args=[election.pk]),
        reverse("elections:center_add", args=[election.pk]),
        reverse("elections:observer_add", args=[election.pk]),
        reverse("elections:candidate_add", args=[election.pk]),
        reverse("elections:promotion_add", args=[election.pk]),
        reverse("elections:live", args=[election.pk]),
        reverse("elections:checklist_list", args=[election.pk]),
        reverse("elections:checklist_detail", args=[checklist.pk]),
        reverse("elections:incident_list", args=[election.pk]),
        reverse("elections:incident_add", args=[election.pk]),
        reverse("elections:incident_detail", args=[incident.pk]),
        reverse("elections:turnout_add", args=[election.pk]),
        reverse("elections:result_list", args=[election.pk]),
        reverse("elections:result_enter", args=[center.pk]),
        reverse("elections:results_publish", args=[election.pk]),
    ]


def test_the_branch_staff_open_every_page(client_a, election):
    assert client_a.get(reverse("elections:election_list")).status_code == 200
    for url in _urls(election):
        assert client_a.get(url).status_code == 200, url


def test_another_branch_gets_404_everywhere(client_b, election):
    for url in _urls(election):
        assert client_b.get(url).status_code == 404, url
        assert client_b.post(url, {"status": "verified", "confirm": "on"}).status_code == 404, url


def test_cso_members_trainers_and_visitors_are_refused(cso_member, trainer_a, anonymous, election):
    from conftest import client_for

    for user in (cso_member, trainer_a):
        client = client_for(user)
        assert client.get(reverse("elections:election_list")).status_code == 403
        for url in _urls(election):
            assert client.get(url).status_code in (403, 404), url
    for url in [reverse("elections:election_list"), *_urls(election)]:
        assert anonymous.get(url).status_code == 302, url


def test_user_text_is_escaped(client_a, election):
    incident = election.incidents.get()
    page = client_a.get(reverse("elections:incident_detail", args=[incident.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_staff_incident_form_posted_twice_is_one_incident(client_a, election):
    url = reverse("elections:incident_add", args=[election.pk])
    center = election.centers.get(code="C1")
    data = {"instance_id": "uuid:web-1", "center": center.pk, "category": "vote_buying", "severity": "high",
            "occurred_at": "2026-12-04T10:00", "description": "شراء أصوات"}
    assert client_a.post(url, data).status_code == 302
    assert client_a.post(url, data).status_code == 302
    assert Incident.objects.filter(instance_id="uuid:web-1").count() == 1


def test_exports_name_observer_codes_and_sub_districts_only_and_neutralize_formulas(client_a, election):
    for name in ("checklist_list", "incident_list", "result_list"):
        for fmt in ("csv", "xlsx"):
            response = client_a.get(reverse(f"elections:{name}", args=[election.pk]), {"format": fmt})
            assert response.status_code == 200
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if fmt == "csv":
                text = body.decode("utf-8-sig")
                assert "مراقبة سرية" not in text and "شارع السوق" not in text
                assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text
                if name == "incident_list":
                    assert "'=HYPERLINK" in text
    checklists = b"".join(client_a.get(reverse("elections:checklist_list", args=[election.pk]), {"format": "csv"})
                          .streaming_content).decode("utf-8-sig")
    assert "O1" in checklists and "C1" in checklists


def test_the_live_page_answers_htmx_with_its_panel(client_a, election):
    url = reverse("elections:live", args=[election.pk])
    full = client_a.get(url).content.decode()
    panel = client_a.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 30s"' in full and "<html" in full
    assert "<html" not in panel and 'id="live"' in panel


def test_the_public_report_opens_only_once_published(anonymous, staff_a, branch_a, election):
    assert anonymous.get(reverse("elections:public_report", args=[election.pk])).status_code == 404
    done = published(staff_a, branch_a)
    page = anonymous.get(reverse("elections:public_report", args=[done.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "مراقبة سرية" not in text and "شارع السوق" not in text and "مدرسة" not in text
    pdf = anonymous.get(reverse("elections:public_report_pdf", args=[done.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    english = anonymous.get(f"/en/elections/{done.pk}/report/").content.decode()
    assert "Women's share of voters" in english


def test_staff_run_an_election_through_the_pages(client_a, staff_a, branch_a, election):
    from madani.places.models import Place
    from tests.factories import ProgramFactory

    program = ProgramFactory()
    program.branches.set([branch_a])
    response = client_a.post(reverse("elections:election_create"), {
        "title_ar": "انتخابات تجريبية", "title_en": "Trial", "body": "local_council", "branch": branch_a.pk,
        "place": Place.objects.get(pcode="SY020401").pk, "date": "2026-12-20", "seats": 5, "program": program.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    created = election.__class__.objects.get(title_ar="انتخابات تجريبية")
    response = client_a.post(reverse("elections:center_add", args=[created.pk]), {
        "code": "c9", "name": "مدرسة", "place": Place.objects.get(pcode="SY020401").pk, "stations": 1})
    assert response.status_code == 302 and created.centers.get().code == "C9"
    checklist = election.checklists.get()
    response = client_a.post(reverse("elections:checklist_detail", args=[checklist.pk]), {"status": "verified"})
    assert response.status_code == 200  # women above voters: a note is asked for
    client_a.post(reverse("elections:checklist_detail", args=[checklist.pk]),
                  {"status": "verified", "note": "مصحح من سجل المركز"})
    checklist.refresh_from_db()
    assert checklist.status == "verified"
    incident = election.incidents.get()
    client_a.post(reverse("elections:incident_detail", args=[incident.pk]), {"status": "escalated"})
    incident.refresh_from_db()
    assert incident.status == "escalated"


def test_results_are_entered_on_the_page_by_two_people(client_a, staff_a, branch_a, election):
    from conftest import client_for
    from tests.factories import UserFactory

    from .builders import to_counting

    election = to_counting(staff_a, election)
    candidate = services.candidate_add(actor=staff_a, election=election, data={"name": "سلمى", "gender": "female"})
    center = election.centers.get(code="C1")
    url = reverse("elections:result_enter", args=[center.pk])
    data = {"voters": 100, "women_voters": 40, "ballots": 100, "valid": 90, "invalid": 5, "blank": 5,
            f"votes_{candidate.pk}": 60}
    assert client_a.post(url, data).status_code == 302
    second = client_for(UserFactory(email="second.page@example.org", role="me_officer", branches=[branch_a]))
    assert second.post(url, {**data, "valid": 91, "invalid": 4}).status_code == 302
    center.result.refresh_from_db()
    assert center.result.status == "differ"
    page = client_a.get(reverse("elections:election_detail", args=[election.pk])).content.decode()
    assert "C1:" in page  # "C1: the two entries differ; reconcile them." under "cannot be published yet"
