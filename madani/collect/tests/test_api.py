"""GET /api/v1/submissions/?form=<id>: the current version of each submission, for the form's branch."""

from rest_framework.test import APIClient

from .conftest import instance
from .test_openrosa import post


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_submissions_are_listed_for_their_branch_only(collect_a, survey_a, staff_a, staff_b):
    post(collect_a, instance(survey_a))
    post(collect_a, instance(survey_a, instance_id="uuid:edit", households="14",
                             deprecated="uuid:11111111-2222-3333-4444-555555555555"))
    rows = api(staff_a).get("/api/v1/submissions/", {"form": survey_a.pk}).json()["results"]
    assert [(row["instance_id"], row["answers"]["households"]) for row in rows] == [("uuid:edit", 14)]
    assert rows[0]["replaces"].endswith("5555")
    assert api(staff_b).get("/api/v1/submissions/").json()["results"] == []
    assert api(staff_a).get("/api/v1/submissions/", {"form": "9" * 30}).json()["results"] == []
