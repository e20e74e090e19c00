"""Adding a person's affiliation to an organization."""

from django.urls import reverse
from django.utils.translation import gettext


def test_an_affiliation_ending_before_it_starts_is_refused(client_a, person_a, organization_a):
    response = client_a.post(reverse("people:affiliation_add", args=[person_a.pk]), {
        "organization": organization_a.pk, "role": "منسق", "start_date": "2024-05-01", "end_date": "2024-01-01"})
    assert response.status_code == 200
    assert gettext("The end date cannot be before the start date.") in response.content.decode()
    assert person_a.affiliations.count() == 1  # only the fixture's


def test_a_walk_in_matched_to_an_existing_person_keeps_the_organization_the_trainer_chose(trainer_a, activity_a,
                                                                                          person_a, branch_a):
    """Issue 12: "This is them" on a listed duplicate kept the person's old organization, not the chosen one."""
    from conftest import client_for
    from madani.activities.models import Attendance, Participation
    from tests.factories import OrganizationFactory, place

    chosen = OrganizationFactory(branch=branch_a, name="جمعية الفرات")
    activity_a.target_organizations.add(chosen)  # a trainer picks among the organizations the activity serves
    activity_a.participations.filter(person=person_a).delete()
    session = activity_a.sessions.all()[2]
    url = reverse("activities:walk_in", args=[activity_a.pk, session.pk])
    client = client_for(trainer_a)
    response = client.post(url, {"full_name": person_a.full_name, "gender": person_a.gender, "birth_year": "1990",
                                 "home_place": place("SY110100").pk, "organization": chosen.pk})
    assert f'name="organization" value="{chosen.pk}"' in response.content.decode(), response.context["form"].errors

    client.post(url, {"existing": person_a.pk, "organization": chosen.pk})

    assert Attendance.objects.filter(session=session, person=person_a).exists()
    assert Participation.objects.get(activity=activity_a, person=person_a).organization == chosen
    assert person_a.affiliations.filter(organization=chosen, end_date__isnull=True).exists()
    assert person_a.affiliations.count() == 2  # the earlier affiliation stays


def test_a_new_walk_in_is_affiliated_with_the_chosen_organization(trainer_a, activity_a, branch_a):
    from conftest import client_for
    from madani.people.models import Person
    from tests.factories import OrganizationFactory, place

    chosen = OrganizationFactory(branch=branch_a)
    activity_a.target_organizations.add(chosen)
    session = activity_a.sessions.first()
    client_for(trainer_a).post(reverse("activities:walk_in", args=[activity_a.pk, session.pk]), {
        "full_name": "ريم الجاسم", "gender": "female", "birth_year": "1998", "home_place": place("SY110100").pk,
        "organization": chosen.pk})
    assert list(Person.objects.get(full_name="ريم الجاسم").organizations.all()) == [chosen]
