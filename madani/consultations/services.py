"""Writes to the request queue. An accepted request becomes one ledger activity (the ledger rule:
every service delivered is recorded once, in the activity ledger); its sessions are that activity's."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madani.activities import services as ledger
from madani.activities.models import Activity
from madani.activities.models import Status as ActivityStatus
from madani.core.ledger import ledger_write

from .models import ACTIVITY_KIND, Request, RequestKind, RequestSource, RequestStatus

# The ledger activity's title, written in each language of the platform.
TITLES = {
    RequestKind.CONSULTATION: gettext_noop("Consultation for %(organization)s"),
    RequestKind.TECHNICAL_SUPPORT: gettext_noop("Technical support for %(organization)s"),
}


def _save(*, actor, support_request: Request) -> Request:
    support_request._history_user = actor
    support_request.full_clean()
    support_request.save()
    return support_request


@transaction.atomic
def request_create(*, actor, data: dict, source: str = RequestSource.STAFF) -> Request:
    """File a request: by staff, by a CSO member for their own organization (portal), or by a visitor
    through a public form (``actor`` is None)."""
    support_request = Request(source=source, requester=actor if actor and actor.is_authenticated else None, **data)
    if source == RequestSource.PORTAL:
        if not actor.organization_id:
            raise ValidationError(_("Only members of an organization can file requests through the portal."))
        support_request.organization_id = actor.organization_id
    if source == RequestSource.PUBLIC:
        support_request.organization = None
    return _save(actor=actor, support_request=support_request)


def _titles(kind, organization) -> dict:
    titles = {}
    for language in ("ar", "en"):
        with translation.override(language):
            titles[f"title_{language}"] = _(TITLES[kind]) % {"organization": organization}
    return titles


@ledger_write
def request_assign(*, actor, support_request: Request, expert, program, organization=None,
                   start_date: datetime.date | None = None) -> Activity:
    """Accept a request and assign an expert: one consultation or technical-support activity is
    recorded in the ledger (the branch's, serving the organization, facilitated by the expert, ongoing)."""
    if support_request.status != RequestStatus.NEW:
        raise ValidationError(_("Only new requests can be accepted."))
    if not support_request.becomes_activity:
        raise ValidationError(_("A training suggestion is not assigned to an expert; close it once it is considered."))
    organization = organization or support_request.organization
    if organization is None:
        raise ValidationError({"organization": _("Choose the organization this service is for.")})
    start_date = start_date or datetime.date.today()
    titles = _titles(support_request.kind, organization)
    activity = ledger.activity_create(actor=actor, data={
        "kind": ACTIVITY_KIND[support_request.kind],
        "title": titles["title_ar"],
        **titles,
        "program": program,
        "branch": support_request.branch,
        "place": support_request.branch.place,
        "start_date": start_date,
        "end_date": start_date,
        "status": ActivityStatus.ONGOING,
        "topics": [support_request.topic] if support_request.topic else [],
        "facilitators": [expert],
        "target_organizations": [organization],
    })
    support_request.organization = organization
    support_request.expert = expert
    support_request.activity = activity
    support_request.status = RequestStatus.ASSIGNED
    _save(actor=actor, support_request=support_request)
    return activity


@ledger_write
def request_log_session(*, actor, support_request: Request, data: dict):
    """Log a session (date, topic, outcome) on the request's activity. A session after the activity's
    end date (or before its start) stretches the activity to cover it: a consultation runs until it is
    closed."""
    if support_request.status not in (RequestStatus.ASSIGNED, RequestStatus.IN_PROGRESS):
        raise ValidationError(_("Sessions can be logged only on an accepted request that is still open."))
    activity = support_request.activity
    day = data["date"]
    if not activity.covers(day):
        ledger.activity_update(actor=actor, activity=activity, data={
            "start_date": min(activity.start_date, day), "end_date": max(activity.end_date, day),
        })
    session = ledger.session_create(actor=actor, activity=activity, data={"facilitator": support_request.expert, **data})
    if support_request.status != RequestStatus.IN_PROGRESS:
        support_request.status = RequestStatus.IN_PROGRESS
        _save(actor=actor, support_request=support_request)
    return session


@ledger_write
def request_close(*, actor, support_request: Request, note: str = "") -> Request:
    """Close a request as done: its activity is completed. A training suggestion is closed once
    staff have considered it."""
    if not support_request.is_open:
        raise ValidationError(_("This request is already closed."))
    if support_request.becomes_activity:
        if support_request.activity is None or not support_request.activity.sessions.exists():
            raise ValidationError(_("Log at least one session before closing the request."))
        ledger.activity_update(actor=actor, activity=support_request.activity,
                               data={"status": ActivityStatus.COMPLETED})
    support_request.status = RequestStatus.DONE
    if note:
        support_request.note = note
    return _save(actor=actor, support_request=support_request)


@transaction.atomic
def request_decline(*, actor, support_request: Request, note: str = "") -> Request:
    """Decline a new request (nothing was recorded in the ledger for it)."""
    if support_request.status != RequestStatus.NEW:
        raise ValidationError(_("Only new requests can be declined."))
    support_request.status = RequestStatus.DECLINED
    support_request.note = note
    return _save(actor=actor, support_request=support_request)
