from django.urls import reverse

from madani.organizations.models import Organization
from tests.factories import OrganizationFactory, PersonFactory

from .helpers import token_client


def test_token_authentication_lists_only_the_users_branch(staff_b, organization_a, branch_b):
    own = OrganizationFactory(branch=branch_b)
    response = token_client(staff_b).get(reverse("api:organization-list"))
    assert response.status_code == 200
    assert [o["id"] for o in response.json()["results"]] == [own.pk]


def test_people_search_ignores_hamza(staff_a, person_a):
    response = token_client(staff_a).get(reverse("api:person-list"), {"search": "احمد"})
    assert [p["id"] for p in response.json()["results"]] == [person_a.pk]


def test_contact_details_are_hidden_from_trainers(trainer_a, staff_a, person_a):
    row = token_client(trainer_a).get(reverse("api:person-detail", args=[person_a.pk])).json()
    assert "phone" not in row and "email" not in row
    row = token_client(staff_a).get(reverse("api:person-detail", args=[person_a.pk])).json()
    assert row["phone"] == person_a.phone


def test_contact_details_are_hidden_on_the_person_page_too(trainer_a, person_a):
    from conftest import client_for

    html = client_for(trainer_a).get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert person_a.phone not in html and person_a.email not in html


def test_creating_an_organization_through_the_api(staff_a, branch_a):
    response = token_client(staff_a).post(reverse("api:organization-list"), {
        "kind": "cso", "name_ar": "جمعية الأمل", "branch": branch_a.pk, "place": "SY110100",
        "places_of_work": ["SY110100", "SY110102"], "sectors": ["youth"],
    }, format="json")
    assert response.status_code == 201, response.json()
    organization = Organization.objects.get(pk=response.json()["id"])
    assert organization.places_of_work.count() == 2
    assert organization.history.first().history_user == staff_a


def test_an_organization_cannot_be_created_in_another_branch(staff_b, branch_a):
    response = token_client(staff_b).post(reverse("api:organization-list"), {
        "kind": "cso", "name_ar": "جمعية", "branch": branch_a.pk}, format="json")
    assert response.status_code == 400
    assert "branch" in response.json()
    assert not Organization.objects.filter(name_ar="جمعية").exists()


def test_bad_input_gets_translated_field_errors(staff_a, branch_a):
    client = token_client(staff_a)
    response = client.post(reverse("api:person-list"), {"full_name": "سارة", "gender": "other", "branch": branch_a.pk,
                                                       "birth_year": 1700}, format="json", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"gender", "birth_year"}


def test_trainers_can_read_but_not_write(trainer_a, branch_a, person_a):
    client = token_client(trainer_a)
    assert client.get(reverse("api:person-list")).status_code == 200
    response = client.post(reverse("api:person-list"), {"full_name": "x", "gender": "male", "branch": branch_a.pk})
    assert response.status_code == 403


def test_cso_members_see_their_own_organization_and_its_people(cso_member, organization_a, person_a, branch_a):
    OrganizationFactory(branch=branch_a)
    PersonFactory(branch=branch_a)
    client = token_client(cso_member)
    assert [o["id"] for o in client.get(reverse("api:organization-list")).json()["results"]] == [organization_a.pk]
    assert [p["id"] for p in client.get(reverse("api:person-list")).json()["results"]] == [person_a.pk]


def test_the_openapi_schema_describes_the_registry(anonymous, db):  # db: the API counts requests (throttles)
    response = anonymous.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json() if response["Content-Type"].startswith("application/json") else None
    text = response.content.decode()
    assert "openapi" in text and "/api/v1/organizations/" in text and "/api/v1/people/" in text
    if schema:
        assert schema["openapi"].startswith("3.")


def test_places_are_filtered_by_level_and_searched(staff_a):
    client = token_client(staff_a)
    governorates = client.get(reverse("api:place-list"), {"level": "governorate", "page_size": 50}).json()
    assert governorates["count"] == 14
    hits = client.get(reverse("api:place-list"), {"search": "عامودا"}).json()["results"]
    assert [h["pcode"] for h in hits] == ["SY080202"]


def test_the_openapi_schema_describes_the_ledger_and_bulk_attendance(anonymous, db):  # db: throttles count
    response = anonymous.get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in ["/api/v1/activities/", "/api/v1/sessions/", "/api/v1/participations/", "/api/v1/programs/",
                 "/api/v1/topics/"]:
        assert path in paths
    attendance = paths["/api/v1/sessions/{id}/attendance/"]["post"]
    schema = attendance["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(response.json()["components"]["schemas"][schema]["properties"]) == {"present", "add", "remove"}
