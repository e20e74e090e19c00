"""What a trainer on a phone and the staff expect (issue 12): bulk enrolment and completion, the
trainer's sessions page, links between a day's sheets, the pre-filled template and the paper sheet."""

import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Participation, Status
from tests.factories import (
    PASSWORD,
    ActivityFactory,
    AffiliationFactory,
    AttendanceFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
)


def _add_url(activity):
    return reverse("activities:participant_add", args=[activity.pk])


def test_several_people_are_enrolled_at_once(client_a, activity_a, branch_a):
    people = [PersonFactory(branch=branch_a, full_name=f"هبة الأحمد {n}") for n in range(3)]
    client_a.post(_add_url(activity_a), {"people": [p.pk for p in people], "q": "هبة"})
    assert set(activity_a.participations.values_list("person_id", flat=True)) >= {p.pk for p in people}


def test_bulk_enrolment_is_all_or_nothing_and_names_each_refusal(client_a, activity_a, branch_a, person_a):
    newcomer = PersonFactory(branch=branch_a, full_name="هبة الأحمد")
    response = client_a.post(_add_url(activity_a), {"people": [newcomer.pk, person_a.pk], "q": "x"}, follow=True)
    said = [str(m) for m in response.context["messages"]]
    assert gettext("%(person)s is already enrolled.") % {"person": person_a} in said
    assert not activity_a.participations.filter(person=newcomer).exists()


def test_bulk_enrolment_refuses_someone_of_another_branch(client_a, activity_a, branch_b):
    stranger = PersonFactory(branch=branch_b)
    client_a.post(_add_url(activity_a), {"people": [stranger.pk]})
    assert not activity_a.participations.filter(person=stranger).exists()


def test_coaching_enrols_only_people_of_the_organization_it_serves(client_a, branch_a, organization_a):
    coaching = ActivityFactory(branch=branch_a, kind="coaching")
    coaching.target_organizations.add(organization_a)
    outsider = PersonFactory(branch=branch_a)
    AffiliationFactory(person=outsider, organization=OrganizationFactory(branch=branch_a))
    insider = PersonFactory(branch=branch_a)
    AffiliationFactory(person=insider, organization=organization_a)
    client_a.post(_add_url(coaching), {"people": [insider.pk, outsider.pk]})
    assert not coaching.participations.exists()
    client_a.post(_add_url(coaching), {"people": [insider.pk]})
    assert list(coaching.participations.values_list("person_id", flat=True)) == [insider.pk]


def test_the_rule_previews_who_was_present_at_two_sessions_or_more_then_saves(trainer_a, activity_a, person_a):
    sessions = list(activity_a.sessions.order_by("date"))
    regular, once = (ParticipationFactory(activity=activity_a).person for _ in range(2))
    for session in sessions[:2]:
        AttendanceFactory(session=session, person=regular)
    AttendanceFactory(session=sessions[0], person=once)
    url = reverse("activities:participants_complete", args=[activity_a.pk])
    client = client_for(trainer_a)
    preview = client.get(url, {"at_least": 2})
    assert preview.context["ticked"] == {regular.pk}
    assert not Participation.objects.get(activity=activity_a, person=regular).completed  # nothing saved yet
    client.post(url, {"completed": [regular.pk]})
    client.post(url, {"completed": [regular.pk]})  # twice: harmless
    completed = set(activity_a.participations.completed().values_list("person_id", flat=True))
    assert completed == {regular.pk}  # person A, completed before, is no longer ticked


def test_the_rule_cannot_ask_for_more_sessions_than_there_are(client_a, activity_a):
    page = client_a.get(reverse("activities:participants_complete", args=[activity_a.pk]), {"at_least": 9})
    assert page.context["at_least"] is None and page.context["rule"].errors


def test_all_present_ticks_everyone_in_the_page(trainer_a, activity_a):
    url = reverse("activities:attendance", args=[activity_a.pk, activity_a.sessions.first().pk])
    assert gettext("All present") in client_for(trainer_a).get(url).content.decode()


def test_a_day_s_sheet_links_to_the_previous_and_next_sessions(trainer_a, activity_a):
    first, second, third = activity_a.sessions.order_by("date")
    page = client_for(trainer_a).get(reverse("activities:attendance", args=[activity_a.pk, second.pk]))
    assert (page.context["previous"], page.context["following"]) == (first, third)
    html = page.content.decode()
    assert reverse("activities:attendance", args=[activity_a.pk, third.pk]) in html
    assert reverse("activities:attendance", args=[activity_a.pk, first.pk]) in html


def test_the_trainer_lands_on_today_s_and_coming_sessions(trainer_a, branch_a, trainer_person_a, activity_a):
    today = timezone.localdate()
    week = ActivityFactory(branch=branch_a, status=Status.ONGOING, start_date=today,
                           end_date=today + datetime.timedelta(days=3))
    week.facilitators.add(trainer_person_a)
    todays = SessionFactory(activity=week, date=today)
    coming = SessionFactory(activity=week, date=today + datetime.timedelta(days=3))
    someone_else = SessionFactory(activity=week, date=today + datetime.timedelta(days=1),
                                  facilitator=PersonFactory(branch=branch_a))
    client = client_for(trainer_a)
    response = client.post(reverse("account_login"), {"login": trainer_a.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("activities:my_sessions")
    page = client.get(reverse("activities:my_sessions"))
    assert list(page.context["todays"]) == [todays]
    assert list(page.context["upcoming"]) == [coming]
    assert someone_else not in page.context["upcoming"]
    assert reverse("activities:attendance", args=[week.pk, todays.pk]) in page.content.decode()


def test_the_sessions_page_is_the_trainers(client_a):
    assert client_a.get(reverse("activities:my_sessions")).status_code == 403


def test_the_template_comes_filled_with_the_enrolled_names(trainer_a, activity_a, person_a):
    response = client_for(trainer_a).get(reverse("activities:import_template_xlsx", args=[activity_a.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][:6] == [person_a.full_name, person_a.gender, 1990, "SY110100", None, str(person_a.affiliations.get()
                                                                                    .organization)]


def test_the_filled_template_imports_attendance_without_a_new_person(client_a, activity_a, person_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from madani.people.models import Person

    response = client_a.get(reverse("activities:import_template_xlsx", args=[activity_a.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    sheet.cell(row=2, column=8, value="x")  # present on the second day
    output = io.BytesIO()
    workbook.save(output)
    people = Person.objects.count()
    upload = SimpleUploadedFile("attendance.xlsx", output.getvalue())
    client_a.post(reverse("activities:import_start", args=[activity_a.pk]), {"sheet": upload})
    client_a.post(reverse("activities:import_preview", args=[activity_a.pk]), {"commit": "1"})
    assert Person.objects.count() == people
    second = activity_a.sessions.order_by("date")[1]
    assert second.attendance.filter(person=person_a).exists()


def test_the_paper_sign_in_sheet_lists_the_enrolled_and_blank_lines(trainer_a, activity_a, person_a):
    session = activity_a.sessions.first()
    page = client_for(trainer_a).get(reverse("activities:sign_in_sheet", args=[activity_a.pk, session.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and person_a.full_name in html and gettext("Signature") in html
    assert 'dir="rtl"' in html and "madani/sign_in_sheet.css" in html
    assert len(page.context["blank_lines"]) == 8


def test_a_name_with_markup_stays_text_on_the_paper_sheet(trainer_a, activity_a):
    ParticipationFactory(activity=activity_a, person=PersonFactory(branch=activity_a.branch,
                                                                   full_name="<script>x</script>"))
    session = activity_a.sessions.first()
    html = client_for(trainer_a).get(reverse("activities:sign_in_sheet", args=[activity_a.pk, session.pk])).content
    assert b"<script>x</script>" not in html


def test_the_paper_sheet_of_another_branch_is_not_found(client_b, activity_a):
    session = activity_a.sessions.first()
    assert client_b.get(reverse("activities:sign_in_sheet", args=[activity_a.pk, session.pk])).status_code == 404




def test_completion_refuses_someone_not_enrolled_and_changes_nothing(client_a, activity_a, branch_b):
    stranger = PersonFactory(branch=branch_b)
    url = reverse("activities:participants_complete", args=[activity_a.pk])
    response = client_a.post(url, {"completed": [stranger.pk]})
    assert response.status_code == 200 and response.context["errors"]
    assert activity_a.participations.completed().count() == 1  # person A, as before


def test_a_formula_in_a_name_stays_text_in_the_filled_template(client_a, activity_a):
    ParticipationFactory(activity=activity_a, person=PersonFactory(
        branch=activity_a.branch, full_name='=HYPERLINK("http://evil.example","x")'))
    response = client_a.get(reverse("activities:import_template_xlsx", args=[activity_a.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert any(cell.value.startswith("=HYPERLINK") for cell in cells)  # the name, as it is…
    assert all(cell.data_type == "s" for cell in cells)  # …as text, never a formula
    csv_text = b"".join(client_a.get(reverse("activities:import_template_csv", args=[activity_a.pk]))
                        .streaming_content).decode("utf-8-sig")
    assert "\n=HYPERLINK" not in csv_text and not any(line.startswith("=") for line in csv_text.splitlines())
