"""Issue 12: merge field by field, nothing dropped silently; the queue of likely duplicates."""

from django.urls import reverse

from madani.activities.models import Participation
from madani.people.models import DistinctPair, MergeRecord, Person
from madani.people.services import person_merge
from tests.factories import PersonFactory, place


def _twin(person, **fields):
    values = {"branch": person.branch, "full_name": person.full_name, "birth_year": person.birth_year,
              "home_place": person.home_place, "gender": person.gender, "phone": "", "email": "", **fields}
    return PersonFactory(**values)


def _merge(client, start, other, **choices):
    data = {"other": other.pk, "survivor": "this", "confirm": "on", **choices}
    return client.post(reverse("people:merge", args=[start.pk]), data)


def test_the_merge_page_shows_both_records_side_by_side_with_a_choice_where_they_differ(client_a, person_a):
    person_a.phone, person_a.email = "+963 933 000 111", ""
    person_a.save()
    other = _twin(person_a, phone="+963 944 222 333", email="twin@example.org")
    html = client_a.get(reverse("people:merge", args=[person_a.pk]), {"other": other.pk}).content.decode()
    assert "+963 933 000 111" in html and "+963 944 222 333" in html
    assert 'name="field_phone"' in html  # both filled and different: staff choose
    assert 'name="field_email"' not in html  # one side only: it is taken, nothing to choose
    assert "twin@example.org" in html
    assert 'name="survivor"' in html


def test_staff_choose_the_value_kept_and_the_other_one_is_kept_in_the_merge_history(client_a, person_a):
    person_a.phone = "+963 933 000 111"
    person_a.save()
    other = _twin(person_a, phone="+963 944 222 333")

    response = _merge(client_a, person_a, other, field_phone="other")

    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.phone == "+963 944 222 333"
    merge = MergeRecord.objects.get(kept=person_a)
    assert merge.removed_id == other.pk
    assert merge.discarded == {"phone": "+963 933 000 111"}
    detail = client_a.get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert "+963 933 000 111" in detail  # the phone not kept is shown with the merge


def test_the_record_you_start_from_need_not_be_the_one_that_stays(client_a, person_a, activity_a):
    other = _twin(person_a, birth_year=1985, name_latin="Ahmad")

    response = _merge(client_a, person_a, other, survivor="other", field_birth_year="this")

    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[other.pk])
    assert not Person.objects.filter(pk=person_a.pk).exists()
    other.refresh_from_db()
    assert other.birth_year == person_a.birth_year  # the value chosen from the removed record
    assert other.name_latin == "Ahmad"
    assert Participation.objects.filter(activity=activity_a, person=other).exists()
    assert MergeRecord.objects.get(kept=other).discarded == {"birth_year": 1985}


def test_a_choice_for_every_differing_field_is_required(client_a, person_a):
    other = _twin(person_a, gender="female" if person_a.gender == "male" else "male")
    response = client_a.post(reverse("people:merge", args=[person_a.pk]),
                             {"other": other.pk, "survivor": "this", "confirm": "on"})
    assert response.status_code == 200
    assert "field_gender" in response.context["form"].errors
    assert Person.objects.filter(pk=other.pk).exists()


def test_a_tampered_choice_is_refused(client_a, person_a):
    other = _twin(person_a, phone="1")
    person_a.phone = "2"
    person_a.save()
    response = _merge(client_a, person_a, other, field_phone="<script>", survivor="both")
    assert response.status_code == 200
    assert Person.objects.filter(pk=other.pk).exists()


def test_merging_twice_in_two_tabs_does_not_fail(client_a, person_a):
    other = _twin(person_a)
    assert _merge(client_a, person_a, other).status_code == 302
    assert _merge(client_a, person_a, other).status_code == 404  # the removed record is gone


def test_staff_who_cannot_see_contacts_do_not_see_them_in_the_merge_history(staff_a, person_a):
    other = _twin(person_a, phone="+963 944 222 333")
    person_a.phone = "+963 933 000 111"
    person_a.save()
    person_merge(actor=staff_a, keep=person_a, remove=other)
    merge = MergeRecord.objects.get(kept=person_a)
    assert merge.discarded_items(show_contacts=False) == []
    assert [value for _label, value in merge.discarded_items(show_contacts=True)] == ["+963 944 222 333"]


def test_the_queue_lists_likely_duplicates_of_the_branch_and_links_to_the_merge(client_a, person_a, branch_b):
    same_phone = PersonFactory(branch=person_a.branch, full_name=person_a.full_name, birth_year=None,
                               home_place=None, phone=person_a.phone or "+963 955 000 000")
    if not person_a.phone:
        person_a.phone = same_phone.phone
        person_a.save()
    elsewhere = _twin(person_a, branch=branch_b)
    other_year = _twin(person_a, birth_year=(person_a.birth_year or 1990) + 7, phone="")

    response = client_a.get(reverse("people:duplicates"))

    pairs = [(a.pk, b.pk) for a, b in response.context["pairs"]]
    assert pairs == [(person_a.pk, same_phone.pk)]
    assert elsewhere.pk not in {pk for pair in pairs for pk in pair}  # another branch's record
    assert other_year.pk not in {pk for pair in pairs for pk in pair}
    assert f'{reverse("people:merge", args=[person_a.pk])}?other={same_phone.pk}' in response.content.decode()


def test_not_the_same_person_is_remembered(client_a, person_a):
    other = _twin(person_a)
    response = client_a.post(reverse("people:duplicate_dismiss"), {"first": other.pk, "second": person_a.pk})
    assert response.status_code == 302
    assert DistinctPair.objects.filter(first=person_a, second=other).exists()
    assert client_a.get(reverse("people:duplicates")).context["pairs"] == []
    client_a.post(reverse("people:duplicate_dismiss"), {"first": other.pk, "second": person_a.pk})  # twice
    assert DistinctPair.objects.count() == 1


def test_another_branch_cannot_dismiss_or_see_the_pair(client_b, person_a):
    other = _twin(person_a)
    response = client_b.post(reverse("people:duplicate_dismiss"), {"first": person_a.pk, "second": other.pk})
    assert response.status_code == 404
    assert client_b.get(reverse("people:duplicates")).context["pairs"] == []


def test_trainers_have_no_queue(trainer_a):
    from conftest import client_for

    assert client_for(trainer_a).get(reverse("people:duplicates")).status_code == 403


def test_registration_also_asks_the_phone_rule(person_a):
    person_a.phone = "+963 955 111 222"
    person_a.save()
    found = Person.objects.likely_duplicates_of(full_name=person_a.full_name, birth_year=1901,
                                                home_place_id=place("SY110200").pk, phone="+963 955 111 222")
    assert list(found) == [person_a]
