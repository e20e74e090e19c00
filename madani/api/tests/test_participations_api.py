"""/api/v1/participations/: enrolment, completion and removal, through the ledger's services."""

from django.urls import reverse

from madani.activities.models import Attendance, Participation, Source
from tests.factories import ActivityFactory, OrganizationFactory, ParticipationFactory, PersonFactory

from .helpers import api_client, ids

LIST = reverse("api:participation-list")


def _detail(participation):
    return reverse("api:participation-detail", args=[participation.pk])


def test_enrolling_someone_is_idempotent(staff_a, activity_a, branch_a, organization_a):
    person = PersonFactory(branch=branch_a)
    client = api_client(staff_a)
    data = {"activity": activity_a.pk, "person": person.pk, "organization": organization_a.pk}
    first = client.post(LIST, data, format="json")
    assert first.status_code == 201, first.json()
    again = client.post(LIST, data, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    participation = Participation.objects.get(pk=first.json()["id"])
    assert participation.source == Source.API and participation.organization == organization_a


def test_people_of_another_branch_cannot_be_enrolled(staff_a, activity_a, branch_b):
    stranger = PersonFactory(branch=branch_b)
    response = api_client(staff_a).post(LIST, {"activity": activity_a.pk, "person": stranger.pk}, format="json")
    assert response.status_code == 400 and "person" in response.json()


def test_completion_and_organization_change_but_not_the_person(staff_a, activity_a, branch_a):
    participation = activity_a.participations.get()
    other_org = OrganizationFactory(branch=branch_a)
    response = api_client(staff_a).patch(_detail(participation), {
        "completed": False, "organization": other_org.pk, "person": PersonFactory(branch=branch_a).pk}, format="json")
    assert response.status_code == 200, response.json()
    participation.refresh_from_db()
    assert (participation.completed, participation.organization, participation.person_id) == (
        False, other_org, response.json()["person"])
    assert participation.history.first().history_user == staff_a


def test_removing_someone_removes_their_attendance(staff_a, activity_a, person_a):
    participation = activity_a.participations.get()
    assert api_client(staff_a).delete(_detail(participation)).status_code == 204
    assert not Participation.objects.exists()
    assert not Attendance.objects.filter(person=person_a).exists()


def test_a_trainer_marks_completion_on_their_own_activity_only(trainer_a, activity_a, branch_a):
    client = api_client(trainer_a)
    own = activity_a.participations.get()
    assert client.patch(_detail(own), {"completed": False}, format="json").status_code == 200
    other = ParticipationFactory(activity=ActivityFactory(branch=branch_a))
    assert client.patch(_detail(other), {"completed": True}, format="json").status_code == 404
    assert ids(client.get(LIST)) == [own.pk]


def test_a_cso_member_reads_only_their_organizations_participations(cso_member, activity_a, branch_a):
    ParticipationFactory(activity=activity_a, organization=OrganizationFactory(branch=branch_a))
    own = activity_a.participations.get(organization=cso_member.organization)
    client = api_client(cso_member)
    assert ids(client.get(LIST)) == [own.pk]
    assert ids(client.get(LIST, {"activity": activity_a.pk})) == [own.pk]
    assert client.patch(_detail(own), {"completed": False}, format="json").status_code == 403
    assert client.post(LIST, {"activity": activity_a.pk, "person": own.person_id}, format="json").status_code == 403


def test_another_branch_sees_no_participations(staff_b, activity_a):
    assert ids(api_client(staff_b).get(LIST, {"activity": activity_a.pk})) == []
