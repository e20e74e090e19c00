"""Network pages: thin views — fetch through ``visible_to`` (404 otherwise) with what the user may do,
check the rule, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.confirm import confirm_action
from madani.core.history import history_entries
from madani.core.permissions import ObjectAccess, require

from . import services
from .forms import MembershipEditForm, MembershipForm, MembershipMoveForm, SeatEndForm, SeatForm
from .models import BoardSeat, Membership, MembershipStatus, networks_visible_to
from .permissions import can_manage_network, can_see_networks
from .tables import MembershipTable, NetworkTable

CURRENT = [MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED]


def _get_network_for_user(user, pk):
    network = get_object_or_404(networks_visible_to(user).select_related("branch"), pk=pk)
    access = ObjectAccess(user, network, see=can_see_networks, manage=can_manage_network)
    require(access.can_see)
    return network, access


def _get_membership_for_user(user, pk):
    membership = get_object_or_404(
        Membership.objects.visible_to(user).select_related("network", "organization"), pk=pk)
    access = ObjectAccess(user, membership.network, see=can_see_networks, manage=can_manage_network)
    require(access.can_see)
    return membership, access


def _get_seat_for_user(user, pk):
    seat = get_object_or_404(BoardSeat.objects.visible_to(user).select_related(
        "network", "membership__organization", "person"), pk=pk)
    access = ObjectAccess(user, seat.network, see=can_see_networks, manage=can_manage_network)
    require(access.can_see)
    return seat, access


@login_required
def network_list(request):
    require(can_see_networks(request.user))
    networks = networks_visible_to(request.user).annotate(
        current_members=Count("network_memberships", filter=Q(network_memberships__status__in=CURRENT))
    ).select_related("branch").order_by("name")
    table = NetworkTable()
    page = Paginator(networks, 50).get_page(request.GET.get("page"))
    return render(request, "networks/network_list.html", {"table": table, "table_rows": table.page_rows(page),
                                                          "page": page})


def _memberships(user, network):
    return Membership.objects.visible_to(user).filter(network=network).select_related("organization").order_by(
        "status", "organization__name")


@login_required
def network_detail(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    memberships = list(_memberships(request.user, network))
    table = MembershipTable(manage=access.can_manage)
    seats = BoardSeat.objects.visible_to(request.user).filter(network=network).select_related(
        "person", "membership__organization").by_role()
    current = [m for m in memberships if m.is_current]
    return render(request, "networks/network_detail.html", {
        "network": network, "access": access, "table": table, "table_rows": table.page_rows(memberships),
        "memberships": memberships, "current_count": len(current),
        "hidden_count": sum(1 for m in current if not m.shown_publicly),
        "active_seats": [s for s in seats if s.is_active], "past_seats": [s for s in seats if not s.is_active]})


@login_required
def member_export(request, pk):
    network, _access = _get_network_for_user(request.user, pk)
    return MembershipTable().export(request, f"network-{network.pk}-members", _memberships(request.user, network))


@login_required
def membership_add(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    require(access.can_manage)
    form = MembershipForm(request.POST or None, user=request.user, network=network,
                          initial={"applied_on": timezone.localdate(), "status": MembershipStatus.APPLIED})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(actor=request.user, network=network, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The membership was recorded."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Add a member to %(network)s") % {"network": network},
        "back_url": reverse("networks:network_detail", args=[network.pk])})


@login_required
def membership_edit(request, pk):
    membership, access = _get_membership_for_user(request.user, pk)
    require(access.can_manage)
    form = MembershipEditForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_update(actor=request.user, membership=membership, data=dict(form.cleaned_data))
        messages.success(request, _("The membership was saved."))
        return redirect("networks:network_detail", pk=membership.network_id)
    steps = [(url, label) for status, url, label in (
        (MembershipStatus.ACTIVE, "networks:membership_activate", _("Make active")),
        (MembershipStatus.SUSPENDED, "networks:membership_suspend", _("Suspend")),
        (MembershipStatus.WITHDRAWN, "networks:membership_withdraw", _("Record withdrawal")),
    ) if membership.status in services._STEPS[status][0]]
    return render(request, "networks/membership_edit.html", {
        "form": form, "membership": membership, "steps": steps, "history": history_entries(membership),
        "back_url": reverse("networks:network_detail", args=[membership.network_id])})


_MOVES = {
    MembershipStatus.ACTIVE: (_("Make the membership active"), _("%(organization)s becomes an active member.")),
    MembershipStatus.SUSPENDED: (_("Suspend the membership"),
                                 _("%(organization)s stays a member but takes no part in votes while suspended.")),
    MembershipStatus.WITHDRAWN: (_("Record the withdrawal"),
                                 _("%(organization)s leaves the network; its board seats end the same day.")),
}


@login_required
def membership_move(request, pk, status):
    membership, access = _get_membership_for_user(request.user, pk)
    require(access.can_manage)
    title, question = _MOVES[status]
    back = reverse("networks:membership_edit", args=[membership.pk])
    done = None
    if membership.status not in services._STEPS[status][0]:
        done = _("This membership is %(status)s: this step is not open.") % {
            "status": membership.get_status_display()}
    return confirm_action(
        request, title=title, question=question % {"organization": membership.organization}, button=title,
        button_class="btn-primary", done=done,
        form=lambda data: MembershipMoveForm(data, initial={"on": timezone.localdate()}),
        action=lambda form: services.membership_move(actor=request.user, membership=membership, status=status,
                                                     on=form.cleaned_data["on"], reason=form.cleaned_data["reason"]),
        done_message=_("The membership was changed."),
        done_url=reverse("networks:network_detail", args=[membership.network_id]), back_url=back,
        errors_on_form=True)


@login_required
def seat_add(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    require(access.can_manage)
    form = SeatForm(request.POST or None, user=request.user, network=network,
                    initial={"term_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_create(actor=request.user, network=network, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The board seat was recorded."))
            return redirect("networks:network_detail", pk=network.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Seat a board member of %(network)s") % {"network": network},
        "back_url": reverse("networks:network_detail", args=[network.pk])})


@login_required
def seat_end(request, pk):
    seat, access = _get_seat_for_user(request.user, pk)
    require(access.can_manage)
    back = reverse("networks:network_detail", args=[seat.network_id])
    return confirm_action(
        request, title=_("End the board seat"),
        question=_("%(person)s stops sitting on the board as %(role)s.") % {
            "person": seat.person, "role": seat.get_role_display()},
        button=_("End the seat"), done=_("This seat has already ended.") if seat.ended_on else None,
        form=lambda data: SeatEndForm(data, initial={"on": timezone.localdate()}),
        action=lambda form: services.seat_end(actor=request.user, seat=seat, on=form.cleaned_data["on"],
                                              reason=form.cleaned_data["reason"]),
        done_message=_("The board seat ended."), done_url=back, back_url=back, errors_on_form=True)
