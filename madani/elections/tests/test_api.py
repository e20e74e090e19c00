"""``/api/v1/`` elections, polling-centers, observers, incidents, turnout and results: read-only, scoped to the
staff of the election's branch."""

import datetime

import pytest

from madani.elections import services

from .builders import incident_data, make_election, to_counting

pytestmark = pytest.mark.django_db

RESOURCES = ["elections", "polling-centers", "observers", "incidents", "turnout", "results"]


@pytest.fixture
def election(staff_a, branch_a):
    election = to_counting(staff_a, make_election(staff_a, branch_a))
    center = election.centers.get(code="C1")
    services.incident_report(actor=staff_a, election=election, instance_id="uuid:api", data=incident_data(center))
    services.turnout_record(actor=staff_a, center=center, slot=datetime.time(11), voters=80, women_voters=30)
    services.result_enter(actor=staff_a, center=center, data={
        "voters": 100, "women_voters": 40, "ballots": 100, "valid": 90, "invalid": 5, "blank": 5, "votes": {}})
    return election


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_branch_staff_read_each_resource(client_a, election, resource):
    response = client_a.get(f"/api/v1/{resource}/")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


@pytest.mark.parametrize("resource", RESOURCES)
def test_another_branch_and_cso_members_read_nothing(client_b, cso_member, election, resource):
    from conftest import client_for

    assert client_b.get(f"/api/v1/{resource}/").json()["count"] == 0
    assert client_for(cso_member).get(f"/api/v1/{resource}/").json()["count"] == 0


def test_the_api_is_read_only(client_a, election):
    response = client_a.patch(f"/api/v1/elections/{election.pk}/", {"seats": 99}, content_type="application/json")
    assert response.status_code == 405
    assert client_a.get(f"/api/v1/elections/{election.pk}/").json()["place"] == "SY020401"
