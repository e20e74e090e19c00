"""Every change to an election's records (issue 16). Each is all-or-nothing and checks its rule; the ones
that write the activity ledger (the campaign's activities) are ``@ledger_write``.

Idempotence: a checklist and an incident are identified by their ``instanceID`` (the ODK submission's, or
the web form's hidden one), so a report sent again — by ODK Collect, the offline web form or the staff
page — is the same record, never a second one."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madani.activities import services as ledger
from madani.activities.models import Kind as ActivityKind
from madani.core.ledger import ledger_write
from madani.core.services import model_update

from . import checklists
from .models import (
    Candidate,
    Category,
    CenterResult,
    Checklist,
    Election,
    ElectionForm,
    FormRole,
    Incident,
    IncidentStatus,
    Observer,
    PollingCenter,
    PromotionActivity,
    PromotionKind,
    ResultEntry,
    ResultStatus,
    Severity,
    Status,
    TurnoutCount,
    Verification,
)

# --- the election ------------------------------------------------------------------------------------

_NEXT = {Status.PLANNING: Status.CAMPAIGN, Status.CAMPAIGN: Status.POLLING, Status.POLLING: Status.COUNTING,
         Status.PUBLISHED: Status.ARCHIVED}


@transaction.atomic
def election_create(*, actor, data: dict) -> Election:
    """``data``: title_ar, title_en, body, branch, place, town_ar, town_en, date, seats, network, program,
    coordinator, organizations."""
    if not (actor.is_superuser or data["branch"].pk in actor.branch_ids()):
        raise ValidationError({"branch": _("Choose one of your branches.")})
    if not data.get("seats"):
        raise ValidationError({"seats": _("An election fills at least one seat.")})
    election, _changed = model_update(instance=Election(), fields=list(data), data=data, actor=actor)
    return election


@transaction.atomic
def election_move(*, actor, election: Election, status: str) -> Election:
    """planning → campaign → polling → counting; then ``results_publish``; published → archived."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if status == Status.PUBLISHED:
        raise ValidationError(_("Results are published by reconciling every center's result first."))
    if _NEXT.get(election.status) != status:
        raise ValidationError(_("The election is at “%(status)s”: it cannot move there.")
                              % {"status": election.get_status_display()})
    model_update(instance=election, fields=["status"], data={"status": status}, actor=actor)
    return election


@transaction.atomic
def center_create(*, actor, election: Election, data: dict) -> PollingCenter:
    """``data``: code, name, place, location (private), registered_voters, stations."""
    code = (data.get("code") or "").strip().upper()
    if election.centers.filter(code=code).exists():
        raise ValidationError({"code": _("Another center of this election has the code %(code)s.") % {"code": code}})
    center = PollingCenter(election=election, **{**data, "code": code})
    center.full_clean()
    center.save()
    return center


@transaction.atomic
def observer_assign(*, actor, election: Election, data: dict) -> Observer:
    """A person of the registry as an observer (``data``: person, organization, code, center, accreditation,
    accredited_on, training). The network's observers come from its current members."""
    center, organization = data.get("center"), data.get("organization")
    if center is not None and center.election_id != election.pk:
        raise ValidationError({"center": _("Choose a center of this election.")})
    if organization is not None and election.network_id and not election.network.network_memberships.current(
    ).filter(organization=organization).exists():
        raise ValidationError({"organization": _("%(organization)s is not a current member of the network.")
                               % {"organization": organization}})
    if election.observers.filter(person=data["person"]).exists():
        raise ValidationError({"person": _("This person is already an observer of this election.")})
    code = (data.get("code") or f"O{election.observers.count() + 1}").strip().upper()
    if election.observers.filter(code=code).exists():
        raise ValidationError({"code": _("Another observer of this election has the code %(code)s.") % {"code": code}})
    observer = Observer(election=election, **{**data, "code": code})
    observer.full_clean()
    observer.save()
    return observer


@transaction.atomic
def candidate_add(*, actor, election: Election, data: dict) -> Candidate:
    candidate = Candidate(election=election, name=data["name"], gender=data["gender"])
    candidate.full_clean()
    candidate.save()
    return candidate


# --- the forms --------------------------------------------------------------------------------------

@transaction.atomic
def election_forms_install(*, actor, election: Election) -> list[ElectionForm]:
    """Load the shipped checklists and incident report as surveys of the election's branch (the forms
    engine reads each XLSForm with pyxform); devices and the web form then list them. Run again, it adds
    only the missing ones."""
    from madani.assessments import services as assessments
    from madani.assessments.models import Kind
    from madani.assessments.xlsform import read_xlsform

    made = []
    for role in FormRole.values:
        if election.forms.filter(role=role).exists():
            continue
        data = checklists.workbook(role)
        definition = read_xlsform(data, f"election_{role}.xlsx", domains=set())
        title_ar, title_en = checklists.TITLES[role]
        questionnaire = assessments.questionnaire_create(actor=actor, definition=definition, upload=ContentFile(
            data, name=f"election_{role}.xlsx"), data={
            "kind": Kind.SURVEY, "branch": election.branch, "version": "1",
            "title_ar": f"{title_ar} — {election.title_ar}", "title_en": f"{title_en} — {election.title_en or election.title_ar}"})
        made.append(ElectionForm.objects.create(election=election, role=role, phase=checklists.PHASES[role],
                                                questionnaire=questionnaire))
    return made


# --- checklists ---------------------------------------------------------------------------------------

PROBLEMS = {
    "women_above_voters": gettext_noop("More women voters than voters."),
    "voters_above_registered": gettext_noop("More voters than voters registered at the center."),
    "ballots_arithmetic": gettext_noop("Valid, invalid and blank ballots do not add up to the ballots in the box."),
    "unknown_observer": gettext_noop("The observer code is not one of this election's observers."),
}
FIGURES = ("voters", "women_voters", "ballots", "valid", "invalid", "blank")


def problem_text(code: str) -> str:
    return _(PROBLEMS.get(code, code))


def figure_problems(figures: dict, registered: int | None) -> list[str]:
    """The quality checks: women voters ≤ voters ≤ registered; ballots = valid + invalid + blank."""
    found = []
    voters, women = figures.get("voters"), figures.get("women_voters")
    if voters is not None and women is not None and women > voters:
        found.append("women_above_voters")
    if voters is not None and registered is not None and voters > registered:
        found.append("voters_above_registered")
    parts = [figures.get(name) for name in ("valid", "invalid", "blank")]
    if figures.get("ballots") is not None and None not in parts and sum(parts) != figures["ballots"]:
        found.append("ballots_arithmetic")
    return found


def _number(value):
    if value in (None, ""):
        return None
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return None


def _center_of(election, code):
    center = election.centers.filter(code=str(code or "").strip().upper()).first()
    if center is None:
        raise ValidationError({"center": _("No polling center “%(code)s” in this election.") % {"code": str(code)[:20]}})
    return center


def _observer_of(election, code):
    return election.observers.filter(code=str(code or "").strip().upper()).first() if code else None


def _conflicting(one: Checklist, other: Checklist) -> bool:
    keys = checklists.key_questions(one.form)
    return any(one.answers.get(key) != other.answers.get(key) for key in keys
               if one.answers.get(key) is not None and other.answers.get(key) is not None)


def _mark_conflicts(checklist: Checklist) -> None:
    """Two observers at one center disagreeing on the same checklist and phase: both marked, to resolve."""
    same = Checklist.objects.filter(center=checklist.center, form=checklist.form, phase=checklist.phase).exclude(
        status=Verification.REJECTED)
    rows = list(same)
    for row in rows:
        conflict = any(other.pk != row.pk and other.observer_id != row.observer_id and _conflicting(row, other)
                       for other in rows)
        if conflict != row.conflict:
            Checklist.objects.filter(pk=row.pk).update(conflict=conflict)
            row.conflict = conflict
    checklist.conflict = next(row.conflict for row in rows if row.pk == checklist.pk) if checklist.pk in {
        r.pk for r in rows} else checklist.conflict


@transaction.atomic
def checklist_record(*, actor, election: Election, form: str, answers: dict, instance_id: str,
                     submission=None, replaces: Checklist | None = None) -> tuple[Checklist, bool]:
    """A checklist from its answers (those of the shipped form: center, observer, phase, the questions).
    The same ``instance_id`` again returns the checklist already recorded (``created`` False); an edit of a
    submission (``replaces``) changes that checklist and sends it back to verification."""
    existing = Checklist.objects.select_for_update().filter(instance_id=instance_id).first()
    if existing is not None:
        return existing, False
    center = _center_of(election, answers.get("center"))
    observer = _observer_of(election, answers.get("observer"))
    phase = answers.get("phase") or checklists.PHASES[form]
    figures = {name: _number(answers.get(name)) for name in FIGURES}
    registered = center.registered_voters or _number(answers.get("registered"))
    problems = figure_problems(figures, registered)
    if answers.get("observer") and observer is None:
        problems.append("unknown_observer")
    values = {"election": election, "form": form, "phase": phase, "center": center, "observer": observer,
              "instance_id": instance_id, "submission": submission, "answers": answers, "problems": problems,
              "status": Verification.UNVERIFIED, "verified_by": None, **figures}
    if replaces is not None:
        checklist = Checklist.objects.select_for_update().get(pk=replaces.pk)
        model_update(instance=checklist, fields=list(values), data=values, actor=actor, reason=_("Edited on the device."))
        created = False
    else:
        checklist, created = model_update(instance=Checklist(), fields=list(values), data=values, actor=actor)[0], True
    _mark_conflicts(checklist)
    return checklist, created


@transaction.atomic
def checklist_verify(*, actor, checklist: Checklist, status: str, note: str = "") -> Checklist:
    """unverified → verified | rejected (a checklist with quality problems is verified only with a note
    saying why the figures stand)."""
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if status not in (Verification.VERIFIED, Verification.REJECTED):
        raise ValidationError(_("A checklist is verified or rejected."))
    if checklist.status != Verification.UNVERIFIED:
        raise ValidationError(_("This checklist was already %(status)s.") % {"status": checklist.get_status_display()})
    if status == Verification.VERIFIED and (checklist.problems or checklist.conflict) and not note.strip():
        raise ValidationError({"note": _("The checklist has quality problems or a conflict: say why it stands.")})
    model_update(instance=checklist, fields=["status", "verified_by", "note"],
                 data={"status": status, "verified_by": actor, "note": note}, actor=actor)
    if status == Verification.REJECTED:
        _mark_conflicts(checklist)
    return checklist


# --- incidents ----------------------------------------------------------------------------------------

def _alert(incident: Incident) -> None:
    """An observer unsafe or leaving: the coordinator is told at once (email), and the observer is marked."""
    election = incident.election
    now = timezone.now()
    Incident.objects.filter(pk=incident.pk).update(alerted_at=now)
    incident.alerted_at = now
    if incident.observer_id:
        Observer.objects.filter(pk=incident.observer_id, unsafe_since__isnull=True).update(unsafe_since=now)
    if election.coordinator_id and election.coordinator.email:
        center = incident.center.code if incident.center_id else "—"
        send_mail(_("Observer unsafe or leaving — %(election)s") % {"election": election},
                  _("An observer reported being unsafe or leaving polling center %(center)s at %(time)s.\n\n"
                    "%(description)s") % {"center": center,
                                          "time": timezone.localtime(incident.occurred_at).strftime("%H:%M"),
                                          "description": incident.description},
                  None, [election.coordinator.email])


@transaction.atomic
def incident_report(*, actor, election: Election, data: dict, instance_id: str, submission=None) -> tuple[Incident, bool]:
    """An incident (``data``: center or place, observer, category, severity, occurred_at, description).
    The same ``instance_id`` again returns the incident already recorded (``created`` False): a retried
    report never counts twice. An observer unsafe or leaving alerts the coordinator at once."""
    instance_id = (instance_id or "").strip()
    if not instance_id:
        raise ValidationError(_("The report has no identity (instanceID)."))
    existing = Incident.objects.filter(instance_id=instance_id).first()
    if existing is not None:
        return existing, False
    center = data.get("center")
    if center is not None and center.election_id != election.pk:
        raise ValidationError({"center": _("Choose a center of this election.")})
    place = data.get("place") or (center.place if center else election.place)
    category = data["category"]
    severity = data.get("severity") or Severity.MEDIUM
    if category == Category.OBSERVER_SAFETY:
        severity = Severity.CRITICAL
    values = {"election": election, "instance_id": instance_id, "submission": submission, "center": center,
              "place": place, "observer": data.get("observer"), "category": category, "severity": severity,
              "occurred_at": data.get("occurred_at") or timezone.now(), "description": data.get("description", ""),
              "reported_by": actor}
    try:
        with transaction.atomic():
            incident, _changed = model_update(instance=Incident(), fields=list(values), data=values, actor=actor)
    except IntegrityError:  # the same report arriving at the same moment
        return Incident.objects.get(instance_id=instance_id), False
    if incident.observer_unsafe:
        _alert(incident)
    return incident, True


_INCIDENT_STEPS = {
    IncidentStatus.VERIFIED: {IncidentStatus.REPORTED},
    IncidentStatus.ESCALATED: {IncidentStatus.REPORTED, IncidentStatus.VERIFIED},
    IncidentStatus.RESOLVED: {IncidentStatus.VERIFIED, IncidentStatus.ESCALATED},
    IncidentStatus.REJECTED: {IncidentStatus.REPORTED, IncidentStatus.VERIFIED},
}


@transaction.atomic
def incident_move(*, actor, incident: Incident, status: str, reason: str = "") -> Incident:
    """reported → verified → escalated → resolved; reported or verified → rejected."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.status not in _INCIDENT_STEPS.get(status, ()):
        raise ValidationError(_("This incident is %(status)s: it cannot move there.")
                              % {"status": incident.get_status_display()})
    model_update(instance=incident, fields=["status"], data={"status": status}, actor=actor, reason=reason or None)
    return incident


# --- what ODK sends -----------------------------------------------------------------------------------

def submission_received(submission) -> None:
    """The collect app's handler (``submission_handlers``): a submission of one of an election's forms
    becomes a checklist or an incident, once per instanceID (a retry finds it again). A center code the
    election does not have refuses the submission, so the observer can correct it on the device."""
    from madani.collect.services import Refusal

    form = ElectionForm.objects.select_related("election").filter(questionnaire_id=submission.questionnaire_id).first()
    if form is None:
        return
    election, answers = form.election, submission.answers
    try:
        if form.role == FormRole.INCIDENT:
            if Incident.objects.filter(instance_id=submission.instance_id).exists():
                return
            if submission.replaces_id and Incident.objects.filter(submission_id=submission.replaces_id).exists():
                return  # an edit of a report: the incident stays the one first received
            occurred = parse_datetime(str(answers.get("occurred") or "")) or submission.received_at
            if timezone.is_naive(occurred):
                occurred = timezone.make_aware(occurred)
            category = answers.get("category") if answers.get("category") in Category.values else Category.OTHER
            severity = answers.get("severity") if answers.get("severity") in Severity.values else Severity.MEDIUM
            incident_report(actor=submission.submitted_by, election=election, instance_id=submission.instance_id,
                            submission=submission, data={
                                "center": _center_of(election, answers.get("center")),
                                "observer": _observer_of(election, answers.get("observer")), "category": category,
                                "severity": severity, "occurred_at": occurred,
                                "description": str(answers.get("description") or "")})
        else:
            replaces = Checklist.objects.filter(submission_id=submission.replaces_id).first() \
                if submission.replaces_id else None
            checklist_record(actor=submission.submitted_by, election=election, form=form.role, answers=answers,
                             instance_id=submission.instance_id, submission=submission, replaces=replaces)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None


# --- turnout and results --------------------------------------------------------------------------------

@transaction.atomic
def turnout_record(*, actor, center: PollingCenter, slot: datetime.time, voters: int, women_voters: int) -> TurnoutCount:
    """The voters so far at ``slot`` (the count for a slot again replaces it). Counts only grow through the
    day, women voters are never more than voters, voters never more than registered."""
    problems = figure_problems({"voters": voters, "women_voters": women_voters}, center.registered_voters)
    if problems:
        raise ValidationError([problem_text(code) for code in problems])
    earlier = center.turnout_counts.filter(slot__lt=slot).order_by("-slot").first()
    if earlier is not None and voters < earlier.voters:
        raise ValidationError(_("Fewer voters than at %(time)s: the count is of voters so far.")
                              % {"time": earlier.slot.strftime("%H:%M")})
    count, _created = TurnoutCount.objects.update_or_create(
        center=center, slot=slot, defaults={"election": center.election, "voters": voters,
                                            "women_voters": women_voters, "recorded_by": actor})
    return count


def _check_result_figures(center, figures: dict, candidates) -> None:
    problems = figure_problems(figures, center.registered_voters)
    if problems:
        raise ValidationError([problem_text(code) for code in problems])
    if figures["ballots"] > figures["voters"]:
        raise ValidationError(_("More ballots in the box than voters."))
    votes = figures.get("votes") or {}
    unknown = set(votes) - {str(c.pk) for c in candidates}
    if unknown:
        raise ValidationError(_("Votes for someone who is not a candidate of this election."))
    if any(int(v) < 0 for v in votes.values()):
        raise ValidationError(_("Votes are never negative."))


@transaction.atomic
def result_enter(*, actor, center: PollingCenter, data: dict) -> CenterResult:
    """One entry of a center's result (``data``: voters, women_voters, ballots, valid, invalid, blank, and
    ``votes`` {candidate id: votes}). Two entries, by two different people: when they are equal the result
    is reconciled; when they differ, it waits for ``result_reconcile``."""
    election = Election.objects.get(pk=center.election_id)
    if election.status not in (Status.POLLING, Status.COUNTING):
        raise ValidationError(_("Results are entered during the count."))
    result, _created = CenterResult.objects.select_for_update().get_or_create(center=center,
                                                                             defaults={"election": election})
    if result.status == ResultStatus.RECONCILED:
        raise ValidationError(_("This center's result is reconciled."))
    entries = list(result.entries.all())
    if any(entry.entered_by_id == actor.pk for entry in entries):
        raise ValidationError(_("You entered this center's result already: the second entry is someone else's."))
    if len(entries) >= 2:
        raise ValidationError(_("Both entries are in: reconcile them."))
    figures = {name: int(data[name]) for name in ResultEntry.FIGURES}
    votes = {str(key): int(value) for key, value in (data.get("votes") or {}).items()}
    _check_result_figures(center, {**figures, "votes": votes}, election.candidates.all())
    entry = ResultEntry.objects.create(result=result, entered_by=actor, votes=votes, **figures)
    entries.append(entry)
    if len(entries) == 2:
        if entries[0].figures() == entries[1].figures():
            _settle(actor, result, entries[0].figures(), actor_reconciled=None)
        else:
            model_update(instance=result, fields=["status"], data={"status": ResultStatus.DIFFER}, actor=actor)
    return result


def _settle(actor, result, figures, actor_reconciled):
    values = {**figures, "status": ResultStatus.RECONCILED, "reconciled_by": actor_reconciled}
    model_update(instance=result, fields=list(values), data=values, actor=actor)


@transaction.atomic
def result_reconcile(*, actor, result: CenterResult, data: dict) -> CenterResult:
    """The two entries differ: someone who entered neither checks the center's record and gives the
    figures that stand."""
    result = CenterResult.objects.select_for_update().get(pk=result.pk)
    if result.status != ResultStatus.DIFFER:
        raise ValidationError(_("Only a result whose two entries differ is reconciled."))
    if result.entries.filter(entered_by=actor).exists():
        raise ValidationError(_("Someone who entered neither figure reconciles them."))
    figures = {name: int(data[name]) for name in ResultEntry.FIGURES}
    figures["votes"] = {str(key): int(value) for key, value in (data.get("votes") or {}).items()}
    _check_result_figures(result.center, figures, result.election.candidates.all())
    _settle(actor, result, figures, actor_reconciled=actor)
    return result


def publish_problems(election: Election) -> list[str]:
    """Why the results cannot be published yet (empty: they can)."""
    problems = []
    for center in election.centers.select_related("result"):
        result = getattr(center, "result", None)
        if result is None or result.status == ResultStatus.AWAITING:
            problems.append(_("%(center)s: the result is not entered twice yet.") % {"center": center.code})
        elif result.status == ResultStatus.DIFFER:
            problems.append(_("%(center)s: the two entries differ; reconcile them.") % {"center": center.code})
    if not election.centers.exists():
        problems.append(_("The election has no polling centers."))
    return problems


@transaction.atomic
def results_publish(*, actor, election: Election) -> Election:
    """Every center's result reconciled: the candidates' votes are added up, the seats go to the candidates
    with most votes, and the results are published (the public report opens)."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.status != Status.COUNTING:
        raise ValidationError(_("Results are published after the count."))
    problems = publish_problems(election)
    if problems:
        raise ValidationError(problems)
    totals = {}
    for result in election.results.all():
        for key, votes in result.votes.items():
            totals[int(key)] = totals.get(int(key), 0) + int(votes)
    ranked = sorted(election.candidates.all(), key=lambda c: (-totals.get(c.pk, 0), c.name))
    for n, candidate in enumerate(ranked):
        Candidate.objects.filter(pk=candidate.pk).update(votes=totals.get(candidate.pk, 0), elected=n < election.seats)
    model_update(instance=election, fields=["status", "published_at"],
                 data={"status": Status.PUBLISHED, "published_at": timezone.now()}, actor=actor)
    return election


# --- the campaign ------------------------------------------------------------------------------------

PROMOTION_ACTIVITY_KINDS = {PromotionKind.AWARENESS: ActivityKind.ADVOCACY,
                            PromotionKind.VOTER_CARDS: ActivityKind.ADVOCACY,
                            PromotionKind.LEAFLETS: ActivityKind.ADVOCACY,
                            PromotionKind.TRAINING: ActivityKind.TRAINING}


@ledger_write
def promotion_record(*, actor, election: Election, kind: str, data: dict, leaflets: int = 0) -> PromotionActivity:
    """One of the campaign's awareness sessions, voter-card drives or leaflet distributions, or the observer
    training, recorded in the ledger under the election's program (``data``: title_ar, title_en, place,
    start_date, end_date, status, target_organizations…), so it counts in the indicators and donor reports;
    its participants and attendance are recorded through the activities pages and services as any other."""
    activity = ledger.activity_create(actor=actor, session_per_day=True, data={
        "program": election.program, "branch": election.branch, "place": election.place,
        "kind": PROMOTION_ACTIVITY_KINDS[kind], "title": data.get("title_ar") or data.get("title_en"), **data})
    return PromotionActivity.objects.create(election=election, kind=kind, activity=activity, leaflets=leaflets)
