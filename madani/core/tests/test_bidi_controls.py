"""Bidirectional-text spoofing (issue 10): "invoice<U+202E>fdp.exe" reads "invoiceexe.pdf". Names and titles
are saved without bidi override, embedding and isolate controls, whichever way they come in (web forms,
API), and pages and certificates print user text in its own isolate (<bdi>)."""

import lxml.html
import pytest
from django.urls import reverse

from madani.activities.models import Activity
from madani.api.tests.helpers import api_client
from madani.certificates.pdf import certificate_html
from madani.certificates.services import certificate_issue
from madani.core.arabic import BIDI_CONTROLS, clean_spaces
from madani.organizations.models import Organization
from madani.people.models import Person
from tests.factories import place

RLO = "\u202e"
SPOOFED = f"invoice{RLO}fdp.exe"


def test_every_override_embedding_and_isolate_control_is_stripped_from_a_name():
    assert clean_spaces("\u202aa\u202bb\u202cc\u202dd\u202ee \u2066f\u2067g\u2068h\u2069i") == "abcde fghi"
    assert clean_spaces(f" {SPOOFED} ") == "invoicefdp.exe"
    assert clean_spaces("Ahmad\u200f (أحمد)") == "Ahmad\u200f (أحمد)"  # marks (LRM/RLM) cannot reorder letters
    assert len(BIDI_CONTROLS) == 9


def test_a_person_named_through_the_web_form_is_saved_without_bidi_controls(client_a, branch_a):
    response = client_a.post(reverse("people:create"), {
        "full_name": f"أحمد {RLO}علي", "name_latin": f"Ahmad {SPOOFED}", "gender": "male", "birth_year": "1990",
        "displacement": "resident", "home_place": str(place("SY110100").pk), "branch": branch_a.pk,
    })
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get(name_latin__startswith="Ahmad")
    assert person.full_name == "أحمد علي" and person.name_latin == "Ahmad invoicefdp.exe"


def test_a_person_and_an_organization_named_through_the_api_are_saved_without_bidi_controls(staff_a, branch_a):
    client = api_client(staff_a)
    response = client.post(reverse("api:person-list"), {"full_name": f"سارة{RLO} الحسن", "name_latin": SPOOFED,
                                                        "gender": "female", "branch": branch_a.pk}, format="json")
    assert response.status_code == 201, response.json()
    person = Person.objects.get(pk=response.json()["id"])
    assert (person.full_name, person.name_latin) == ("سارة الحسن", "invoicefdp.exe")
    assert response.json()["full_name"] == "سارة الحسن"

    response = client.post(reverse("api:organization-list"), {
        "kind": "cso", "name_ar": f"جمعية {RLO}الأمل", "name_en": f"Hope \u2067{SPOOFED}\u2069", "acronym": f"H{RLO}A",
        "branch": branch_a.pk}, format="json")
    assert response.status_code == 201, response.json()
    organization = Organization.objects.get(pk=response.json()["id"])
    assert (organization.name_ar, organization.name_en, organization.acronym) == (
        "جمعية الأمل", "Hope invoicefdp.exe", "HA")

    response = client.patch(reverse("api:organization-detail", args=[organization.pk]),
                            {"name_en": f"Hope{RLO}"}, format="json")
    assert response.status_code == 200, response.json()
    organization.refresh_from_db()
    assert organization.name_en == "Hope"


def test_an_activity_titled_through_the_api_is_saved_without_bidi_controls(staff_a, activity_a):
    response = api_client(staff_a).patch(reverse("api:activity-detail", args=[activity_a.pk]),
                                         {"title_ar": f"ورشة {RLO}المناصرة"}, format="json")
    assert response.status_code == 200, response.json()
    assert Activity.objects.get(pk=activity_a.pk).title_ar == "ورشة المناصرة"


@pytest.fixture
def spoofed_person_a(person_a):
    """A record saved before names were cleaned (straight into the table)."""
    Person.objects.filter(pk=person_a.pk).update(full_name=f"احمد {RLO}علي", name_latin=SPOOFED)
    person_a.refresh_from_db()
    return person_a


def _isolated(html: str, text: str) -> bool:
    """``text`` is printed inside a <bdi>, and no bidi control reaches the page from the records."""
    tree = lxml.html.document_fromstring(html)
    holders = tree.xpath("//body//*[contains(text(), $text)]", text=text)
    return bool(holders) and all(element.xpath("ancestor-or-self::bdi") for element in holders)


def test_lists_and_detail_pages_print_names_and_titles_in_an_isolate(client_a, spoofed_person_a, organization_a,
                                                                      activity_a):
    Organization.objects.filter(pk=organization_a.pk).update(name_ar=f"منظمة {RLO}abc")
    Activity.objects.filter(pk=activity_a.pk).update(title_ar=f"ورشة {RLO}xyz")
    session = activity_a.sessions.first()
    pages = {
        reverse("people:list"): ["احمد علي"],
        reverse("people:detail", args=[spoofed_person_a.pk]): ["احمد علي", "invoicefdp.exe"],
        reverse("organizations:list"): ["منظمة abc"],
        reverse("organizations:detail", args=[organization_a.pk]): ["منظمة abc"],
        reverse("activities:list"): ["ورشة xyz"],
        reverse("activities:detail", args=[activity_a.pk]): ["ورشة xyz", "احمد علي"],
        reverse("activities:attendance", args=[activity_a.pk, session.pk]): ["احمد علي", "منظمة abc"],
    }
    for url, texts in pages.items():
        html = client_a.get(url).content.decode()
        for text in texts:  # found without the control, which the filter drops from records saved before
            assert _isolated(html, text), (url, text)


def test_the_certificate_and_its_public_check_print_names_without_controls_in_an_isolate(
        spoofed_person_a, activity_a, staff_a, anonymous):
    Activity.objects.filter(pk=activity_a.pk).update(title_ar=f"ورشة {RLO}xyz", title_en=f"Workshop {SPOOFED}")
    participation = activity_a.participations.select_related("person", "activity").get(person=spoofed_person_a)
    certificate = certificate_issue(actor=staff_a, participation=participation)
    html = certificate_html([certificate], verify_url=lambda code: f"https://madani.example.org/c/{code}/")
    assert RLO not in html
    assert "bdi { unicode-bidi: isolate; }" in html
    for text in ("احمد علي", "invoicefdp.exe", "ورشة xyz", "Workshop invoicefdp.exe"):
        assert _isolated(html, text), text
    page = anonymous.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    for text in ("احمد علي", "invoicefdp.exe", "ورشة xyz"):
        assert _isolated(page, text), text


def test_the_stylesheet_isolates_bdi():
    from django.contrib.staticfiles import finders

    assert "bdi, .user-text { unicode-bidi: isolate; }" in open(finders.find("madani/madani.css")).read()
