"""Need-to-know in the API (issue 10): a CSO member reads their own organization's people and figures only —
in activities, sessions, participations and attendance."""

from django.urls import reverse

from .helpers import api_client, ids


def test_a_cso_member_sees_only_their_organization_among_those_served(cso_member, activity_a, organization_a,
                                                                       other_organization_in_activity_a):
    client = api_client(cso_member)
    rows = client.get(reverse("api:activity-list")).json()["results"]
    assert [row["target_organizations"] for row in rows] == [[organization_a.pk]]
    detail = client.get(reverse("api:activity-detail", args=[activity_a.pk])).json()
    assert detail["target_organizations"] == [organization_a.pk]


def test_staff_still_read_every_organization_served(staff_a, activity_a, other_organization_in_activity_a):
    detail = api_client(staff_a).get(reverse("api:activity-detail", args=[activity_a.pk])).json()
    assert len(detail["target_organizations"]) == 2


def test_a_cso_member_counts_only_their_people_present_at_a_session(cso_member, staff_a, activity_a,
                                                                    other_organization_in_activity_a):
    first = activity_a.sessions.order_by("date").first()
    mine = api_client(cso_member)
    rows = mine.get(reverse("api:session-list"), {"activity": activity_a.pk}).json()["results"]
    assert [row["present"] for row in rows] == [1, 0, 0]
    assert mine.get(reverse("api:session-detail", args=[first.pk])).json()["present"] == 1
    assert len(mine.get(reverse("api:session-attendance", args=[first.pk])).json()["present"]) == 1
    staff_rows = api_client(staff_a).get(reverse("api:session-list"), {"activity": activity_a.pk}).json()["results"]
    assert [row["present"] for row in staff_rows] == [4, 0, 0]


def test_a_cso_member_reads_only_their_organizations_participations(cso_member, activity_a, organization_a,
                                                                     other_organization_in_activity_a):
    response = api_client(cso_member).get(reverse("api:participation-list"), {"activity": activity_a.pk})
    assert len(ids(response)) == 1
    assert {row["organization"] for row in response.json()["results"]} == {organization_a.pk}
