"""Registering a person through the API runs the registry's duplicate check first."""

from django.urls import reverse
from django.utils.translation import gettext

from madani.people.models import Person

from .helpers import api_client

LIST = reverse("api:person-list")


def _same_as(person, **extra):
    return {"full_name": "احمد علي الخلف", "gender": "male", "birth_year": person.birth_year,
            "home_place": person.home_place.pcode, "branch": person.branch_id, **extra}


def test_a_likely_duplicate_answers_409_with_the_candidates(staff_a, person_a):
    response = api_client(staff_a).post(LIST, _same_as(person_a), format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["duplicates"] == [person_a.pk]
    assert body["detail"] == gettext(
        "This person may already be registered. Open the existing record, or confirm that this is a different person.")
    assert Person.objects.count() == 1


def test_confirm_new_registers_the_person_anyway(staff_a, person_a):
    response = api_client(staff_a).post(LIST, _same_as(person_a, confirm_new=True), format="json")
    assert response.status_code == 201, response.json()
    assert "confirm_new" not in response.json()
    assert Person.objects.count() == 2


def test_people_of_other_branches_are_not_offered_as_duplicates(staff_b, person_a, branch_b):
    response = api_client(staff_b).post(LIST, _same_as(person_a, branch=branch_b.pk), format="json")
    assert response.status_code == 201, response.json()


def test_editing_a_person_skips_the_check(staff_a, person_a, branch_a):
    twin = Person.objects.create(full_name="احمد علي الخلف", gender="male", birth_year=person_a.birth_year,
                                 home_place=person_a.home_place, branch=branch_a)
    response = api_client(staff_a).patch(reverse("api:person-detail", args=[twin.pk]), {"birth_year": 1990},
                                         format="json")
    assert response.status_code == 200
