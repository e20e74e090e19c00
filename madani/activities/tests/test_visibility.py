"""Who sees which activities (DESIGN.md §5; issue 3 'API and access')."""

from madani.activities.models import Activity, Participation
from tests.factories import ActivityFactory, UserFactory


def test_branch_staff_see_their_branch_activities_only(activity_a, staff_a, staff_b):
    assert list(Activity.objects.visible_to(staff_a)) == [activity_a]
    assert list(Activity.objects.visible_to(staff_b)) == []


def test_a_trainer_sees_only_the_activities_they_facilitate(activity_a, trainer_a, branch_a):
    other = ActivityFactory(branch=branch_a)
    visible = list(Activity.objects.visible_to(trainer_a))
    assert visible == [activity_a] and other not in visible


def test_a_trainer_without_a_person_record_sees_nothing(activity_a, branch_a):
    trainer = UserFactory(role="trainer", branches=[branch_a])
    assert list(Activity.objects.visible_to(trainer)) == []


def test_a_cso_member_sees_only_their_organizations_participations(activity_a, cso_member, branch_a):
    from tests.factories import OrganizationFactory, ParticipationFactory

    other_org = OrganizationFactory(branch=branch_a)
    ParticipationFactory(activity=activity_a, organization=other_org)
    assert list(Activity.objects.visible_to(cso_member)) == [activity_a]
    seen = Participation.objects.visible_to(cso_member)
    assert {p.organization_id for p in seen} == {cso_member.organization_id}
    assert Participation.objects.filter(activity=activity_a).count() == 2
