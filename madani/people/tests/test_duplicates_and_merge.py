import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from madani.people.models import Affiliation, Person
from madani.people.services import person_merge
from tests.factories import AffiliationFactory, OrganizationFactory, PersonFactory, place


def _new_person_form(**overrides):
    data = {
        "full_name": "احمد علي الخلف",  # typed without hamza
        "gender": "male",
        "birth_year": "1990",
        "displacement": "resident",
        "home_place": str(place("SY110100").pk),
        "branch": "",
    }
    data.update(overrides)
    return data


def test_creating_a_likely_duplicate_shows_the_existing_record_first(client_a, person_a, branch_a):
    response = client_a.post(reverse("people:create"), _new_person_form(branch=branch_a.pk))
    assert response.status_code == 200
    assert list(response.context["duplicates"]) == [person_a]
    assert reverse("people:detail", args=[person_a.pk]) in response.content.decode()
    assert Person.objects.count() == 1


def test_the_duplicate_check_ignores_diacritics_tatweel_and_hamza_forms(client_a, person_a, branch_a):
    response = client_a.post(
        reverse("people:create"), _new_person_form(branch=branch_a.pk, full_name="أَحْمَـد  علي   الخلف")
    )
    assert response.context["duplicates"] == [person_a]


def test_a_confirmed_different_person_is_saved(client_a, person_a, branch_a):
    response = client_a.post(reverse("people:create"), _new_person_form(branch=branch_a.pk, confirm_new="on"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_another_birth_year_or_place_is_not_a_duplicate(client_a, person_a, branch_a):
    response = client_a.post(reverse("people:create"), _new_person_form(branch=branch_a.pk, birth_year="1991"))
    assert response.status_code == 302
    other_place = place("SY110200").pk
    response = client_a.post(reverse("people:create"), _new_person_form(branch=branch_a.pk, home_place=other_place))
    assert response.status_code == 302


def test_duplicates_in_another_branch_are_not_revealed(client_b, person_a, branch_b):
    response = client_b.post(reverse("people:create"), _new_person_form(branch=branch_b.pk))
    assert response.status_code == 302  # saved at once: branch B is not shown branch A's person
    assert Person.objects.filter(branch=branch_b, full_name="احمد علي الخلف").exists()


def test_merge_keeps_everything_attached_to_both_records(client_a, staff_a, person_a, branch_a):
    duplicate = PersonFactory(branch=branch_a, full_name="احمد علي الخلف", birth_year=1990, phone="", email="",
                              home_place=person_a.home_place, disability=True, notes="من جدول آخر")
    person_a.phone = ""
    person_a.save()
    duplicate.phone = "+963 955 123 456"
    duplicate.save()
    other_org = OrganizationFactory(branch=branch_a)
    AffiliationFactory(person=duplicate, organization=other_org, role="منسق")
    kept_affiliations = set(Affiliation.objects.values_list("pk", flat=True))

    response = client_a.post(reverse("people:merge", args=[person_a.pk]),
                             {"other": duplicate.pk, "survivor": "this", "field_full_name": "this", "confirm": "on"})

    assert response.status_code == 302
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    person_a.refresh_from_db()
    assert set(person_a.affiliations.values_list("pk", flat=True)) == kept_affiliations
    assert other_org in person_a.organizations.all()
    assert person_a.phone == "+963 955 123 456"  # filled from the removed record
    assert person_a.disability is True
    assert "من جدول آخر" in person_a.notes
    reasons = list(person_a.history.values_list("history_change_reason", flat=True))
    assert any(f"#{duplicate.pk}" in (reason or "") for reason in reasons)


def test_merge_needs_the_confirmation_box(client_a, person_a, branch_a):
    duplicate = PersonFactory(branch=branch_a, full_name=person_a.full_name)
    response = client_a.post(reverse("people:merge", args=[person_a.pk]), {"other": duplicate.pk, "survivor": "this"})
    assert response.status_code == 200
    assert "confirm" in response.context["form"].errors
    assert Person.objects.filter(pk=duplicate.pk).exists()


def test_a_record_of_another_branch_cannot_be_merged_in(client_a, person_a, branch_b):
    foreign = PersonFactory(branch=branch_b, full_name=person_a.full_name)
    response = client_a.post(reverse("people:merge", args=[person_a.pk]),
                             {"other": foreign.pk, "survivor": "this", "confirm": "on"})
    assert response.status_code == 404
    assert Person.objects.filter(pk=foreign.pk).exists()


def test_trainers_cannot_merge(trainer_a, activity_a, person_a):
    from conftest import client_for

    assert client_for(trainer_a).get(reverse("people:merge", args=[person_a.pk])).status_code == 403


def test_a_person_cannot_be_merged_with_themself(staff_a, person_a):
    with pytest.raises(ValidationError):
        person_merge(actor=staff_a, keep=person_a, remove=person_a)


def test_the_merge_is_all_or_nothing(staff_a, person_a, branch_a, monkeypatch):
    duplicate = PersonFactory(branch=branch_a, full_name=person_a.full_name)
    AffiliationFactory(person=duplicate, organization=person_a.affiliations.first().organization)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Person, "delete", fail)
    with pytest.raises(RuntimeError):
        person_merge(actor=staff_a, keep=person_a, remove=duplicate)
    assert duplicate.affiliations.count() == 1  # the moved affiliation went back
    assert person_a.affiliations.count() == 1
