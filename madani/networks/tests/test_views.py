"""The network pages as their users meet them."""

import pytest
from django.urls import reverse

from conftest import client_for
from madani.networks.models import BoardSeat, Membership, MembershipStatus
from tests.factories import OrganizationFactory

from .conftest import DAY, representative

pytestmark = pytest.mark.django_db


def test_staff_add_a_member_and_see_it_listed(client_a, network_a, branch_a):
    organization = OrganizationFactory(branch=branch_a, name="<script>alert(1)</script>",
                                       name_ar="<script>alert(1)</script>", name_en="<script>alert(1)</script>")
    url = reverse("networks:membership_add", args=[network_a.pk])
    data = {"organization": organization.pk, "kind": "full", "status": "active", "applied_on": "2024-01-01",
            "joined_on": "2024-02-01", "shown_publicly": "", "notes": "=HYPERLINK(\"http://x\")"}
    assert client_a.post(url, data).status_code == 302
    assert client_a.post(url, data).status_code == 200  # twice: the organization is no longer offered
    membership = Membership.objects.get(network=network_a)
    assert membership.status == MembershipStatus.ACTIVE and not membership.shown_publicly
    page = client_a.get(reverse("networks:network_detail", args=[network_a.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    response = client_a.get(reverse("networks:member_export", args=[network_a.pk]))
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in export and ",=HYPERLINK" not in export  # a formula is kept as text


def test_a_bad_date_order_is_refused_with_a_reason(client_a, network_a, branch_a):
    organization = OrganizationFactory(branch=branch_a)
    response = client_a.post(reverse("networks:membership_add", args=[network_a.pk]), {
        "organization": organization.pk, "kind": "full", "status": "active", "applied_on": "2024-03-01",
        "joined_on": "2024-02-01", "shown_publicly": "on"})
    assert response.status_code == 200 and not Membership.objects.exists()
    assert response.context["form"].errors


def test_withdrawal_twice_changes_nothing_the_second_time(client_a, network_a, members_a, staff_a):
    from madani.networks import services

    services.seat_create(actor=staff_a, network=network_a, data={
        "membership": members_a[0], "person": representative(members_a[0]), "role": "chair", "term_start": DAY})
    url = reverse("networks:membership_withdraw", args=[members_a[0].pk])
    assert client_a.post(url, {"on": "2024-06-01"}).status_code == 302
    assert client_a.post(url, {"on": "2024-07-01"}).status_code == 302
    members_a[0].refresh_from_db()
    assert str(members_a[0].left_on) == "2024-06-01"
    assert str(BoardSeat.objects.get().ended_on) == "2024-06-01"


def test_seat_a_chair_through_the_page(client_a, network_a, members_a):
    url = reverse("networks:seat_add", args=[network_a.pk])
    person = representative(members_a[1])
    response = client_a.post(url, {"membership": members_a[1].pk, "person": person.pk, "role": "chair",
                                   "term_start": "2024-01-20"})
    assert response.status_code == 302
    other = representative(members_a[0])
    response = client_a.post(url, {"membership": members_a[0].pk, "person": other.pk, "role": "chair",
                                   "term_start": "2024-01-20"})
    assert response.status_code == 200 and "active chair" in str(response.context["form"].errors)
    page = client_a.get(reverse("networks:network_detail", args=[network_a.pk])).content.decode()
    assert person.full_name in page


def test_a_network_editor_runs_their_own_network_only(editor_of_network_a, network_a, members_a,
                                                      branch_a):
    client = client_for(editor_of_network_a)
    assert client.get(reverse("networks:network_list")).status_code == 200
    assert client.get(reverse("networks:network_detail", args=[network_a.pk])).status_code == 200
    assert client.get(reverse("networks:membership_add", args=[network_a.pk])).status_code == 200
    other = OrganizationFactory(branch=branch_a, kind="network", name="شبكة أخرى")
    assert client.get(reverse("networks:network_detail", args=[other.pk])).status_code == 404


def test_cso_members_and_trainers_have_no_network_pages(cso_member, trainer_a, network_a):
    for user in (cso_member, trainer_a):
        assert client_for(user).get(reverse("networks:network_list")).status_code == 403
