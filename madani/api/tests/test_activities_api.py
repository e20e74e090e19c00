"""/api/v1/activities/ (issue 3, 'API and access'): scoped by visible_to, written through services."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from madani.activities.models import Activity
from tests.factories import ActivityFactory, ParticipationFactory, ProgramFactory

from .helpers import api_client, ids

LIST = reverse("api:activity-list")


def _detail(activity):
    return reverse("api:activity-detail", args=[activity.pk])


def _new_activity(branch, program, **extra):
    return {"kind": "workshop", "title_ar": "ورشة المناصرة", "title_en": "Advocacy workshop", "program": program.pk,
            "branch": branch.pk, "place": "SY110100", "start_date": "2026-04-05", "end_date": "2026-04-07",
            "status": "planned", "topics": ["advocacy"], **extra}


def test_branch_staff_list_only_their_branch_activities(staff_a, staff_b, activity_a, branch_b):
    other = ActivityFactory(branch=branch_b)
    assert ids(api_client(staff_a).get(LIST)) == [activity_a.pk]
    assert ids(api_client(staff_b).get(LIST)) == [other.pk]
    assert api_client(staff_b).get(_detail(activity_a)).status_code == 404


def test_a_trainer_lists_only_the_activities_they_facilitate(trainer_a, activity_a, branch_a):
    ActivityFactory(branch=branch_a)
    assert ids(api_client(trainer_a).get(LIST)) == [activity_a.pk]


def test_a_cso_member_lists_only_activities_their_organization_took_part_in(cso_member, activity_a, branch_a):
    ParticipationFactory(activity=ActivityFactory(branch=branch_a))
    assert ids(api_client(cso_member).get(LIST)) == [activity_a.pk]


def test_activities_are_filtered_and_searched(staff_a, activity_a, branch_a):
    ActivityFactory(branch=branch_a, kind="coaching", title_ar="جلسة صقل", title_en="Coaching")
    client = api_client(staff_a)
    assert ids(client.get(LIST, {"kind": "training"})) == [activity_a.pk]
    assert ids(client.get(LIST, {"search": "المناصره"})) == [activity_a.pk]  # ة typed as ه


def test_recording_an_activity_with_a_session_for_each_day(staff_a, branch_a, trainer_person_a):
    program = ProgramFactory()
    response = api_client(staff_a).post(
        LIST, _new_activity(branch_a, program, facilitators=[trainer_person_a.pk], session_per_day=True), format="json"
    )
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.title_ar == "ورشة المناصرة" and activity.title_en == "Advocacy workshop"
    assert [s.date.day for s in activity.sessions.all()] == [5, 6, 7]
    assert {s.facilitator for s in activity.sessions.all()} == {trainer_person_a}
    assert activity.created_by == staff_a
    assert activity.history.first().history_user == staff_a


def test_an_activity_cannot_be_recorded_in_another_branch(staff_b, branch_a):
    response = api_client(staff_b).post(LIST, _new_activity(branch_a, ProgramFactory()), format="json")
    assert response.status_code == 400 and "branch" in response.json()
    assert not Activity.objects.exists()


def test_facilitators_must_be_people_the_recorder_can_see(staff_b, branch_b, trainer_person_a):
    response = api_client(staff_b).post(
        LIST, _new_activity(branch_b, ProgramFactory(), facilitators=[trainer_person_a.pk]), format="json"
    )
    assert response.status_code == 400 and "facilitators" in response.json()


def test_trainers_and_cso_members_cannot_record_activities(trainer_a, cso_member, branch_a, activity_a):
    for user in (trainer_a, cso_member):
        client = api_client(user)
        assert client.post(LIST, _new_activity(branch_a, ProgramFactory()), format="json").status_code == 403
        assert client.patch(_detail(activity_a), {"title_ar": "x"}, format="json").status_code == 403
        assert client.delete(_detail(activity_a)).status_code == 403
    assert Activity.objects.count() == 1


def test_an_end_before_the_start_is_refused_with_a_translated_message(staff_a, branch_a):
    response = api_client(staff_a).post(
        LIST, _new_activity(branch_a, ProgramFactory(), end_date="2026-04-01"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["end_date"] == [gettext("The end date cannot be before the start date.")]


def test_an_activity_cannot_shrink_away_from_its_sessions(staff_a, activity_a):
    response = api_client(staff_a).patch(
        _detail(activity_a), {"end_date": str(activity_a.start_date)}, format="json"
    )
    assert response.status_code == 400
    message = gettext("%(count)s session(s) fall outside the activity's new dates; move them first.") % {"count": 2}
    assert message in str(response.json())
    activity_a.refresh_from_db()
    assert activity_a.end_date == activity_a.start_date + datetime.timedelta(days=2)


def test_editing_in_english_keeps_both_titles(staff_a, activity_a):
    response = api_client(staff_a).patch(
        _detail(activity_a), {"title_en": "Advocacy training, round 2"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200, response.json()
    activity_a.refresh_from_db()
    assert (activity_a.title_ar, activity_a.title_en) == ("تدريب المناصرة", "Advocacy training, round 2")


def test_deleting_an_activity_goes_through_the_service(staff_a, activity_a):
    assert api_client(staff_a).delete(_detail(activity_a)).status_code == 204
    assert not Activity.objects.exists()
    assert Activity.history.filter(history_type="-").get().history_user == staff_a


def test_programs_and_topics_are_readable_by_signed_in_users(trainer_a, activity_a, anonymous):
    client = api_client(trainer_a)
    assert activity_a.program.pk in ids(client.get(reverse("api:program-list")))
    codes = [t["code"] for t in client.get(reverse("api:topic-list")).json()["results"]]
    assert "advocacy" in codes and "strategic-planning" in codes
    assert client.post(reverse("api:topic-list"), {"code": "x"}).status_code in (403, 405)
    assert anonymous.get(reverse("api:topic-list")).status_code in (401, 403)
