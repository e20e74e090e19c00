"""The attendance sheet a trainer fills on a phone: tick names, add a walk-in."""

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from conftest import client_for
from madani.activities.models import Attendance
from madani.people.models import Person
from tests.factories import ActivityFactory, ParticipationFactory, PersonFactory, SessionFactory, place


def test_the_trainer_ticks_who_is_present(trainer_a, activity_a, person_a, branch_a):
    other = ParticipationFactory(activity=activity_a).person
    session = activity_a.sessions.all()[1]
    url = reverse("activities:attendance", args=[activity_a.pk, session.pk])
    client = client_for(trainer_a)
    assert person_a.full_name in client.get(url).content.decode()
    response = client.post(url, {"present": [person_a.pk, other.pk]}, follow=True)
    assert gettext("Attendance saved: %(count)s present.") % {"count": 2} in response.content.decode()
    assert set(session.attendance.values_list("person_id", flat=True)) == {person_a.pk, other.pk}
    client.post(url, {"present": [other.pk]})  # un-ticking removes
    assert list(session.attendance.values_list("person_id", flat=True)) == [other.pk]


def test_someone_not_enrolled_cannot_be_ticked(client_a, activity_a, branch_a):
    stranger = PersonFactory(branch=branch_a)
    session = activity_a.sessions.first()
    before = set(session.attendance.values_list("person_id", flat=True))
    client_a.post(reverse("activities:attendance", args=[activity_a.pk, session.pk]), {"present": [stranger.pk]})
    assert set(session.attendance.values_list("person_id", flat=True)) == before


def test_a_trainer_cannot_open_the_sheet_of_an_activity_they_do_not_facilitate(trainer_a, branch_a):
    session = SessionFactory(activity=ActivityFactory(branch=branch_a))
    url = reverse("activities:attendance", args=[session.activity.pk, session.pk])
    assert client_for(trainer_a).get(url).status_code == 404


def test_a_walk_in_is_registered_enrolled_and_marked_present(trainer_a, activity_a):
    session = activity_a.sessions.first()
    client_for(trainer_a).post(reverse("activities:walk_in", args=[activity_a.pk, session.pk]), {
        "full_name": "ريم  الجاسم", "gender": "female", "birth_year": "1998", "home_place": place("SY110100").pk})
    person = Person.objects.get(full_name="ريم الجاسم")
    assert person.branch == activity_a.branch
    assert activity_a.participations.filter(person=person).exists()
    assert Attendance.objects.filter(session=session, person=person).exists()


def test_a_walk_in_who_is_already_registered_is_offered_instead_of_duplicated(trainer_a, activity_a, person_a):
    session = activity_a.sessions.all()[2]
    url = reverse("activities:walk_in", args=[activity_a.pk, session.pk])
    client = client_for(trainer_a)
    response = client.post(url, {"full_name": "احمد علي الخلف", "gender": "male", "birth_year": "1990",
                                 "home_place": place("SY110100").pk})
    assert response.status_code == 200 and f"#{person_a.pk}" in response.content.decode()
    assert Person.objects.filter(name_key=person_a.name_key).count() == 1
    client.post(url, {"existing": person_a.pk})
    assert Attendance.objects.filter(session=session, person=person_a).exists()


def test_a_walk_in_form_error_is_shown_once(trainer_a, activity_a):
    session = activity_a.sessions.first()
    response = client_for(trainer_a).post(reverse("activities:walk_in", args=[activity_a.pk, session.pk]), {
        "full_name": "", "gender": "female", "birth_year": "1200", "home_place": place("SY110100").pk})
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("full_name", "birth_year"):
        errors = response.context["form"].errors[field]
        assert errors
        for error in errors:
            assert html.count(str(escape(error))) == 1, error
