"""The rules of memberships and board seats, as the services enforce them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from madani.networks import services
from madani.networks.models import BoardSeat, Membership, MembershipStatus, SeatRole
from tests.factories import OrganizationFactory

from .conftest import DAY, representative

pytestmark = pytest.mark.django_db


def seat(actor, network, membership, role=SeatRole.MEMBER):
    return services.seat_create(actor=actor, network=network, data={
        "membership": membership, "person": representative(membership), "role": role, "term_start": DAY,
        "term_end": DAY + datetime.timedelta(days=730)})


def test_one_active_chair_at_a_time(staff_a, network_a, members_a):
    chair = seat(staff_a, network_a, members_a[0], SeatRole.CHAIR)
    with pytest.raises(ValidationError, match="already has an active chair"):
        seat(staff_a, network_a, members_a[1], SeatRole.CHAIR)
    assert BoardSeat.objects.filter(network=network_a, role=SeatRole.CHAIR).count() == 1
    # Once the chair's seat ends, the next chair may be seated.
    services.seat_end(actor=staff_a, seat=chair, on=DAY + datetime.timedelta(days=365), reason="انتهاء الولاية")
    seat(staff_a, network_a, members_a[1], SeatRole.CHAIR)
    assert BoardSeat.objects.filter(network=network_a, role=SeatRole.CHAIR, ended_on=None).count() == 1


def test_a_withdrawn_member_loses_its_seats(staff_a, network_a, members_a):
    held = seat(staff_a, network_a, members_a[2], SeatRole.TREASURER)
    other = seat(staff_a, network_a, members_a[0])
    left = DAY + datetime.timedelta(days=100)
    services.membership_move(actor=staff_a, membership=members_a[2], status=MembershipStatus.WITHDRAWN, on=left)
    held.refresh_from_db()
    other.refresh_from_db()
    assert held.ended_on == left and "withdrew" in held.end_reason
    assert other.ended_on is None
    assert members_a[2].organization not in network_a.members.all()
    # A withdrawn member is not seated again.
    with pytest.raises(ValidationError):
        seat(staff_a, network_a, Membership.objects.get(pk=members_a[2].pk))


def test_a_hidden_member_counts_internally_but_is_not_public(network_a, members_a):
    assert Membership.objects.filter(network=network_a).current().count() == 3
    public = Membership.objects.filter(network=network_a).public()
    assert members_a[2] not in public and public.count() == 2
    assert set(network_a.members.all()) == {m.organization for m in members_a}


def test_status_steps(staff_a, network_a, branch_a):
    organization = OrganizationFactory(branch=branch_a)
    membership = services.membership_create(actor=staff_a, network=network_a, data={
        "organization": organization, "kind": "observer", "applied_on": DAY})
    assert membership.status == MembershipStatus.APPLIED and organization not in network_a.members.all()
    with pytest.raises(ValidationError):  # an applicant is not suspended
        services.membership_move(actor=staff_a, membership=membership, status=MembershipStatus.SUSPENDED)
    services.membership_move(actor=staff_a, membership=membership, status=MembershipStatus.ACTIVE, on=DAY)
    services.membership_move(actor=staff_a, membership=membership, status=MembershipStatus.SUSPENDED)
    membership.refresh_from_db()
    assert membership.joined_on == DAY and organization in network_a.members.all()
    assert membership.history.count() == 3
    with pytest.raises(ValidationError):  # the same organization twice
        services.membership_create(actor=staff_a, network=network_a, data={
            "organization": organization, "kind": "full", "applied_on": DAY})


def test_only_a_network_has_members(staff_a, organization_a, branch_a):
    with pytest.raises(ValidationError):
        services.membership_create(actor=staff_a, network=organization_a, data={
            "organization": OrganizationFactory(branch=branch_a), "kind": "full", "applied_on": DAY})


def test_one_seat_per_person(staff_a, network_a, members_a):
    seat(staff_a, network_a, members_a[0])
    with pytest.raises(ValidationError, match="already holds"):
        seat(staff_a, network_a, members_a[0], SeatRole.SECRETARY)
