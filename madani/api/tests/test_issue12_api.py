"""What an outside API client hit (issue 12, "API"): deletes that other records prevent, numbers that do
not fit, the language of the answers, page sizes, the schema's description of nulls, times and errors."""

import pytest
from django.urls import reverse
from django.utils import translation

from madani.organizations.models import Organization
from madani.people.models import Person
from tests.factories import OrganizationFactory, PersonFactory

from .helpers import api_client


def test_deleting_a_person_who_took_part_answers_409_with_the_reason(staff_a, activity_a, person_a):
    response = api_client(staff_a).delete(reverse("api:person-detail", args=[person_a.pk]),
                                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("This record cannot be deleted: other records depend on it")
    assert body["dependent_records"]  # e.g. {"participations": 1, ...}
    assert Person.objects.filter(pk=person_a.pk).exists()


def test_deleting_an_organization_people_belong_to_answers_409_in_arabic_by_default(staff_a, person_a, organization_a):
    response = api_client(staff_a).delete(reverse("api:organization-detail", args=[organization_a.pk]))
    assert response.status_code == 409
    with translation.override("ar"):
        expected = translation.gettext("This record cannot be deleted: other records depend on it (%(records)s). "
                                       "Remove or move them first.").split("(")[0]
    assert response.json()["detail"].startswith(expected)
    assert Organization.objects.filter(pk=organization_a.pk).exists()


def test_an_unreferenced_person_is_deleted(staff_a, branch_a):
    person = PersonFactory(branch=branch_a)
    assert api_client(staff_a).delete(reverse("api:person-detail", args=[person.pk])).status_code == 204


@pytest.mark.parametrize("value", ["9223372036854775808", "1e30", "1.5", "-9223372036854775809", "", "abc"])
@pytest.mark.parametrize("url, name", [
    ("api:session-list", "activity"), ("api:participation-list", "person"), ("api:person-list", "birth_year"),
    ("api:organization-list", "branch"), ("api:activity-list", "program"), ("api:place-list", "parent"),
])
def test_numbers_that_do_not_fit_in_filters_answer_400(staff_a, url, name, value):
    response = api_client(staff_a).get(reverse(url), {name: value})
    assert response.status_code == 400, response.content
    assert name in response.json()


def test_the_largest_id_is_a_valid_filter_that_matches_nothing(staff_a, activity_a):
    response = api_client(staff_a).get(reverse("api:session-list"), {"activity": str(2**63 - 1)})
    assert response.status_code == 200 and response.json()["results"] == []


def test_another_branchs_id_in_a_filter_matches_nothing(staff_b, activity_a, branch_a):
    response = api_client(staff_b).get(reverse("api:activity-list"), {"branch": branch_a.pk})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_an_unknown_path_under_the_api_answers_404_in_json(staff_a):
    response = api_client(staff_a).put("/api/v1/people/1e30/", {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_errors_follow_accept_language(staff_a):
    url = reverse("api:organization-list")
    english = api_client(staff_a).post(url, {"kind": "cso"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    arabic = api_client(staff_a).post(url, {"kind": "cso"}, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    default = api_client(staff_a).post(url, {"kind": "cso"}, format="json")
    assert english.json()["branch"] == ["This field is required."]
    assert english["Content-Language"] == "en"
    with translation.override("ar"):
        required = translation.gettext("This field is required.")
    assert required != "This field is required."
    assert arabic.json()["branch"] == [required] == default.json()["branch"]


def test_schema_titles_follow_accept_language(anonymous, db):
    url = reverse("api:schema") + "?format=json"
    english = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    arabic = anonymous.get(url, HTTP_ACCEPT_LANGUAGE="ar").json()
    assert english["components"]["schemas"]["Person"]["properties"]["displacement"]["title"] == "Displacement status"
    assert arabic["components"]["schemas"]["Person"]["properties"]["displacement"]["title"] == "حالة النزوح"


def test_page_size_is_chosen_within_bounds(staff_a, branch_a):
    OrganizationFactory.create_batch(3, branch=branch_a)
    client = api_client(staff_a)
    response = client.get(reverse("api:organization-list"), {"page_size": 2})
    assert len(response.json()["results"]) == 2 and response.json()["next"]
    for too_many in ("501", "0", "-1", "x", "1e3"):
        response = client.get(reverse("api:organization-list"), {"page_size": too_many})
        assert response.status_code == 400 and "page_size" in response.json(), too_many
    assert client.get(reverse("api:organization-list"), {"page_size": 500}).status_code == 200


def test_the_schema_marks_nulls_times_and_errors(anonymous, db):
    schema = anonymous.get(reverse("api:schema") + "?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    components = schema["components"]["schemas"]
    assert components["Organization"]["properties"]["branch"]["nullable"] is True
    assert components["Place"]["properties"]["parent"]["nullable"] is True
    assert components["Person"]["properties"]["home_place"]["nullable"] is True
    start = components["Session"]["properties"]["start_time"]
    assert "format" not in start and start["nullable"] is True and start["pattern"]
    paths = schema["paths"]
    detail = paths["/api/v1/organizations/{id}/"]
    assert {"400", "404", "412"} <= set(detail["put"]["responses"])
    assert "409" in detail["delete"]["responses"]
    assert "409" in paths["/api/v1/people/"]["post"]["responses"]
    assert "400" in paths["/api/v1/sessions/"]["get"]["responses"]


def test_a_code_holding_a_nul_character_is_refused_as_unknown(staff_a):
    """Schemathesis found this on PostgreSQL: a P-code with NUL in it reached the database and answered 500."""
    response = api_client(staff_a).post("/api/v1/organizations/", {
        "kind": "cso", "name_ar": "منظمة", "places_of_work": ["SY\x0002"], "sectors": ["edu\x00"]}, format="json")
    assert response.status_code == 400
    assert {"places_of_work", "sectors"} <= set(response.json())
