"""Need-to-know on the activity pages (issue 10): a CSO member opening an activity their organization took
part in sees their own organization's people and figures only, never the other organizations served."""

from django.urls import reverse

from conftest import client_for


def test_a_cso_member_sees_only_their_organization_among_those_served(activity_a, cso_member,
                                                                       other_organization_in_activity_a):
    html = client_for(cso_member).get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    assert "منظمة توتول" in html
    assert "منظمة الفرات الأخرى" not in html
    assert "مشارك غريب" not in html


def test_a_cso_member_sees_the_attendance_of_their_organization_only(activity_a, cso_member,
                                                                     other_organization_in_activity_a):
    response = client_for(cso_member).get(reverse("activities:detail", args=[activity_a.pk]))
    sessions = list(response.context["sessions"])
    assert [s.present for s in sessions] == [1, 0, 0]  # their one person, not the 4 present in all
    summary = response.context["summary"]
    assert (summary["total"], summary["men"]) == (1, 0)


def test_branch_staff_still_see_the_whole_activity(activity_a, client_a, other_organization_in_activity_a):
    response = client_a.get(reverse("activities:detail", args=[activity_a.pk]))
    assert [s.present for s in response.context["sessions"]] == [4, 0, 0]
    assert "منظمة الفرات الأخرى" in response.content.decode()


def test_a_cso_member_counts_only_their_people_in_the_activity_list_and_export(activity_a, cso_member,
                                                                              other_organization_in_activity_a):
    client = client_for(cso_member)
    page = client.get(reverse("activities:list"))
    assert [a.participant_count for a in page.context["page"]] == [1]
    export = client.get(reverse("activities:export") + "?format=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    last_row = text.strip().splitlines()[-1]
    assert last_row.rstrip("\r").endswith(",1")
