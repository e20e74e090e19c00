"""Every change to a network's memberships and board (issue 15). Each is all-or-nothing, checks its rule
and writes the change history (``core/services.model_update``). None writes the activity ledger.

The organization's ``members`` (organizations app) follows the memberships: a current member (active or
suspended) is in it, an applicant or a withdrawn member is not, so the organization pages stay true."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madani.core.services import model_update
from madani.organizations.models import Kind as OrganizationKind

from .models import BoardSeat, Membership, MembershipStatus, SeatRole

# From which statuses each status may be reached.
_STEPS = {
    MembershipStatus.ACTIVE: ({MembershipStatus.APPLIED, MembershipStatus.SUSPENDED},
                              gettext_noop("Only an applicant or a suspended member can become active.")),
    MembershipStatus.SUSPENDED: ({MembershipStatus.ACTIVE}, gettext_noop("Only an active member can be suspended.")),
    MembershipStatus.WITHDRAWN: ({MembershipStatus.APPLIED, MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED},
                                 gettext_noop("This membership has already ended.")),
}


def _sync_members(membership):
    network = membership.network
    if membership.is_current:
        network.members.add(membership.organization)
    else:
        network.members.remove(membership.organization)


@transaction.atomic
def membership_create(*, actor, network, data: dict) -> Membership:
    """An organization applies to the network (``data``: organization, kind, applied_on, shown_publicly,
    notes, and ``status`` "active" with ``joined_on`` for a member recorded as already in)."""
    if network.kind != OrganizationKind.NETWORK:
        raise ValidationError(_("Only an organization of kind “network” has members."))
    organization = data["organization"]
    if Membership.objects.filter(network=network, organization=organization).exists():
        raise ValidationError(_("%(organization)s already has a membership in this network; change that one.")
                              % {"organization": organization})
    status = data.get("status") or MembershipStatus.APPLIED
    if status not in (MembershipStatus.APPLIED, MembershipStatus.ACTIVE):
        raise ValidationError(_("A new membership is either applied for or already active."))
    if status == MembershipStatus.ACTIVE and not data.get("joined_on"):
        raise ValidationError({"joined_on": _("Give the day an active member joined.")})
    values = {**data, "network": network, "status": status}
    membership, _changed = model_update(instance=Membership(), fields=list(values), data=values, actor=actor)
    _sync_members(membership)
    return membership


@transaction.atomic
def membership_update(*, actor, membership: Membership, data: dict) -> Membership:
    """Change the type, public listing or notes of a membership (not its status: ``membership_move``)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    allowed = {key: data[key] for key in ("kind", "shown_publicly", "notes") if key in data}
    model_update(instance=membership, fields=list(allowed), data=allowed, actor=actor)
    return membership


@transaction.atomic
def membership_move(*, actor, membership: Membership, status: str, on: datetime.date | None = None,
                    reason: str = "") -> Membership:
    """applied → active → suspended → active…; any of them → withdrawn. A withdrawn member loses its
    board seats, which end the day it leaves."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    allowed, message = _STEPS[status]
    if membership.status not in allowed:
        raise ValidationError(_(message))
    on = on or timezone.localdate()
    values = {"status": status}
    if status == MembershipStatus.ACTIVE and not membership.joined_on:
        values["joined_on"] = on
    if status == MembershipStatus.WITHDRAWN:
        values["left_on"] = on
        for seat in membership.seats.active():
            seat_end(actor=actor, seat=seat, on=max(on, seat.term_start),
                     reason=_("The member organization withdrew from the network."))
    model_update(instance=membership, fields=list(values), data=values, actor=actor, reason=reason or None)
    _sync_members(membership)
    return membership


@transaction.atomic
def seat_create(*, actor, network, data: dict) -> BoardSeat:
    """Seat a person on the board (``data``: membership, person, role, term_start, term_end). The person
    represents a current member; a network has one active chair at a time."""
    membership = Membership.objects.select_for_update().get(pk=data["membership"].pk)
    if membership.network_id != network.pk:
        raise ValidationError({"membership": _("The organization is not a member of this network.")})
    if membership.status != MembershipStatus.ACTIVE:
        raise ValidationError({"membership": _("Only an active member holds board seats.")})
    if data.get("role") == SeatRole.CHAIR:
        list(BoardSeat.objects.select_for_update().filter(network=network, role=SeatRole.CHAIR, ended_on=None))
        if BoardSeat.objects.filter(network=network, role=SeatRole.CHAIR, ended_on=None).exists():
            raise ValidationError({"role": _("The board already has an active chair: end that seat first.")})
    if BoardSeat.objects.filter(network=network, person=data["person"], ended_on=None).exists():
        raise ValidationError({"person": _("This person already holds an active seat on the board.")})
    values = {**data, "network": network, "membership": membership}
    seat, _changed = model_update(instance=BoardSeat(), fields=list(values), data=values, actor=actor)
    return seat


@transaction.atomic
def seat_end(*, actor, seat: BoardSeat, on: datetime.date | None = None, reason: str = "") -> BoardSeat:
    seat = BoardSeat.objects.select_for_update().get(pk=seat.pk)
    if seat.ended_on:
        raise ValidationError(_("This seat has already ended."))
    values = {"ended_on": on or timezone.localdate(), "end_reason": reason[:255]}
    model_update(instance=seat, fields=list(values), data=values, actor=actor, reason=reason or None)
    return seat
