"""Need-to-know for trainers (issue 10): a trainer sees the people of the activities they facilitate (the whole
activity or one of its sessions) — not the rest of their branch's registry — in every path: list, detail,
export, search, the API; and the organizations those activities served."""

import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from madani.api.tests.helpers import api_client, ids
from madani.organizations.models import Organization
from madani.people.models import Person
from tests.factories import (
    ActivityFactory,
    AffiliationFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SessionFactory,
)


@pytest.fixture
def stranger_a(branch_a):
    """A person of branch A's registry who never took part in the trainer's activities, affiliated with an
    organization of branch A that none of them served."""
    person = PersonFactory(branch=branch_a, full_name="أحمد الغريب")
    AffiliationFactory(person=person, organization=OrganizationFactory(branch=branch_a, name_ar="منظمة لا تخصه",
                                                                       name="منظمة لا تخصه"))
    return person


@pytest.fixture
def session_trainee(branch_a, trainer_person_a):
    """A trainee of an activity whose one session (only) trainer A facilitated."""
    activity = ActivityFactory(branch=branch_a, start_date=datetime.date(2026, 4, 1), end_date=datetime.date(2026, 4, 2))
    SessionFactory(activity=activity, facilitator=trainer_person_a)
    person = PersonFactory(branch=branch_a, full_name="منى متدربة الجلسة")
    ParticipationFactory(activity=activity, person=person)
    return person


def test_a_trainer_sees_only_the_people_of_the_activities_they_facilitate(
        trainer_a, activity_a, person_a, trainer_person_a, stranger_a, session_trainee):
    visible = set(Person.objects.visible_to(trainer_a))
    assert {person_a, trainer_person_a, session_trainee} <= visible
    assert stranger_a not in visible


def test_the_people_list_detail_export_and_search_hide_the_rest_of_the_branch(trainer_a, activity_a, person_a,
                                                                               stranger_a):
    client = client_for(trainer_a)
    listed = list(client.get(reverse("people:list")).context["page"])
    assert person_a in listed and stranger_a not in listed
    assert client.get(reverse("people:list"), {"q": "الغريب"}).context["page"].paginator.count == 0
    assert client.get(reverse("people:detail", args=[stranger_a.pk])).status_code == 404
    assert client.get(reverse("people:detail", args=[person_a.pk])).status_code == 200
    export = b"".join(client.get(reverse("people:export")).streaming_content).decode("utf-8-sig")
    assert person_a.full_name in export and stranger_a.full_name not in export
    candidates = client.get(reverse("activities:participant_add", args=[activity_a.pk]), {"q": "الغريب"})
    assert list(candidates.context["people"]) == []


def test_the_people_api_shows_a_trainer_only_their_activities_people(trainer_a, activity_a, person_a, stranger_a):
    client = api_client(trainer_a)
    listed = ids(client.get(reverse("api:person-list")))
    assert person_a.pk in listed and stranger_a.pk not in listed
    assert client.get(reverse("api:person-detail", args=[stranger_a.pk])).status_code == 404
    # person A's other organization, which the trainer's activities did not serve, is not named either
    AffiliationFactory(person=person_a, organization=stranger_a.affiliations.get().organization)
    detail = client.get(reverse("api:person-detail", args=[person_a.pk])).json()
    assert detail["organizations"] == [person_a.affiliations.order_by("pk").first().organization_id]


def test_branch_staff_still_see_the_whole_branch_registry(staff_a, activity_a, stranger_a):
    assert stranger_a in Person.objects.visible_to(staff_a)


def test_a_trainer_sees_the_organizations_their_activities_served_only(trainer_a, activity_a, organization_a,
                                                                       stranger_a):
    other = stranger_a.affiliations.get().organization
    assert set(Organization.objects.visible_to(trainer_a)) == {organization_a}
    client = client_for(trainer_a)
    assert client.get(reverse("organizations:detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("organizations:detail", args=[organization_a.pk])).status_code == 200
    export = b"".join(client.get(reverse("organizations:export")).streaming_content).decode("utf-8-sig")
    assert "منظمة لا تخصه" not in export
    assert other.pk not in ids(api_client(trainer_a).get(reverse("api:organization-list")))
