"""Writes to the ledger. Every function is all-or-nothing and records who did it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write
from madani.core.services import model_update
from madani.people.services import affiliation_ensure, person_create

from .models import Activity, Attendance, Participation, Program, Session, Source, Status

ACTIVITY_M2M = ("topics", "facilitators", "target_organizations")


def _check_sessions_inside(activity: Activity) -> None:
    outside = activity.sessions.exclude(date__range=(activity.start_date, activity.end_date))
    if outside.exists():
        raise ValidationError(
            _("%(count)s session(s) fall outside the activity's new dates; move them first.")
            % {"count": outside.count()}
        )


# What cannot have happened yet (issue 12): attendance at a session in the future, an activity or a
# participant completed before the activity's last session, a certificate before completion. The
# day is the center's (``TIME_ZONE``), so a session held today can be marked today.

def last_day(activity: Activity):
    """The day of the activity's last session; without sessions, its end date."""
    if activity.pk:
        last = activity.sessions.aggregate(last=Max("date"))["last"]
        if last:
            return last
    return activity.end_date


def _day(value) -> str:
    """A date inside a message (plain text, no <bdi>): ISO, as on the pages, in a first-strong isolate so
    that an Arabic sentence does not reorder its parts."""
    return f"\u2068{value.isoformat()}\u2069"


def check_ended(activity: Activity) -> None:
    """Refuse completing ``activity`` (or one of its participants) before its last session."""
    last = last_day(activity)
    if last and last > timezone.localdate():
        raise ValidationError(
            _("The activity's last session is on %(day)s: it can be marked completed from that day on.")
            % {"day": _day(last)})


def check_session_held(session: Session) -> None:
    """Refuse attendance at a session that has not taken place yet."""
    if session.date > timezone.localdate():
        raise ValidationError(
            _("This session is on %(day)s: attendance can be marked from that day on.") % {"day": _day(session.date)})


def _check_activity(activity: Activity) -> None:
    if activity.status == Status.COMPLETED:
        try:
            check_ended(activity)
        except ValidationError as error:
            raise ValidationError({"status": error.messages}) from None


def _save_activity(*, actor, activity: Activity, data: dict) -> Activity:
    values = {name: clean_spaces(value) if name in ("title_ar", "title_en") else value for name, value in data.items()}
    model_update(instance=activity, fields=list(values), data=values, actor=actor, clean_exclude=["search_key"],
                 check=_check_activity)
    if activity.pk:
        _check_sessions_inside(activity)
    return activity


@ledger_write
def activity_create(*, actor, data: dict, session_per_day: bool = False) -> Activity:
    """Record an activity; with ``session_per_day`` one session is created for each of its days
    (a three-day workshop gets three sessions at its place, with its first facilitator)."""
    activity = _save_activity(actor=actor, activity=Activity(created_by=actor), data=data)
    if session_per_day:
        facilitator = activity.facilitators.first()
        day, days = activity.start_date, []
        while day <= activity.end_date:
            days.append(Session(activity=activity, date=day, place=activity.place, facilitator=facilitator))
            day = day.fromordinal(day.toordinal() + 1)
        Session.objects.bulk_create(days)
    return activity


@ledger_write
def activity_update(*, actor, activity: Activity, data: dict, version=None) -> Activity:
    """A stale ``version`` raises ``StaleVersion`` (madani/core/concurrency.py)."""
    check_version(activity, version)
    return _save_activity(actor=actor, activity=activity, data=data)


@ledger_write
def activity_delete(*, actor, activity: Activity) -> None:
    activity._history_user = actor
    activity.delete()


def _check_session(session: Session) -> None:
    if session.date and not session.activity.covers(session.date):
        raise ValidationError(
            {"date": _("The date must fall within the activity (%(start)s – %(end)s).")
             % {"start": session.activity.start_date, "end": session.activity.end_date}}
        )
    if session.date and session.date > timezone.localdate() and session.activity.status == Status.COMPLETED:
        raise ValidationError({"date": _("The activity is marked completed: it can have no session after today.")})
    session.full_clean()


@ledger_write
def session_create(*, actor, activity: Activity, data: dict) -> Session:
    session = Session(activity=activity, **data)
    _check_session(session)
    session.save()
    return session


@ledger_write
def session_update(*, actor, session: Session, data: dict, version=None) -> Session:
    """A stale ``version`` raises ``StaleVersion`` (madani/core/concurrency.py)."""
    check_version(session, version)
    model_update(instance=session, fields=list(data), data=data, actor=actor, check=_check_session)
    return session


@ledger_write
def session_delete(*, actor, session: Session) -> None:
    session.delete()


@ledger_write
def participation_add(*, actor, activity: Activity, person, organization=None, completed=False,
                      source=Source.MANUAL) -> Participation:
    """Enrol a person in an activity (idempotent: an existing participation is returned, and its
    organization filled in if it had none)."""
    if completed:
        check_ended(activity)
    participation, created = Participation.objects.get_or_create(
        activity=activity, person=person, defaults={"organization": organization, "completed": completed, "source": source}
    )
    if not created and organization is not None and participation.organization_id is None:
        participation.organization = organization
        participation._history_user = actor
        participation.save(update_fields=["organization"])
    return participation


@ledger_write
def participation_update(*, actor, participation: Participation, data: dict) -> Participation:
    # A model form has already set the new value on the instance: compare with what is stored.
    if data.get("completed") and not Participation.objects.filter(pk=participation.pk, completed=True).exists():
        check_ended(participation.activity)
    model_update(instance=participation, fields=list(data), data=data, actor=actor)
    return participation


@ledger_write
def participations_complete(*, actor, activity: Activity, completed_ids) -> dict:
    """Make the participants ``completed_ids`` (person ids) exactly the ones who completed ``activity``
    (a bulk tick on the completion page, or the rule "present at ≥ N sessions" it previews). Nobody can
    be newly marked before the last session; ids of people not enrolled are refused. Posting the same
    list twice changes nothing the second time."""
    try:
        completed_ids = {int(pk) for pk in completed_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Only people enrolled in the activity can be marked completed.")) from None
    participations = {p.person_id: p for p in activity.participations.all()}
    if completed_ids - set(participations):
        raise ValidationError(_("Only people enrolled in the activity can be marked completed."))
    newly = [p for pk, p in participations.items() if pk in completed_ids and not p.completed]
    undone = [p for pk, p in participations.items() if pk not in completed_ids and p.completed]
    if newly:
        check_ended(activity)
    for participation in newly + undone:
        participation.completed = not participation.completed
        participation._history_user = actor
        participation.save(update_fields=["completed"])
    return {"completed": len(completed_ids), "added": len(newly), "removed": len(undone)}


def participation_refusal(*, activity: Activity, person) -> str:
    """Why ``person`` cannot be enrolled in ``activity`` ("" when they can): already
    enrolled, or, for a one-organization service (coaching, consultation…), not working for the
    organization it serves."""
    from .models import ONE_ORGANIZATION_KINDS

    if Participation.objects.filter(activity=activity, person=person).exists():
        return _("%(person)s is already enrolled.") % {"person": person}
    if activity.kind in ONE_ORGANIZATION_KINDS:
        served = list(activity.target_organizations.values_list("pk", flat=True))
        if served and not person.affiliations.filter(organization_id__in=served, end_date__isnull=True).exists():
            return _("%(person)s does not work for the organization this service is for.") % {"person": person}
    return ""


@ledger_write
def participations_enrol(*, actor, activity: Activity, people) -> list[Participation]:
    """Enrol several people at once, all or nothing: ``people`` is a list of ``(person, organization)``.
    When one of them cannot be enrolled, nobody is, and the ``ValidationError`` names each refusal."""
    refusals = [reason for person, _organization in people
                if (reason := participation_refusal(activity=activity, person=person))]
    if refusals:
        raise ValidationError(refusals)
    return [participation_add(actor=actor, activity=activity, person=person, organization=organization)
            for person, organization in people]


@ledger_write
def participation_remove(*, actor, participation: Participation) -> None:
    """Remove a person from an activity, with their attendance at its sessions."""
    Attendance.objects.filter(session__activity_id=participation.activity_id, person_id=participation.person_id).delete()
    participation._history_user = actor
    participation.delete()


@ledger_write
def attendance_record(*, actor, session: Session, present_ids, source=Source.SHEET) -> dict:
    """Make ``present_ids`` exactly the people present at ``session``. Only the activity's
    participants can be ticked, and only at a session that has taken place. Posting the same list
    twice changes nothing the second time. Returns how many were added and removed."""
    check_session_held(session)
    present_ids = {int(pk) for pk in present_ids}
    enrolled = set(session.activity.participations.values_list("person_id", flat=True))
    strangers = present_ids - enrolled
    if strangers:
        raise ValidationError(_("Only people enrolled in the activity can be marked present."))
    current = set(session.attendance.values_list("person_id", flat=True))
    removed = current - present_ids
    session.attendance.filter(person_id__in=removed).delete()
    Attendance.objects.bulk_create(
        [Attendance(session=session, person_id=pk, source=source) for pk in present_ids - current]
    )
    return {"added": len(present_ids - current), "removed": len(removed), "present": len(present_ids)}


@ledger_write
def attendance_walk_in(*, actor, session: Session, person=None, person_data=None, organization=None) -> Participation:
    """A walk-in: an existing person, or a new one registered on the spot (after the caller has
    shown the likely duplicates), enrolled in the activity and marked present at the session."""
    check_session_held(session)
    if person is None:
        person = person_create(actor=actor, data={"branch": session.activity.branch, **person_data})
    if organization is not None:  # the organization the trainer chose: kept as the person's affiliation
        affiliation_ensure(actor=actor, person=person, organization=organization)
    participation = participation_add(
        actor=actor, activity=session.activity, person=person, organization=organization, source=Source.SHEET
    )
    Attendance.objects.get_or_create(session=session, person=person, defaults={"source": Source.SHEET})
    return participation


@transaction.atomic
def program_save(*, actor, program: Program, data: dict, phases=None, version=None) -> Program:
    """Create or change a program and, in the same transaction, its phases (an inline formset). A stale
    ``version`` raises ``StaleVersion`` (madani/core/concurrency.py)."""
    check_version(program, version)
    branches = data.pop("branches", None)
    for name, value in data.items():
        setattr(program, name, clean_spaces(value) if name in ("name_ar", "name_en") and value is not None else value)
    program._history_user = actor
    program.full_clean()
    program.save()
    if branches is not None:
        program.branches.set(branches)
    if phases is not None:
        phases.instance = program
        phases.save()
    return program


# The spreadsheet import lives with its parsing and checks; it is a service like the others.
from .imports import attendance_import  # noqa: E402,F401
