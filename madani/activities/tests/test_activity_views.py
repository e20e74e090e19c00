"""Recording an activity, its sessions and participants through the pages."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Activity, Participation
from tests.factories import ProgramFactory, place


def _form(branch, program, **extra):
    data = {
        "kind": "workshop", "title_ar": "ورشة الحوكمة", "title_en": "Governance workshop", "program": program.pk,
        "branch": branch.pk, "place": place("SY110100").pk, "start_date": "2026-04-05", "end_date": "2026-04-07",
        "status": "planned", "session_per_day": "on",
    }
    return {**data, **extra}


def test_a_three_day_workshop_gets_a_session_per_day(client_a, branch_a):
    program = ProgramFactory()
    response = client_a.post(reverse("activities:create"), _form(branch_a, program))
    activity = Activity.objects.get(title_en="Governance workshop")
    assert response.status_code == 302 and response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert [s.date for s in activity.sessions.all()] == [datetime.date(2026, 4, d) for d in (5, 6, 7)]
    assert activity.search_key.startswith("ورشه الحوكمه")


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(client_a, branch_a):
    response = client_a.post(reverse("activities:create"), _form(branch_a, ProgramFactory(), end_date="2026-04-01"))
    assert response.status_code == 200
    assert gettext("The end date cannot be before the start date.") in response.content.decode()
    assert not Activity.objects.exists()


def test_a_trainer_cannot_record_activities(trainer_a, branch_a):
    response = client_for(trainer_a).post(reverse("activities:create"), _form(branch_a, ProgramFactory()))
    assert response.status_code == 403 and not Activity.objects.exists()


def test_the_list_shows_only_the_branch_activities(client_a, client_b, activity_a):
    assert "تدريب المناصرة" in client_a.get(reverse("activities:list")).content.decode()
    assert "تدريب المناصرة" not in client_b.get(reverse("activities:list")).content.decode()


def test_the_list_finds_an_activity_by_a_word_without_diacritics(client_a, activity_a):
    body = client_a.get(reverse("activities:list"), {"q": "مناصره"}, HTTP_HX_REQUEST="true").content.decode()
    assert "تدريب المناصرة" in body


def test_the_detail_page_counts_participants_by_gender(client_a, activity_a):
    body = client_a.get(reverse("activities:detail", args=[activity_a.pk])).content.decode()
    expected = gettext("%(total)s participants: %(women)s women and %(men)s men; %(completed)s completed.") % {
        "total": 1, "women": 1, "men": 0, "completed": 1}
    assert expected in body


def test_a_session_outside_the_activity_dates_is_refused(client_a, activity_a):
    response = client_a.post(reverse("activities:session_add", args=[activity_a.pk]), {"date": "2026-05-01"})
    assert response.status_code == 200 and activity_a.sessions.count() == 3
    assert gettext("The date must fall within the activity (%(start)s – %(end)s).") % {
        "start": activity_a.start_date, "end": activity_a.end_date} in response.content.decode()


def test_enrolling_from_the_registry_search_represents_the_current_organization(client_a, activity_a, branch_a,
                                                                                organization_a):
    from tests.factories import AffiliationFactory, PersonFactory

    newcomer = PersonFactory(branch=branch_a, full_name="هبة الأحمد")
    AffiliationFactory(person=newcomer, organization=organization_a)
    url = reverse("activities:participant_add", args=[activity_a.pk])
    assert "هبة الأحمد" in client_a.get(url, {"q": "هبه"}, HTTP_HX_REQUEST="true").content.decode()
    client_a.post(url, {"person": newcomer.pk, "q": "هبه"})
    assert Participation.objects.get(activity=activity_a, person=newcomer).organization == organization_a
    assert "هبة الأحمد" not in client_a.get(url, {"q": "هبه"}, HTTP_HX_REQUEST="true").content.decode()


def test_removing_a_participant_removes_their_attendance(client_a, activity_a, person_a):
    participation = activity_a.participations.get(person=person_a)
    client_a.post(reverse("activities:participant_remove", args=[activity_a.pk, participation.pk]), {"confirm": "on"})
    assert not activity_a.participations.exists()
    assert not person_a.attendance.exists()


def test_recording_in_english_keeps_both_titles(client_a, branch_a):
    client_a.post("/en" + reverse("activities:create"), _form(branch_a, ProgramFactory()))
    activity = Activity.objects.get()
    assert (activity.title_ar, activity.title_en) == ("ورشة الحوكمة", "Governance workshop")
