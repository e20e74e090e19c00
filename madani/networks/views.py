"""Network pages: thin views — fetch through ``visible_to`` (404 otherwise) with what the user may do,
check the rule, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.activities.models import Activity
from madani.core.confirm import NoForm, ReasonForm, confirm_action
from madani.core.history import history_entries
from madani.core.markdown import render_markdown
from madani.core.permissions import ObjectAccess, require

from . import services
from .forms import (
    ArticleForm,
    ArticleNoteForm,
    AttendanceForm,
    DecisionForm,
    LicensingOutcomeForm,
    LicensingVisitForm,
    MeetingForm,
    MembershipEditForm,
    MembershipForm,
    MembershipMoveForm,
    MinutesForm,
    ObjectiveForm,
    PlanEditForm,
    PlanForm,
    PlanReviewForm,
    SeatEndForm,
    SeatForm,
    SiteForm,
)
from .models import (
    ArticleStatus,
    BoardSeat,
    Decision,
    DecisionStatus,
    LicensingVisit,
    Meeting,
    MeetingStatus,
    Membership,
    MembershipStatus,
    MinutesStatus,
    NetworkSite,
    OpinionArticle,
    StrategicPlan,
    networks_visible_to,
)
from .permissions import (
    can_edit_site,
    can_manage_network,
    can_record_meetings,
    can_see_article_author,
    can_see_networks,
    can_write_articles,
)
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
        "meetings": Meeting.objects.visible_to(request.user).filter(network=network),
        "may_schedule": can_record_meetings(request.user, network),
        "may_edit_site": can_edit_site(request.user, network),
        "site": NetworkSite.objects.filter(network=network).first(),
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


# --- meetings, minutes and decisions ------------------------------------------------------------------


def _get_meeting_for_user(user, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(user).select_related("network", "host__organization",
                                                                               "activity"), pk=pk)
    access = ObjectAccess(user, meeting.network, see=can_see_networks, record=can_record_meetings)
    require(access.can_see)
    return meeting, access


def _get_decision_for_user(user, pk):
    decision = get_object_or_404(Decision.objects.visible_to(user).select_related("meeting", "network"), pk=pk)
    access = ObjectAccess(user, decision.network, see=can_see_networks, record=can_record_meetings)
    require(access.can_see)
    return decision, access


@login_required
def meeting_add(request, pk):
    network, _access = _get_network_for_user(request.user, pk)
    require(can_record_meetings(request.user, network))
    form = MeetingForm(request.POST or None, user=request.user, network=network, initial={"quorum_percent": 51})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        program = data.pop("program")
        try:
            meeting = services.meeting_schedule(actor=request.user, network=network, program=program, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was scheduled and recorded in the activities."))
            return redirect("networks:meeting_detail", pk=meeting.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Schedule a meeting of %(network)s") % {"network": network},
        "back_url": reverse("networks:network_detail", args=[network.pk])})


@login_required
def meeting_detail(request, pk):
    meeting, access = _get_meeting_for_user(request.user, pk)
    minutes = list(meeting.minutes.all())
    latest = minutes[0] if minutes else None
    return render(request, "networks/meeting_detail.html", {
        "meeting": meeting, "access": access, "minutes": minutes, "latest": latest,
        "present": meeting.members_present.select_related("organization"),
        "decisions": meeting.decisions.select_related("owner__organization"),
        "can_see_activity": Activity.objects.visible_to(request.user).filter(pk=meeting.activity_id).exists(),
        "may_attend": access.can_record and meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.HELD),
        "may_decide": access.can_record and meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.APPROVED),
        "may_write": access.can_record and meeting.status != MeetingStatus.SCHEDULED,
        "may_circulate": access.can_record and latest is not None and latest.status == MinutesStatus.DRAFTED,
        "may_approve": access.can_record and latest is not None and latest.status == MinutesStatus.CIRCULATED,
        "history": history_entries(meeting) if access.can_record else None})


@login_required
def meeting_attendance(request, pk):
    meeting, access = _get_meeting_for_user(request.user, pk)
    require(access.can_record)
    form = AttendanceForm(request.POST or None, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record_attendance(actor=request.user, meeting=meeting, present=form.pairs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The attendance was recorded."))
            return redirect("networks:meeting_detail", pk=meeting.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Who attended %(meeting)s") % {"meeting": meeting},
        "back_url": reverse("networks:meeting_detail", args=[meeting.pk])})


@login_required
def minutes_edit(request, pk):
    meeting, access = _get_meeting_for_user(request.user, pk)
    require(access.can_record)
    latest = meeting.minutes.first()
    form = MinutesForm(request.POST or None, initial={"text": latest.text if latest else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(actor=request.user, meeting=meeting, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes were saved."))
            return redirect("networks:meeting_detail", pk=meeting.pk)
    details = [_("These minutes are approved: your change becomes a new version, to circulate and approve "
                 "again.")] if latest and latest.status == MinutesStatus.APPROVED else []
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Minutes of %(meeting)s") % {"meeting": meeting}, "details": details,
        "back_url": reverse("networks:meeting_detail", args=[meeting.pk])})


_MINUTES_MOVES = {
    MinutesStatus.CIRCULATED: (_("Circulate the minutes"), _("The members receive the minutes to comment on.")),
    MinutesStatus.APPROVED: (_("Approve the minutes"),
                             _("Approved minutes are locked: a later change makes a new version.")),
}


@login_required
def minutes_move(request, pk, status):
    meeting, access = _get_meeting_for_user(request.user, pk)
    require(access.can_record)
    title, question = _MINUTES_MOVES[status]
    back = reverse("networks:meeting_detail", args=[meeting.pk])
    return confirm_action(
        request, title=title, question=question, button=title, button_class="btn-primary", form=NoForm,
        action=lambda form: services.minutes_move(actor=request.user, meeting=meeting, status=status),
        done_message=_("The minutes were changed."), done_url=back, back_url=back)


@login_required
def decision_add(request, pk):
    meeting, access = _get_meeting_for_user(request.user, pk)
    require(access.can_record)
    form = DecisionForm(request.POST or None, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_record(actor=request.user, meeting=meeting, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("networks:meeting_detail", pk=meeting.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("A decision of %(meeting)s") % {"meeting": meeting},
        "details": [_("%(present)s member organizations present, one vote each.") % {
            "present": meeting.present_count}],
        "back_url": reverse("networks:meeting_detail", args=[meeting.pk])})


_DECISION_MOVES = {
    DecisionStatus.IN_PROGRESS: _("Mark the decision in progress"),
    DecisionStatus.DONE: _("Mark the decision done"),
    DecisionStatus.DROPPED: _("Drop the decision"),
}


@login_required
def decision_move(request, pk, status):
    decision, access = _get_decision_for_user(request.user, pk)
    require(access.can_record)
    title = _DECISION_MOVES[status]
    back = reverse("networks:meeting_detail", args=[decision.meeting_id])
    return confirm_action(
        request, title=title, question=str(decision), button=title, button_class="btn-primary",
        form=lambda data: ReasonForm(data, required=False),
        action=lambda form: services.decision_move(actor=request.user, decision=decision, status=status,
                                                   reason=form.cleaned_data["reason"]),
        done_message=_("The decision was changed."), done_url=back, back_url=back)


# --- plans, reviews and licensing support -----------------------------------------------------------


def _get_plan_for_user(user, pk):
    plan = get_object_or_404(StrategicPlan.objects.visible_to(user).select_related(
        "network", "membership__organization"), pk=pk)
    access = ObjectAccess(user, plan.network, see=can_see_networks, manage=can_manage_network)
    require(access.can_see)
    return plan, access


def _get_visit_for_user(user, pk):
    visit = get_object_or_404(LicensingVisit.objects.visible_to(user).select_related(
        "network", "membership__organization"), pk=pk)
    access = ObjectAccess(user, visit.network, see=can_see_networks, manage=can_manage_network)
    require(access.can_see)
    return visit, access


@login_required
def plan_list(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    plans = StrategicPlan.objects.visible_to(request.user).filter(network=network).select_related(
        "membership__organization").annotate(review_count=Count("reviews"))
    visits = LicensingVisit.objects.visible_to(request.user).filter(network=network).select_related(
        "membership__organization", "meeting")
    return render(request, "networks/plan_list.html", {
        "network": network, "access": access, "own_plans": [p for p in plans if p.is_networks_own],
        "member_plans": [p for p in plans if not p.is_networks_own], "visits": visits})


def _form_page(request, form, title, back_url, details=()):
    return render(request, "networks/simple_form.html", {"form": form, "title": title, "back_url": back_url,
                                                          "details": list(details)})


def _save(form, call, success):
    """Run ``call(cleaned_data)`` for a valid form; the rule's refusal goes on the form. The saved object,
    or None."""
    if not form.is_bound or not form.is_valid():
        return None
    try:
        return call(dict(form.cleaned_data))
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
def plan_add(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    require(access.can_manage)
    form = PlanForm(request.POST or None, user=request.user, network=network)
    plan = _save(form, lambda data: services.plan_create(actor=request.user, network=network, data=data), None)
    if plan:
        messages.success(request, _("The plan was recorded."))
        return redirect("networks:plan_detail", pk=plan.pk)
    return _form_page(request, form, _("A strategic plan in %(network)s") % {"network": network},
                      reverse("networks:plan_list", args=[network.pk]),
                      [_("Leave the member empty for the network's own plan.")])


@login_required
def plan_detail(request, pk):
    plan, access = _get_plan_for_user(request.user, pk)
    objective_form = ObjectiveForm(user=request.user)
    return render(request, "networks/plan_detail.html", {
        "plan": plan, "network": plan.network, "access": access, "objective_form": objective_form,
        "objectives": plan.objectives.prefetch_related("indicators"),
        "reviews": plan.reviews.select_related("meeting"),
        "history": history_entries(plan) if access.can_manage else None})


@login_required
def plan_edit(request, pk):
    plan, access = _get_plan_for_user(request.user, pk)
    require(access.can_manage)
    form = PlanEditForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("networks:plan_detail", pk=plan.pk)
    return _form_page(request, form, _("Change %(plan)s") % {"plan": plan},
                      reverse("networks:plan_detail", args=[plan.pk]))


@login_required
def objective_add(request, pk):
    plan, access = _get_plan_for_user(request.user, pk)
    require(access.can_manage)
    form = ObjectiveForm(request.POST or None, user=request.user)
    saved = _save(form, lambda data: services.objective_add(
        actor=request.user, plan=plan, text=data["text"], indicators=data["indicators"]), None)
    if saved:
        messages.success(request, _("The objective was added."))
        return redirect("networks:plan_detail", pk=plan.pk)
    return _form_page(request, form, _("An objective of %(plan)s") % {"plan": plan},
                      reverse("networks:plan_detail", args=[plan.pk]))


@login_required
def plan_review_add(request, pk):
    plan, access = _get_plan_for_user(request.user, pk)
    require(access.can_manage)
    form = PlanReviewForm(request.POST or None, user=request.user, network=plan.network,
                          initial={"reviewed_on": timezone.localdate()})
    saved = _save(form, lambda data: services.plan_review_record(actor=request.user, plan=plan, data=data), None)
    if saved:
        messages.success(request, _("The review was recorded."))
        return redirect("networks:plan_detail", pk=plan.pk)
    return _form_page(request, form, _("Review of %(plan)s") % {"plan": plan},
                      reverse("networks:plan_detail", args=[plan.pk]))


@login_required
def licensing_visit_add(request, pk):
    network, access = _get_network_for_user(request.user, pk)
    require(access.can_manage)
    form = LicensingVisitForm(request.POST or None, user=request.user, network=network,
                              initial={"visited_on": timezone.localdate()})
    saved = _save(form, lambda data: services.licensing_visit_record(actor=request.user, network=network,
                                                                     data=data), None)
    if saved:
        messages.success(request, _("The visit was recorded."))
        return redirect("networks:plan_list", pk=network.pk)
    return _form_page(request, form, _("A licensing support visit of %(network)s") % {"network": network},
                      reverse("networks:plan_list", args=[network.pk]))


@login_required
def licensing_visit_edit(request, pk):
    visit, access = _get_visit_for_user(request.user, pk)
    require(access.can_manage)
    form = LicensingOutcomeForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        services.licensing_visit_update(actor=request.user, visit=visit, data=dict(form.cleaned_data))
        messages.success(request, _("The visit was saved."))
        return redirect("networks:plan_list", pk=visit.network_id)
    return _form_page(request, form, str(visit), reverse("networks:plan_list", args=[visit.network_id]))


# --- the network's website and its opinion articles ---------------------------------------------------


@login_required
def site_edit(request, pk):
    network, _access = _get_network_for_user(request.user, pk)
    require(can_edit_site(request.user, network))
    current = NetworkSite.objects.filter(network=network).first()
    form = SiteForm(request.POST or None, request.FILES or None, instance=current or NetworkSite(network=network),
                    initial=None if current else {"name_ar": network.name_ar, "name_en": network.name_en or ""})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        logo = data.pop("logo_upload", None)
        try:
            saved = services.site_save(actor=request.user, network=network, data=data, logo=logo)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The website was saved."))
            return redirect("network_site:home", site_slug=saved.slug)
    return render(request, "networks/simple_form.html", {
        "form": form, "multipart": True, "title": _("The website of %(network)s") % {"network": network},
        "back_url": reverse("networks:network_detail", args=[network.pk])})


def _get_network_for_writer(user, pk):
    """A network whose articles ``user`` may write (its editors, its members' staff); a 404 otherwise."""
    from madani.organizations.models import Kind as OrganizationKind
    from madani.organizations.models import Organization

    network = get_object_or_404(Organization.objects.filter(kind=OrganizationKind.NETWORK), pk=pk)
    if not can_write_articles(user, network):
        raise Http404
    return network


def _get_article_for_user(user, pk):
    article = get_object_or_404(OpinionArticle.objects.visible_to(user).select_related(
        "network", "author", "reply_to"), pk=pk)
    return article, can_edit_site(user, article.network)


@login_required
def article_list(request):
    require(can_write_articles(request.user))
    articles = OpinionArticle.objects.visible_to(request.user).select_related("network", "author").order_by(
        "status", "-created_at")
    writable = NetworkSite.objects.select_related("network").order_by("slug")
    writable = [s for s in writable if can_write_articles(request.user, s.network)]
    return render(request, "networks/article_list.html", {
        "articles": articles, "writable": writable,
        "queue": [a for a in articles if a.status in (ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW)
                  and can_edit_site(request.user, a.network)]})


@login_required
def article_add(request, pk):
    network = _get_network_for_writer(request.user, pk)
    form = ArticleForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(actor=request.user, network=network, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("networks:article_detail", pk=article.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("An opinion article for %(network)s") % {"network": network},
        "details": [_("Write under your name, or under an alias: only the network's editors will know it is you.")],
        "back_url": reverse("networks:article_list")})


_ARTICLE_STEPS = [
    (ArticleStatus.SUBMITTED, "networks:article_submit", _("Submit for review")),
    (ArticleStatus.IN_REVIEW, "networks:article_review", _("Take into review")),
    (ArticleStatus.CHANGES_REQUESTED, "networks:article_changes", _("Ask for changes")),
    (ArticleStatus.PUBLISHED, "networks:article_publish", _("Publish")),
    (ArticleStatus.WITHDRAWN, "networks:article_withdraw", _("Withdraw")),
]


@login_required
def article_detail(request, pk):
    article, editor = _get_article_for_user(request.user, pk)
    site = NetworkSite.objects.filter(network=article.network).first()
    return render(request, "networks/article_detail.html", {
        "article": article, "editor": editor, "site": site, "body": render_markdown(article.body),
        "show_author": can_see_article_author(request.user, article),
        "may_edit": (article.status in services.EDITABLE and article.author_id == request.user.pk) or (
            editor and article.status not in (ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN)),
        "steps": [(url, label) for status, url, label in _ARTICLE_STEPS
                  if services.may_move_article(request.user, article, status)],
        "history": history_entries(article) if editor else None})


@login_required
def article_edit(request, pk):
    article, editor = _get_article_for_user(request.user, pk)
    form = ArticleForm(request.POST or None, instance=article, network=article.network)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(actor=request.user, article=article, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The article was saved."))
            return redirect("networks:article_detail", pk=article.pk)
    return render(request, "networks/simple_form.html", {
        "form": form, "title": _("Change %(article)s") % {"article": article},
        "details": [article.editor_note] if article.editor_note else [],
        "back_url": reverse("networks:article_detail", args=[article.pk])})


_ARTICLE_MOVES = {
    ArticleStatus.SUBMITTED: (_("Submit the article"), _("The network's editors receive it for review."), False),
    ArticleStatus.IN_REVIEW: (_("Take the article into review"), _("The author can no longer change it."), False),
    ArticleStatus.CHANGES_REQUESTED: (_("Ask for changes"), _("The author receives your note and may change "
                                                              "the article before submitting it again."), True),
    ArticleStatus.PUBLISHED: (_("Publish the article"), _("It appears on the network's website with its byline "
                                                          "and the disclaimer."), False),
    ArticleStatus.WITHDRAWN: (_("Withdraw the article"), _("It leaves the website; it stays here with the "
                                                           "reason."), False),
}


@login_required
def article_move(request, pk, status):
    article, _editor = _get_article_for_user(request.user, pk)
    title, question, needs_note = _ARTICLE_MOVES[status]
    back = reverse("networks:article_detail", args=[article.pk])
    done = None if services.may_move_article(request.user, article, status) else _(
        "This article is %(status)s: this step is not open to you.") % {"status": article.get_status_display()}
    return confirm_action(
        request, title=title, question=question, button=title, button_class="btn-primary", done=done,
        form=lambda data: ArticleNoteForm(data),
        action=lambda form: services.article_move(actor=request.user, article=article, status=status,
                                                  note=form.cleaned_data["note"]),
        done_message=_("The article was changed."), done_url=back, back_url=back, errors_on_form=True)
