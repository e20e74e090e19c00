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

from madani.activities import services as ledger
from madani.activities.models import Kind as ActivityKind
from madani.activities.models import Status as ActivityStatus
from madani.core.ledger import ledger_write
from madani.core.services import model_update
from madani.organizations.models import Kind as OrganizationKind

from .models import (
    BoardSeat,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Membership,
    MembershipStatus,
    ArticleStatus,
    LicensingVisit,
    Minutes,
    MinutesStatus,
    NetworkSite,
    OpinionArticle,
    PlanObjective,
    PlanReview,
    SeatRole,
    StrategicPlan,
    VisitOutcome,
)

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


# --- meetings, minutes and decisions ----------------------------------------------------------------


@ledger_write
def meeting_schedule(*, actor, network, program, data: dict) -> Meeting:
    """A meeting of the network (``data``: kind, title, date, host, agenda, quorum_percent, place) and its
    ledger activity — a networking event, or a meeting with local administration for a visit to an
    authority — with one session on the day, serving the current members (the host, for a meeting at a
    member's office)."""
    data = dict(data)
    place = data.pop("place", None)
    host = data.get("host")
    if host is not None and host.network_id != network.pk:
        raise ValidationError({"host": _("The host must be a member of this network.")})
    if data["kind"] == MeetingKind.PREPARATORY and host is None:
        raise ValidationError({"host": _("A preparatory meeting is held at a member's office: name the member.")})
    members = [host.organization] if host else [m.organization for m in network.network_memberships.current()]
    kind = ActivityKind.LOCAL_ADMINISTRATION if data["kind"] == MeetingKind.AUTHORITY_VISIT else ActivityKind.NETWORKING
    activity = ledger.activity_create(actor=actor, session_per_day=True, data={
        "kind": kind, "title": data["title"], "title_ar": data["title"], "program": program,
        "branch": network.branch, "place": place or (host.organization.place if host else network.place),
        "start_date": data["date"], "end_date": data["date"], "description": data.get("agenda", ""),
        "target_organizations": members})
    values = {**data, "network": network, "activity": activity}
    meeting, _changed = model_update(instance=Meeting(), fields=list(values), data=values, actor=actor)
    return meeting


@ledger_write
def meeting_record_attendance(*, actor, meeting: Meeting, present: list) -> Meeting:
    """The meeting was held: ``present`` is a list of ``(person, membership)``, the people who came and
    the member organization each represented. They are enrolled in the meeting's activity and marked
    present at its session; the members present and the number of active members that day (hidden ones
    too) make the quorum."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.HELD):
        raise ValidationError(_("The minutes are written: the attendance no longer changes."))
    if meeting.date > timezone.localdate():
        raise ValidationError(_("The meeting has not taken place yet."))
    memberships = set()
    for person, membership in present:
        # A preparatory meeting comes before the membership (the network is being formed): the organization
        # only needs a membership of the network, even one that began later.
        preparing = meeting.kind == MeetingKind.PREPARATORY
        if membership.network_id != meeting.network_id or not (preparing or was_member_on(membership, meeting.date)):
            raise ValidationError(_("%(organization)s was not a member of the network on the day of the meeting.")
                                  % {"organization": membership.organization})
        ledger.participation_add(actor=actor, activity=meeting.activity, person=person,
                                 organization=membership.organization, completed=True)
        memberships.add(membership)
    session = meeting.activity.sessions.get()
    ledger.attendance_record(actor=actor, session=session, present_ids=[person.pk for person, _m in present])
    if meeting.activity.status != ActivityStatus.COMPLETED:
        ledger.activity_update(actor=actor, activity=meeting.activity, data={"status": ActivityStatus.COMPLETED})
    voting = members_on(meeting.network, meeting.date).count()
    model_update(instance=meeting, fields=["status", "voting_members"],
                 data={"status": MeetingStatus.HELD, "voting_members": voting}, actor=actor)
    meeting.members_present.set(memberships)
    return meeting


def members_on(network, day):
    """The members with a vote on ``day``: joined on or before it and not yet gone (withdrawn members who
    left after it were members then); hidden ones too. A member suspended today is left out: its
    suspension's dates are not recorded."""
    from django.db.models import Q

    return network.network_memberships.filter(
        Q(status=MembershipStatus.ACTIVE) | Q(status=MembershipStatus.WITHDRAWN, left_on__gt=day),
        joined_on__lte=day)


def was_member_on(membership, day) -> bool:
    return membership.status != MembershipStatus.APPLIED and membership.joined_on is not None and (
        membership.joined_on <= day) and (membership.left_on is None or membership.left_on > day)


@transaction.atomic
def minutes_save(*, actor, meeting: Meeting, text: str) -> Minutes:
    """Write the minutes. A draft or circulated version is changed in place (circulated ones go back to
    draft); approved minutes are locked: the change becomes the next version, a draft."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.SCHEDULED:
        raise ValidationError(_("Record who attended before writing the minutes."))
    latest = meeting.minutes.order_by("-version").first()
    if latest is None or latest.status == MinutesStatus.APPROVED:
        values = {"meeting": meeting, "version": (latest.version + 1) if latest else 1, "text": text}
        minutes, _changed = model_update(instance=Minutes(), fields=list(values), data=values, actor=actor)
    else:
        minutes, _changed = model_update(instance=latest, fields=["text", "status"],
                                         data={"text": text, "status": MinutesStatus.DRAFTED}, actor=actor)
    _set_meeting_status(actor, meeting, MeetingStatus.MINUTES_DRAFTED)
    return minutes


_MINUTES_STEPS = {
    MinutesStatus.CIRCULATED: (MinutesStatus.DRAFTED, MeetingStatus.CIRCULATED,
                               gettext_noop("Only drafted minutes are circulated.")),
    MinutesStatus.APPROVED: (MinutesStatus.CIRCULATED, MeetingStatus.APPROVED,
                             gettext_noop("Circulate the minutes to the members before approving them.")),
}


@transaction.atomic
def minutes_move(*, actor, meeting: Meeting, status: str, on: datetime.date | None = None) -> Minutes:
    """drafted → circulated → approved (then locked)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before, meeting_status, message = _MINUTES_STEPS[status]
    minutes = meeting.minutes.order_by("-version").first()
    if minutes is None or minutes.status != before:
        raise ValidationError(_(message))
    values = {"status": status}
    if status == MinutesStatus.APPROVED:
        values["approved_on"] = on or timezone.localdate()
    model_update(instance=minutes, fields=list(values), data=values, actor=actor)
    _set_meeting_status(actor, meeting, meeting_status)
    return minutes


def _set_meeting_status(actor, meeting, status):
    model_update(instance=meeting, fields=["status"], data={"status": status}, actor=actor)


@transaction.atomic
def decision_record(*, actor, meeting: Meeting, data: dict) -> Decision:
    """A decision of a meeting held with its quorum (``data``: text, votes_for, votes_against,
    votes_abstaining, owner, due_date). One vote per member organization present: the votes never add up
    to more. Numbered after the network's last decision."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.SCHEDULED:
        raise ValidationError(_("Record who attended before recording decisions."))
    if meeting.status == MeetingStatus.APPROVED:
        raise ValidationError(_("The minutes are approved: the meeting's decisions are locked."))
    if not meeting.has_quorum:
        raise ValidationError(
            _("No quorum: %(present)s of %(members)s active members were present, and the rule asks for "
              "%(percent)s%%. The meeting cannot take decisions.")
            % {"present": meeting.present_count, "members": meeting.voting_members, "percent": meeting.quorum_percent})
    votes = sum(data.get(name) or 0 for name in ("votes_for", "votes_against", "votes_abstaining"))
    if votes > meeting.present_count:
        raise ValidationError(_("%(votes)s votes, but only %(present)s member organizations were present (one "
                                "vote each).") % {"votes": votes, "present": meeting.present_count})
    owner = data.get("owner")
    if owner is not None and owner.network_id != meeting.network_id:
        raise ValidationError({"owner": _("The decision is followed up by a member of this network.")})
    last = Decision.objects.select_for_update().filter(network=meeting.network).order_by("-number").first()
    values = {**data, "network": meeting.network, "meeting": meeting, "number": (last.number + 1) if last else 1}
    decision, _changed = model_update(instance=Decision(), fields=list(values), data=values, actor=actor)
    return decision


_DECISION_STEPS = {
    DecisionStatus.IN_PROGRESS: {DecisionStatus.OPEN},
    DecisionStatus.DONE: {DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS},
    DecisionStatus.DROPPED: {DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS},
}


@transaction.atomic
def decision_move(*, actor, decision: Decision, status: str, reason: str = "") -> Decision:
    """open → in progress → done | dropped."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.status not in _DECISION_STEPS[status]:
        raise ValidationError(_("This decision is %(status)s: it cannot move there.")
                              % {"status": decision.get_status_display()})
    model_update(instance=decision, fields=["status"], data={"status": status}, actor=actor, reason=reason or None)
    return decision


# --- plans, reviews and licensing support ------------------------------------------------------------


def _check_member_of(network, membership, field="membership"):
    if membership is not None and membership.network_id != network.pk:
        raise ValidationError({field: _("The organization is not a member of this network.")})


@transaction.atomic
def plan_create(*, actor, network, data: dict) -> StrategicPlan:
    """The network's strategic plan (``membership`` empty) or a member's plan (``data``: membership, title,
    period_start, period_end, summary, status)."""
    _check_member_of(network, data.get("membership"))
    if data["period_end"] < data["period_start"]:
        raise ValidationError({"period_end": _("A plan ends after it starts.")})
    values = {**data, "network": network}
    plan, _changed = model_update(instance=StrategicPlan(), fields=list(values), data=values, actor=actor)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: StrategicPlan, data: dict) -> StrategicPlan:
    plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    allowed = {key: data[key] for key in ("title", "period_start", "period_end", "summary", "status") if key in data}
    if allowed.get("period_end", plan.period_end) < allowed.get("period_start", plan.period_start):
        raise ValidationError({"period_end": _("A plan ends after it starts.")})
    model_update(instance=plan, fields=list(allowed), data=allowed, actor=actor)
    return plan


@transaction.atomic
def objective_add(*, actor, plan: StrategicPlan, text: str, indicators=()) -> PlanObjective:
    """An objective of the plan, numbered after the last, followed by ``indicators``."""
    plan = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    last = plan.objectives.order_by("-number").first()
    values = {"plan": plan, "number": (last.number + 1) if last else 1, "text": text}
    objective, _changed = model_update(instance=PlanObjective(), fields=list(values), data=values, actor=actor)
    objective.indicators.set(indicators)
    return objective


@transaction.atomic
def plan_review_record(*, actor, plan: StrategicPlan, data: dict) -> PlanReview:
    """The network reviews a member's plan (``data``: reviewed_on, findings, recommendations, meeting)."""
    if plan.is_networks_own:
        raise ValidationError(_("The network reviews its members' plans; its own plan is not reviewed here."))
    meeting = data.get("meeting")
    if meeting is not None and meeting.network_id != plan.network_id:
        raise ValidationError({"meeting": _("The meeting is not one of this network's.")})
    values = {**data, "plan": plan, "network": plan.network}
    review, _changed = model_update(instance=PlanReview(), fields=list(values), data=values, actor=actor)
    return review


@transaction.atomic
def licensing_visit_record(*, actor, network, data: dict) -> LicensingVisit:
    """A visit to an authority to help a member get licensed (``data``: membership, authority, visited_on,
    meeting, outcome, notes). A granted licence marks the member organization licensed."""
    _check_member_of(network, data["membership"])
    meeting = data.get("meeting")
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationError({"meeting": _("The meeting is not one of this network's.")})
    values = {**data, "network": network}
    visit, _changed = model_update(instance=LicensingVisit(), fields=list(values), data=values, actor=actor)
    _follow_licence(actor, visit)
    return visit


@transaction.atomic
def licensing_visit_update(*, actor, visit: LicensingVisit, data: dict) -> LicensingVisit:
    """Record what came of a visit (``data``: outcome, notes)."""
    visit = LicensingVisit.objects.select_for_update().get(pk=visit.pk)
    allowed = {key: data[key] for key in ("outcome", "notes") if key in data}
    model_update(instance=visit, fields=list(allowed), data=allowed, actor=actor)
    _follow_licence(actor, visit)
    return visit


def _follow_licence(actor, visit):
    from madani.organizations.models import LicensingStatus

    organization = visit.membership.organization
    status = {VisitOutcome.LICENSED: LicensingStatus.LICENSED,
              VisitOutcome.IN_PROGRESS: LicensingStatus.IN_PROGRESS}.get(visit.outcome)
    if status and organization.licensing_status != status and organization.licensing_status != LicensingStatus.LICENSED:
        model_update(instance=organization, fields=["licensing_status"], data={"licensing_status": status},
                     actor=actor, reason=_("Licensing support visit of %(network)s") % {"network": visit.network})


# --- the network's website and its opinion articles ---------------------------------------------------

SITE_FIELDS = ("slug", "name_ar", "name_en", "tagline_ar", "tagline_en", "about_ar", "about_en", "primary_colour",
               "accent_colour", "disclaimer_ar", "disclaimer_en", "published")


@transaction.atomic
def site_save(*, actor, network, data: dict, logo=None) -> NetworkSite:
    """Create or change the network's website (``data``: SITE_FIELDS). A logo is re-encoded (metadata
    stripped, at most 400 pixels wide) before it is kept."""
    from madani.core.images import prepare_image

    if network.kind != OrganizationKind.NETWORK:
        raise ValidationError(_("Only an organization of kind “network” has a website."))
    site = NetworkSite.objects.select_for_update().filter(network=network).first() or NetworkSite(network=network)
    values = {key: data[key] for key in SITE_FIELDS if key in data}
    site, _changed = model_update(instance=site, fields=list(values), data=values, actor=actor)
    if logo:
        prepared = prepare_image(logo, max_width=400, thumbnail_width=120)
        site.logo.save(prepared.thumbnail.name, prepared.thumbnail, save=True)
    return site


ARTICLE_FIELDS = ("title", "summary", "body", "language", "alias", "reply_to")
EDITABLE = {ArticleStatus.DRAFT, ArticleStatus.CHANGES_REQUESTED}


def _check_reply(network, reply_to):
    if reply_to is not None and (reply_to.network_id != network.pk or reply_to.status != ArticleStatus.PUBLISHED):
        raise ValidationError({"reply_to": _("A reply answers a published article of the same network.")})


@transaction.atomic
def article_create(*, actor, network, data: dict) -> OpinionArticle:
    """A draft opinion article by ``actor`` (``data``: ARTICLE_FIELDS)."""
    from .permissions import can_write_articles

    if not can_write_articles(actor, network):
        raise ValidationError(_("Only the network's editors and its members' staff write its articles."))
    _check_reply(network, data.get("reply_to"))
    values = {**{key: data[key] for key in ARTICLE_FIELDS if key in data}, "network": network, "author": actor,
              "status": ArticleStatus.DRAFT}
    article, _changed = model_update(instance=OpinionArticle(), fields=list(values), data=values, actor=actor)
    return article


@transaction.atomic
def article_update(*, actor, article: OpinionArticle, data: dict) -> OpinionArticle:
    """The author changes a draft, or an article sent back for changes; an editor also while reviewing it."""
    from .permissions import can_edit_site

    article = OpinionArticle.objects.select_for_update().get(pk=article.pk)
    editor = can_edit_site(actor, article.network)
    if not (article.status in EDITABLE and article.author_id == actor.pk) and not (
            editor and article.status in EDITABLE | {ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW}):
        raise ValidationError(_("This article is %(status)s: it cannot be changed now.")
                              % {"status": article.get_status_display()})
    _check_reply(article.network, data.get("reply_to", article.reply_to))
    values = {key: data[key] for key in ARTICLE_FIELDS if key in data}
    model_update(instance=article, fields=list(values), data=values, actor=actor)
    return article


# step: (statuses it moves from, who may take it: "author" | "editor" | "either", message when refused)
ARTICLE_STEPS = {
    ArticleStatus.SUBMITTED: (EDITABLE, "author", gettext_noop("Only a draft, or an article sent back for changes, "
                                                               "is submitted.")),
    ArticleStatus.IN_REVIEW: ({ArticleStatus.SUBMITTED}, "editor", gettext_noop("Only a submitted article is "
                                                                              "taken into review.")),
    ArticleStatus.CHANGES_REQUESTED: ({ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW}, "editor",
                                      gettext_noop("Only an article under review is sent back for changes.")),
    ArticleStatus.PUBLISHED: ({ArticleStatus.IN_REVIEW}, "editor", gettext_noop("An article is published after "
                                                                              "editorial review.")),
    ArticleStatus.WITHDRAWN: ({ArticleStatus.PUBLISHED, ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW,
                               ArticleStatus.CHANGES_REQUESTED, ArticleStatus.DRAFT}, "either",
                              gettext_noop("This article is already withdrawn.")),
}


def may_move_article(user, article, status) -> bool:
    from .permissions import can_edit_site

    allowed, who, _message = ARTICLE_STEPS[status]
    if article.status not in allowed:
        return False
    editor = can_edit_site(user, article.network)
    author = article.author_id == user.pk
    return {"author": author, "editor": editor, "either": author or editor}[who]


@transaction.atomic
def article_move(*, actor, article: OpinionArticle, status: str, note: str = "") -> OpinionArticle:
    """draft → submitted → editorial review → changes requested (→ submitted again) | published;
    withdrawn from any of them (by its author or an editor), with a reason."""
    article = OpinionArticle.objects.select_for_update().select_related("network").get(pk=article.pk)
    allowed, _who, message = ARTICLE_STEPS[status]
    if article.status not in allowed:
        raise ValidationError(_(message))
    if not may_move_article(actor, article, status):
        raise ValidationError(_("You may not take this step for this article."))
    values = {"status": status}
    now = timezone.now()
    if status == ArticleStatus.SUBMITTED:
        values["submitted_at"] = now
    elif status == ArticleStatus.CHANGES_REQUESTED:
        if not note.strip():
            raise ValidationError(_("Say what should change."))
        values["editor_note"] = note
    elif status == ArticleStatus.PUBLISHED:
        values["published_at"] = article.published_at or now
        values["editor_note"] = ""
    elif status == ArticleStatus.WITHDRAWN:
        values["withdrawn_reason"] = note[:255]
    model_update(instance=article, fields=list(values), data=values, actor=actor, reason=note[:100] or None)
    return article
