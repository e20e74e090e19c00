"""Issue 10 through the API: a PUT or PATCH from stale data answers 412 Precondition Failed and
changes nothing; the version is the ETag of GET and the ``version`` field."""

import pytest
from django.utils import translation

from madani.activities import services as activity_services
from madani.organizations import services as organization_services
from madani.people import services as people_services

from .helpers import api_client

CASES = {
    "organization": (
        lambda r: r.getfixturevalue("organization_a"), "/api/v1/organizations/{}/", ("acronym", "MINE"),
        lambda o, actor: organization_services.organization_update(actor=actor, organization=o,
                                                                   data={"name_en": "Renamed by a colleague"}),
    ),
    "person": (
        lambda r: r.getfixturevalue("person_a"), "/api/v1/people/{}/", ("name_latin", "Ahmad Ali"),
        lambda p, actor: people_services.person_update(actor=actor, person=p, data={"birth_year": 1991}),
    ),
    "activity": (
        lambda r: r.getfixturevalue("activity_a"), "/api/v1/activities/{}/", ("goals", "My goals"),
        lambda a, actor: activity_services.activity_update(actor=actor, activity=a,
                                                           data={"title_en": "Retitled by a colleague"}),
    ),
    "session": (
        lambda r: r.getfixturevalue("activity_a").sessions.first(), "/api/v1/sessions/{}/", ("outcome", "My outcome"),
        lambda s, actor: activity_services.session_update(actor=actor, session=s, data={"topic": "Their topic"}),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_put_from_a_stale_read_answers_412_and_changes_nothing(name, request, staff_a, administrator):
    get_record, url, (field, mine), theirs = CASES[name]
    record = get_record(request)
    url = url.format(record.pk)
    client = api_client(staff_a)

    read = client.get(url)
    assert read.status_code == 200
    etag = read["ETag"]
    assert etag == f'"{read.json()["version"]}"'
    body = {**read.json(), field: mine}

    theirs(type(record).objects.get(pk=record.pk), administrator)  # someone else's change meanwhile
    stale = client.put(url, body, format="json", HTTP_IF_MATCH=etag)

    assert stale.status_code == 412, stale.content
    with translation.override("ar"):  # the API answers in the default language
        assert stale.json()["detail"] == translation.gettext(
            "This record was changed by someone else after the version you sent was read; nothing was saved. "
            "Read it again and send your change with its new version.")
    assert stale["ETag"] != etag and stale["ETag"] == f'"{stale.json()["version"]}"'
    assert getattr(type(record).objects.get(pk=record.pk), field) != mine  # nothing was saved

    current = client.get(url)
    assert current["ETag"] == stale["ETag"]
    fresh = client.put(url, {**current.json(), field: mine}, format="json", HTTP_IF_MATCH=current["ETag"])
    assert fresh.status_code == 200, fresh.content
    assert getattr(type(record).objects.get(pk=record.pk), field) == mine
    assert fresh["ETag"] == f'"{fresh.json()["version"]}"' == client.get(url)["ETag"]  # ready for the next change


@pytest.mark.parametrize("name", CASES)
def test_a_stale_version_in_the_body_also_answers_412(name, request, staff_a, administrator):
    get_record, url, (field, mine), theirs = CASES[name]
    record = get_record(request)
    url = url.format(record.pk)
    client = api_client(staff_a)
    version = client.get(url).json()["version"]
    theirs(type(record).objects.get(pk=record.pk), administrator)

    assert client.patch(url, {field: mine, "version": version}, format="json").status_code == 412
    assert getattr(type(record).objects.get(pk=record.pk), field) != mine


@pytest.mark.parametrize("name", CASES)
def test_a_change_without_a_version_is_accepted_as_before(name, request, staff_a, administrator):
    """ODK Collect, KoboToolbox and existing scripts send no If-Match."""
    get_record, url, (field, mine), theirs = CASES[name]
    record = get_record(request)
    url = url.format(record.pk)
    theirs(type(record).objects.get(pk=record.pk), administrator)
    response = api_client(staff_a).patch(url, {field: mine}, format="json")
    assert response.status_code == 200, response.content
    assert response["ETag"]


def test_if_match_star_and_a_weakened_etag_match(organization_a, staff_a):
    client = api_client(staff_a)
    url = f"/api/v1/organizations/{organization_a.pk}/"
    assert client.patch(url, {"acronym": "ONE"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"acronym": "TWO"}, format="json", HTTP_IF_MATCH=f"W/{etag}").status_code == 200
    assert client.patch(url, {"acronym": "THREE"}, format="json", HTTP_IF_MATCH=f'"other", {etag}').status_code == 412
    current = client.get(url)["ETag"]
    assert client.patch(url, {"acronym": "FOUR"}, format="json", HTTP_IF_MATCH=f'"other", {current}').status_code == 200


def test_a_program_has_an_etag_and_stays_read_only(activity_a, staff_a):
    client = api_client(staff_a)
    url = f"/api/v1/programs/{activity_a.program_id}/"
    read = client.get(url)
    assert read.status_code == 200 and read["ETag"] == f'"{read.json()["version"]}"'
    assert client.put(url, read.json(), format="json").status_code == 405


def test_the_schema_documents_if_match_and_412(staff_a):
    schema = api_client(staff_a).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    put = schema["paths"]["/api/v1/organizations/{id}/"]["put"]
    assert "If-Match" in [p["name"] for p in put["parameters"]]
    assert "412" in put["responses"] and "ETag" in put["responses"]["200"]["headers"]
