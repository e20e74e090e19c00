"""Who sees which requests (issue 3: 'CSO members see only their organization's records')."""

from madani.consultations.models import Request
from tests.factories import OrganizationFactory, RequestFactory, UserFactory


def test_branch_staff_see_their_branch_requests_only(request_a, staff_a, staff_b, administrator):
    assert list(Request.objects.visible_to(staff_a)) == [request_a]
    assert list(Request.objects.visible_to(staff_b)) == []
    assert list(Request.objects.visible_to(administrator)) == [request_a]


def test_a_cso_member_sees_only_their_organizations_requests(request_a, cso_member, branch_a):
    other = RequestFactory(kind="consultation", branch=branch_a, organization=OrganizationFactory(branch=branch_a),
                           description="x")
    public = RequestFactory(kind="training_suggestion", branch=branch_a, description="y", source="public")
    visible = list(Request.objects.visible_to(cso_member))
    assert visible == [request_a] and other not in visible and public not in visible


def test_a_trainer_sees_only_the_requests_assigned_to_them(request_a, trainer_a, trainer_person_a, branch_a):
    assert list(Request.objects.visible_to(trainer_a)) == []
    request_a.expert = trainer_person_a
    request_a.save()
    trainer_a.refresh_from_db()
    assert list(Request.objects.visible_to(trainer_a)) == [request_a]


def test_anonymous_visitors_and_users_without_a_role_in_a_branch_see_nothing(request_a, anonymous, branch_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Request.objects.visible_to(AnonymousUser()).exists()
    assert not Request.objects.visible_to(UserFactory(role="cso_member")).exists()
