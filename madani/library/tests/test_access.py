"""Who sees what in the library (issue 5): the public sees public resources; CSO members also members-only
ones; center staff all. A resource one may not see is 404, its page and its file alike."""

import pytest
from django.urls import reverse

from conftest import client_for
from madani.accounts.models import Role
from madani.library.models import Resource
from tests.factories import UserFactory


@pytest.fixture
def shelves(add_resource):
    return {
        "public": add_resource("دليل الانتخابات المحلية", access="public"),
        "members": add_resource("نموذج الخطة الاستراتيجية", access="members"),
        "staff": add_resource("دليل المدرب", access="staff"),
    }


def _status(client, name, resource):
    return client.get(reverse(name, args=[resource.pk])).status_code


@pytest.mark.parametrize("name", ["library:detail", "library:file"])
def test_anonymous_visitors_open_public_resources_only(anonymous, shelves, name):
    assert _status(anonymous, name, shelves["public"]) == 200
    assert _status(anonymous, name, shelves["members"]) == 404
    assert _status(anonymous, name, shelves["staff"]) == 404


@pytest.mark.parametrize("name", ["library:detail", "library:file"])
def test_a_cso_member_opens_members_resources_but_not_staff_ones(cso_member, shelves, name):
    client = client_for(cso_member)
    assert _status(client, name, shelves["public"]) == 200
    assert _status(client, name, shelves["members"]) == 200
    assert _status(client, name, shelves["staff"]) == 404


@pytest.mark.parametrize("role", [Role.NETWORK_EDITOR, Role.FORUM_MODERATOR])
def test_other_partner_accounts_see_what_cso_members_see(shelves, role, organization_a):
    client = client_for(UserFactory(role=role, organization=organization_a))
    assert _status(client, "library:file", shelves["members"]) == 200
    assert _status(client, "library:file", shelves["staff"]) == 404


def test_center_staff_of_any_branch_open_staff_resources(client_b, trainer_a, shelves):
    assert _status(client_b, "library:file", shelves["staff"]) == 200
    assert _status(client_for(trainer_a), "library:file", shelves["staff"]) == 200


def test_a_deactivated_account_sees_only_public_resources(cso_member, shelves):
    cso_member.is_active = False
    cso_member.save()
    assert list(Resource.objects.visible_to(cso_member)) == [shelves["public"]]


def test_the_public_list_never_shows_restricted_resources(anonymous, shelves):
    response = anonymous.get(reverse("library:list"))
    assert list(response.context["page"]) == [shelves["public"]]
    content = response.content.decode()
    assert "دليل الانتخابات المحلية" in content
    assert "نموذج الخطة الاستراتيجية" not in content and "دليل المدرب" not in content


def test_the_public_export_never_holds_restricted_resources(anonymous, shelves):
    content = b"".join(anonymous.get(reverse("library:export")).streaming_content).decode("utf-8-sig")
    assert "دليل الانتخابات المحلية" in content
    assert "نموذج الخطة الاستراتيجية" not in content and "دليل المدرب" not in content


def test_a_cso_member_lists_public_and_members_resources(cso_member, shelves):
    response = client_for(cso_member).get(reverse("library:list"))
    assert set(response.context["page"]) == {shelves["public"], shelves["members"]}


def test_staff_list_every_resource(client_b, shelves):
    assert set(client_b.get(reverse("library:list")).context["page"]) == set(shelves.values())


def test_the_change_history_is_shown_to_staff_only(anonymous, client_a, shelves):
    url = reverse("library:detail", args=[shelves["public"].pk])
    assert 'id="history"' in client_a.get(url).content.decode()
    page = anonymous.get(url).content.decode()
    assert 'id="history"' not in page and "staff.a@example.org" not in page


@pytest.mark.parametrize("user", ["cso_member", "trainer_a"])
def test_only_registry_editors_add_resources(request, user, shelves):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("library:create")).status_code == 403
    assert client.get(reverse("library:edit", args=[shelves["public"].pk])).status_code == 403
    assert client.post(reverse("library:delete", args=[shelves["public"].pk]), {"confirm": "on"}).status_code == 403
    assert Resource.objects.count() == 3


def test_staff_of_another_branch_see_a_resource_but_cannot_change_it(client_b, shelves):
    resource = shelves["staff"]
    assert _status(client_b, "library:detail", resource) == 200
    assert 'href="%s"' % reverse("library:edit", args=[resource.pk]) not in client_b.get(
        reverse("library:detail", args=[resource.pk])).content.decode()
    assert _status(client_b, "library:edit", resource) == 404
    assert client_b.post(reverse("library:delete", args=[resource.pk]), {"confirm": "on"}).status_code == 404
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_a_branch_manager_cannot_file_a_resource_under_another_branch(client_a, branch_b):
    from .conftest import PDF, upload

    response = client_a.post(reverse("library:create"), {
        "kind": "document", "title_ar": "دليل", "language": "ar", "access": "public", "branch": branch_b.pk,
        "file": upload("guide.pdf", PDF),
    })
    assert "branch" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_a_branch_manager_must_name_a_branch_but_an_administrator_may_leave_it_empty(client_a, administrator):
    from .conftest import PDF, upload

    data = {"kind": "document", "title_ar": "قانون الجمعيات", "language": "ar", "access": "public"}
    response = client_a.post(reverse("library:create"), {**data, "file": upload("law.pdf", PDF)})
    assert "branch" in response.context["form"].errors
    response = client_for(administrator).post(reverse("library:create"), {**data, "file": upload("law.pdf", PDF)})
    assert response.status_code == 302 and Resource.objects.get().branch is None


def test_only_administrators_change_center_wide_resources(client_a, administrator, add_resource):
    resource = add_resource()
    Resource.objects.filter(pk=resource.pk).update(branch=None)
    assert _status(client_a, "library:edit", resource) == 404
    assert _status(client_for(administrator), "library:edit", resource) == 200


def test_the_form_suggests_the_managers_only_branch(client_a, branch_a):
    assert client_a.get(reverse("library:create")).context["form"]["branch"].value() == branch_a.pk
