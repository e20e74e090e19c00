"""Every state change of a call, application, review, award, tranche and report (issue 14). Each is
all-or-nothing, checks its rule and writes the change history (``core/services.model_update``). Those
that record the community project, its activities or a proposal's coaching in the ledger are marked
``@ledger_write``."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madani.activities import services as ledger
from madani.activities.models import Kind as ActivityKind
from madani.activities.models import Status as ActivityStatus
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write
from madani.core.services import model_update
from madani.core.uploads import validate_document, validate_upload
from madani.organizations.models import IncubationStage

from .models import (
    STAGE_ORDER,
    ZERO,
    Application,
    ApplicationSource,
    ApplicationStatus,
    Attachment,
    Award,
    AwardStatus,
    BudgetLine,
    Call,
    CallStatus,
    Criterion,
    GrantReport,
    Method,
    ReportLine,
    ReportStatus,
    Review,
    Score,
    Tranche,
    TrancheStatus,
)

CENT = Decimal("0.01")
REPORT_DUE_DAYS = 45  # a tranche's report is due this long after it is paid
FINAL_REPORT_DAYS = 30  # the final report is due this long after the project's planned end
RECEIPT_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".odt")
COACHING_TITLE = gettext_noop("Proposal writing support for %(organization)s")


def _set(instance, actor, **values):
    model_update(instance=instance, fields=list(values), data=values, actor=actor)
    return instance


def _status(instance, allowed, message):
    if instance.status not in allowed:
        raise ValidationError(message)


# --- calls --------------------------------------------------------------------------------------

@transaction.atomic
def call_create(*, actor, data: dict, criteria: list[dict], panel=()) -> Call:
    """A draft call with its rubric (``criteria``: name_ar, name_en, weight) and panel."""
    if not criteria:
        raise ValidationError(_("Give the call at least one review criterion."))
    m2m = {name: data.pop(name) for name in ("branches", "places") if name in data}
    call, _changed = model_update(instance=Call(), fields=[*data, *m2m], data={**data, **m2m}, actor=actor)
    for order, criterion in enumerate(criteria):
        Criterion.objects.create(call=call, order=order, **criterion)
    call.panel.set(panel)
    return call


@transaction.atomic
def call_update(*, actor, call: Call, data: dict, criteria: list[dict], panel=(), version=None) -> Call:
    """Change a draft call, its rubric and its panel (once open, applicants rely on what it says). A stale
    ``version`` raises ``StaleVersion`` (core/concurrency.py). The rubric is replaced as given: nobody has
    scored against it yet."""
    current = check_version(call, version) or call
    if current.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be changed."))
    if not criteria:
        raise ValidationError(_("Give the call at least one review criterion."))
    m2m = {name: data.pop(name) for name in ("branches", "places") if name in data}
    call, _changed = model_update(instance=call, fields=[*data, *m2m], data={**data, **m2m}, actor=actor)
    kept = list(call.criteria.order_by("order", "pk"))
    for order, criterion in enumerate(criteria):
        if order < len(kept):
            _set(kept[order], actor, order=order, **criterion)
        else:
            Criterion.objects.create(call=call, order=order, **criterion)
    Criterion.objects.filter(pk__in=[c.pk for c in kept[len(criteria):]]).delete()
    call.panel.set(panel)
    return call


_CALL_STEPS = {
    CallStatus.OPEN: ({CallStatus.DRAFT, CallStatus.CLOSED}, gettext_noop("Only a draft or closed call can be opened.")),
    CallStatus.CLOSED: ({CallStatus.OPEN}, gettext_noop("Only an open call can be closed.")),
    CallStatus.REVIEWING: ({CallStatus.CLOSED}, gettext_noop("Close the call before its review starts.")),
    CallStatus.DECIDED: ({CallStatus.REVIEWING}, gettext_noop("Only a call under review can be marked decided.")),
}


@transaction.atomic
def call_move(*, actor, call: Call, status: str) -> Call:
    """draft → open → closed → reviewing → decided (a closed call may be opened again)."""
    allowed, message = _CALL_STEPS[status]
    _status(call, allowed, _(message))
    if status == CallStatus.OPEN and not call.panel.exists():
        raise ValidationError(_("Name the review panel before opening the call."))
    if status == CallStatus.DECIDED and call.applications.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW, ApplicationStatus.MORE_INFO]).exists():
        raise ValidationError(_("Some applications still wait for a decision."))
    return _set(call, actor, status=status)


# --- applications ---------------------------------------------------------------------------------

def _check_budget(requested, lines: list[dict], currency) -> None:
    if not lines:
        raise ValidationError(_("Add at least one budget line."))
    total = ZERO
    for line in lines:
        if line["currency"] != currency:
            raise ValidationError(_("Every budget line must be in the call's currency (%(currency)s).")
                                  % {"currency": currency})
        cost = line["quantity"] * line["unit_cost"]
        if line.get("co_funding") and line["co_funding"] > cost:
            raise ValidationError(_("Co-funding cannot exceed the line's cost."))
        total += cost - (line.get("co_funding") or ZERO)
    if total.quantize(CENT) != Decimal(requested).quantize(CENT):
        raise ValidationError(
            _("The budget lines add up to %(total)s, but the requested amount is %(requested)s: they must be equal.")
            % {"total": total.quantize(CENT), "requested": Decimal(requested).quantize(CENT)})


def _save_lines(application, lines):
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create([BudgetLine(application=application, **line) for line in lines])
    for line in application.budget_lines.all():
        line.full_clean()


@transaction.atomic
def application_create(*, actor, call: Call, organization, data: dict, lines: list[dict],
                       source: str = ApplicationSource.STAFF) -> Application:
    """A draft application to an open call: by staff on the organization's behalf, or by a member of the
    organization through the portal. Its budget lines must add up to the requested amount."""
    if call.status != CallStatus.OPEN:
        raise ValidationError(_("This call is not open for applications."))
    if source == ApplicationSource.PORTAL and actor.organization_id != organization.pk:
        raise ValidationError(_("Members apply for their own organization only."))
    if organization.branch_id is None:
        raise ValidationError(_("The organization has no branch; the center assigns it one first."))
    data = {**data, "currency": call.currency}
    _check_budget(data.get("requested_amount") or ZERO, lines, call.currency)
    places = data.pop("places", None)
    application = Application(call=call, organization=organization, branch_id=organization.branch_id,
                              source=source, created_by=actor)
    fields = list(data) + (["places"] if places is not None else [])
    model_update(instance=application, fields=fields, data={**data, "places": places}, actor=actor)
    _save_lines(application, lines)
    return application


@transaction.atomic
def application_update(*, actor, application: Application, data: dict, lines: list[dict]) -> Application:
    if not application.is_editable:
        raise ValidationError(_("Only a draft, or an application asked for more information, can be changed."))
    _check_budget(data.get("requested_amount", application.requested_amount), lines, application.currency)
    model_update(instance=application, fields=list(data), data=data, actor=actor)
    _save_lines(application, lines)
    return application


@transaction.atomic
def attachment_add(*, actor, application: Application, upload, kind: str) -> Attachment:
    """A type-checked document (PDF, Word, Excel, OpenDocument) on an application that can still change."""
    if not application.is_editable:
        raise ValidationError(_("Documents can be added only while the application can be changed."))
    validate_document(upload)
    attachment = Attachment(application=application, kind=kind, file=upload, uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    return attachment


def _coaching(*, actor, application: Application, day):
    """A proposal written with a trainer's support is coaching: one ledger activity serving the organization."""
    from django.utils import translation

    titles = {}
    for language in ("ar", "en"):
        with translation.override(language):
            titles[f"title_{language}"] = _(COACHING_TITLE) % {"organization": application.organization}
    return ledger.activity_create(actor=actor, data={
        "kind": ActivityKind.COACHING, "title": titles["title_ar"], **titles, "program": application.call.program,
        "branch": application.branch, "place": application.branch.place, "start_date": day, "end_date": day,
        "status": ActivityStatus.COMPLETED, "facilitators": [application.coach],
        "target_organizations": [application.organization]}, session_per_day=True)


@ledger_write
def application_submit(*, actor, application: Application, day: datetime.date | None = None) -> Application:
    """Submit a draft while the call is open (it then waits for the eligibility check), or send back an
    application asked for more information (straight back to the panel). ``day``: when it was submitted
    (today; records of past rounds are entered as they happened)."""
    day = day or timezone.localdate()
    _status(application, {ApplicationStatus.DRAFT, ApplicationStatus.MORE_INFO},
            _("Only a draft, or an application asked for more information, can be submitted."))
    lines = list(application.budget_lines.values("quantity", "unit_cost", "co_funding", "currency"))
    _check_budget(application.requested_amount, lines, application.currency)
    if application.status == ApplicationStatus.MORE_INFO:
        return _set(application, actor, status=ApplicationStatus.IN_REVIEW)
    if application.call.status != CallStatus.OPEN or application.call.deadline < day:
        raise ValidationError(_("The call is closed: applications can no longer be submitted."))
    if application.coach_id and not application.coaching_activity_id:
        application.coaching_activity = _coaching(actor=actor, application=application, day=day)
    submitted_at = timezone.now() if day == timezone.localdate() else timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(12)))
    return _set(application, actor, status=ApplicationStatus.SUBMITTED, submitted_at=submitted_at,
                coaching_activity=application.coaching_activity)


def eligibility_problems(application: Application) -> list[str]:
    """Why the application does not meet the call's rules (none: eligible)."""
    call, organization = application.call, application.organization
    problems = []
    stage = organization.incubation_stage
    if call.incubated_only and stage in (IncubationStage.NONE, IncubationStage.APPLICANT):
        problems.append(_("The organization is not in the incubation program."))
    elif STAGE_ORDER.index(stage) < STAGE_ORDER.index(call.minimum_stage):
        problems.append(_("The organization has not reached the call's minimum incubation stage (%(stage)s).")
                        % {"stage": call.get_minimum_stage_display()})
    branches = set(call.branches.values_list("pk", flat=True))
    if branches and application.branch_id not in branches:
        problems.append(_("The call is not open to organizations of this branch."))
    allowed = list(call.places.all())
    if allowed:
        where = [p for p in [organization.place, *organization.places_of_work.all(), *application.places.all()] if p]
        if not any(place == a or a in place.ancestors() for place in where for a in allowed):
            problems.append(_("The organization neither is based nor works in the call's places."))
    if application.requested_amount > call.ceiling:
        problems.append(_("The requested amount is above the call's ceiling of %(ceiling)s %(currency)s.")
                        % {"ceiling": call.ceiling, "currency": call.currency})
    return problems


@transaction.atomic
def application_check_eligibility(*, actor, application: Application, note: str = "",
                                  eligible: bool = True) -> Application:
    """The eligibility check of a submitted application: against the call's rules, and the staff's own
    judgement (``eligible=False`` with a note). Eligible: it enters review and each panel member is
    assigned to it. Ineligible: it stops, with the reasons."""
    _status(application, {ApplicationStatus.SUBMITTED}, _("Only a submitted application waits for the eligibility check."))
    problems = eligibility_problems(application)
    if problems or not eligible:
        if not eligible and not note:
            raise ValidationError(_("Say why the application is not eligible."))
        reasons = "\n".join([*problems, note] if note else problems)
        return _set(application, actor, status=ApplicationStatus.INELIGIBLE, eligibility_note=reasons)
    _set(application, actor, eligibility_note=note)
    return application_start_review(actor=actor, application=application)


@transaction.atomic
def application_start_review(*, actor, application: Application) -> Application:
    """An eligible application goes to the panel (an ineligible one never does)."""
    _status(application, {ApplicationStatus.SUBMITTED}, _("Only an application that passed the eligibility check "
                                                           "can enter review."))
    if eligibility_problems(application):
        raise ValidationError(_("An ineligible application cannot enter review."))
    for reviewer in application.call.panel.all():
        Review.objects.get_or_create(application=application, reviewer=reviewer)
    return _set(application, actor, status=ApplicationStatus.IN_REVIEW)


@transaction.atomic
def application_request_info(*, actor, application: Application, note: str) -> Application:
    _status(application, {ApplicationStatus.IN_REVIEW}, _("Only an application in review can be sent back for more "
                                                           "information."))
    if not note.strip():
        raise ValidationError(_("Say what information is needed."))
    return _set(application, actor, status=ApplicationStatus.MORE_INFO, info_request=note)


@transaction.atomic
def application_withdraw(*, actor, application: Application, note: str = "") -> Application:
    _status(application, {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW,
                          ApplicationStatus.MORE_INFO}, _("This application can no longer be withdrawn."))
    return _set(application, actor, status=ApplicationStatus.WITHDRAWN, decision_reasons=note)


# --- review -------------------------------------------------------------------------------------

@transaction.atomic
def review_declare(*, actor, review: Review, conflict: bool, note: str = "") -> Review:
    """The panel member's declaration, before they see the application. A conflict recuses them for good."""
    if review.reviewer_id != actor.pk:
        raise ValidationError(_("Only the reviewer can make their own declaration."))
    if review.conflict is not None:
        raise ValidationError(_("The declaration has already been made."))
    if conflict and not note.strip():
        raise ValidationError(_("Describe the conflict of interest."))
    return _set(review, actor, conflict=conflict, conflict_note=note, declared_at=timezone.now())


@transaction.atomic
def review_score(*, actor, review: Review, scores: dict, recommendation: str, comment: str = "") -> Review:
    """Scores 0–5 (None: not applicable) per criterion, ``scores = {criterion_id: (value, comment)}``."""
    if review.reviewer_id != actor.pk:
        raise ValidationError(_("Only the reviewer can score their own review."))
    if review.conflict is not False:
        raise ValidationError(_("Declare that you have no conflict of interest before scoring."))
    if review.application.status != ApplicationStatus.IN_REVIEW:
        raise ValidationError(_("The application is not in review."))
    criteria = {c.pk: c for c in review.application.call.criteria.all()}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion (or mark it not applicable)."))
    for criterion_id, (value, note) in scores.items():
        if value is not None and not 0 <= value <= 5:
            raise ValidationError(_("A score is between 0 and 5."))
        Score.objects.update_or_create(review=review, criterion_id=criterion_id,
                                       defaults={"value": value, "comment": note})
    return _set(review, actor, recommendation=recommendation, comment=comment, submitted_at=timezone.now())


# --- decision and award -----------------------------------------------------------------------------

def _project(*, actor, application: Application, awarded_on):
    """The community project in the ledger: the organization's project, in the branch, at its first place."""
    place = application.places.order_by("pk").first() or application.organization.place or application.branch.place
    start = application.start_date or awarded_on
    end = max(application.end_date or start, start)
    return ledger.activity_create(actor=actor, data={
        "kind": ActivityKind.COMMUNITY_PROJECT, "title": application.title, "title_ar": application.title,
        "description_ar": application.need, "program": application.call.program, "branch": application.branch,
        "place": place, "start_date": start, "end_date": end, "status": ActivityStatus.PLANNED,
        "target_organizations": [application.organization]})


@ledger_write
def application_decide(*, actor, application: Application, award: bool, reasons: str, amount=None,
                       decided_on: datetime.date | None = None) -> Application:
    """The panel's decision with its reasons. An award records the community project in the ledger and
    its final report's due date."""
    _status(application, {ApplicationStatus.IN_REVIEW}, _("Only an application in review can be decided."))
    if not reasons.strip():
        raise ValidationError(_("Record the reasons for the decision."))
    decided_on = decided_on or timezone.localdate()
    if not award:
        return _set(application, actor, status=ApplicationStatus.REJECTED, decision_reasons=reasons,
                    decided_at=decided_on)
    amount = Decimal(amount if amount is not None else application.requested_amount)
    if amount <= 0 or amount > application.call.ceiling:
        raise ValidationError(_("The amount awarded must be more than zero and at most the call's ceiling."))
    _set(application, actor, status=ApplicationStatus.AWARDED, decision_reasons=reasons, decided_at=decided_on)
    grant = Award(application=application, organization=application.organization, branch=application.branch,
                  amount=amount, currency=application.currency, awarded_on=decided_on,
                  project=_project(actor=actor, application=application, awarded_on=decided_on))
    model_update(instance=grant, fields=[], data={}, actor=actor)
    end = grant.project.end_date
    GrantReport.objects.create(award=grant, final=True, due_date=end + datetime.timedelta(days=FINAL_REPORT_DAYS))
    return application


@ledger_write
def award_record_activity(*, actor, award: Award, data: dict):
    """One of the project's awareness sessions, campaigns or events, recorded in the ledger as the
    organization's activity under the call's program."""
    if award.status != AwardStatus.ACTIVE:
        raise ValidationError(_("The grant is closed."))
    activity = ledger.activity_create(actor=actor, data={
        "program": award.application.call.program, "branch": award.branch,
        "target_organizations": [award.organization], "title": data.get("title_ar") or data.get("title_en"), **data},
        session_per_day=True)
    award.activities.add(activity)
    return activity


# --- tranches ---------------------------------------------------------------------------------------

def _check_previous_report(tranche: Tranche) -> None:
    """Tranche N+1 waits for the approval of the report on tranche N."""
    if tranche.number == 1:
        return
    previous = tranche.award.tranches.filter(number=tranche.number - 1).first()
    report = getattr(previous, "report", None) if previous else None
    if report is None or report.status != ReportStatus.APPROVED:
        raise ValidationError(_("Tranche %(number)s waits until the report on tranche %(previous)s is approved.")
                              % {"number": tranche.number, "previous": tranche.number - 1})


def _in_award_currency(award, amount, currency, rate) -> Decimal:
    if currency == award.currency:
        return Decimal(amount)
    if not rate:
        raise ValidationError(_("Give the exchange rate: the tranche is not in the award's currency."))
    return (Decimal(amount) / Decimal(rate)).quantize(CENT)


def _check_within_award(award, tranche, amount_in_award, *, status_counted) -> None:
    others = sum((t.in_award_currency for t in award.tranches.exclude(pk=tranche.pk) if t.status in status_counted),
                 ZERO)
    if others + amount_in_award > award.amount:
        raise ValidationError(_("This would bring the total to %(total)s %(currency)s, more than the award of "
                                "%(award)s %(currency)s.") % {"total": others + amount_in_award,
                                                               "currency": award.currency, "award": award.amount})


@transaction.atomic
def tranche_plan(*, actor, award: Award, data: dict) -> Tranche:
    """Plan the next tranche (amount, currency, method, planned date); the planned tranches never add up to
    more than the award."""
    if award.status != AwardStatus.ACTIVE:
        raise ValidationError(_("The grant is closed."))
    award = Award.objects.select_for_update().get(pk=award.pk)
    number = (award.tranches.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    tranche = Tranche(award=award, number=number)
    amount = _in_award_currency(award, data["amount"], data["currency"], data.get("exchange_rate"))
    _check_within_award(award, tranche, amount, status_counted=set(TrancheStatus) - {TrancheStatus.CANCELLED})
    model_update(instance=tranche, fields=list(data), data=data, actor=actor)
    return tranche


@transaction.atomic
def tranche_request(*, actor, tranche: Tranche) -> Tranche:
    _status(tranche, {TrancheStatus.PLANNED}, _("Only a planned tranche can be requested."))
    _check_previous_report(tranche)
    return _set(tranche, actor, status=TrancheStatus.REQUESTED)


@transaction.atomic
def tranche_approve(*, actor, tranche: Tranche) -> Tranche:
    _status(tranche, {TrancheStatus.REQUESTED}, _("Only a requested tranche can be approved."))
    _check_previous_report(tranche)
    return _set(tranche, actor, status=TrancheStatus.APPROVED, approved_by=actor)


@transaction.atomic
def tranche_disburse(*, actor, tranche: Tranche, disbursed_on, method: str, exchange_rate=None, reference: str = "",
                     receipt=None) -> Tranche:
    """Pay an approved tranche. Cash and hawala need the exchange rate of the day; a tranche in another
    currency than the award's needs it too. The disbursed total never exceeds the award. Its report is
    then due."""
    tranche = Tranche.objects.select_for_update().select_related("award").get(pk=tranche.pk)
    _status(tranche, {TrancheStatus.APPROVED}, _("Only an approved tranche can be disbursed."))
    _check_previous_report(tranche)
    if method != Method.BANK and not exchange_rate:
        raise ValidationError(_("A cash or hawala payment needs the exchange rate of the day."))
    award = Award.objects.select_for_update().get(pk=tranche.award_id)
    amount = _in_award_currency(award, tranche.amount, tranche.currency, exchange_rate)
    _check_within_award(award, tranche, amount, status_counted={TrancheStatus.DISBURSED})
    if receipt:
        validate_upload(receipt, extensions=RECEIPT_EXTENSIONS, max_bytes=10 * 1024 * 1024)
    values = {"status": TrancheStatus.DISBURSED, "disbursed_on": disbursed_on, "method": method,
              "exchange_rate": exchange_rate, "reference": reference}
    if receipt:
        values["receipt"] = receipt
    _set(tranche, actor, **values)
    GrantReport.objects.create(award=award, tranche=tranche,
                               due_date=disbursed_on + datetime.timedelta(days=REPORT_DUE_DAYS))
    return tranche


@transaction.atomic
def tranche_cancel(*, actor, tranche: Tranche, note: str = "") -> Tranche:
    _status(tranche, {TrancheStatus.PLANNED, TrancheStatus.REQUESTED, TrancheStatus.APPROVED},
            _("A disbursed or cancelled tranche cannot be cancelled."))
    return _set(tranche, actor, status=TrancheStatus.CANCELLED)


# --- reports ----------------------------------------------------------------------------------------

@transaction.atomic
def report_submit(*, actor, report: GrantReport, narrative: str, actuals: dict, people_female: int = 0,
                  people_male: int = 0) -> GrantReport:
    """The narrative and the actual spending per budget line (``actuals = {budget_line_id: amount}``)."""
    _status(report, {ReportStatus.DUE, ReportStatus.CHANGES}, _("This report has already been submitted."))
    if not narrative.strip():
        raise ValidationError(_("Write the narrative part of the report."))
    lines = {line.pk: line for line in report.award.application.budget_lines.all()}
    if set(actuals) - set(lines):
        raise ValidationError(_("A line of the report is not in the application's budget."))
    for line_id, amount in actuals.items():
        if amount is None or amount < 0:
            raise ValidationError(_("Actual spending cannot be negative."))
        ReportLine.objects.update_or_create(report=report, budget_line=lines[line_id], defaults={"actual": amount})
    return _set(report, actor, status=ReportStatus.SUBMITTED, narrative=narrative, submitted_at=timezone.now(),
                people_reached_female=people_female, people_reached_male=people_male)


@transaction.atomic
def report_approve(*, actor, report: GrantReport, note: str = "") -> GrantReport:
    _status(report, {ReportStatus.SUBMITTED}, _("Only a submitted report can be approved."))
    return _set(report, actor, status=ReportStatus.APPROVED, review_note=note)


@transaction.atomic
def report_request_changes(*, actor, report: GrantReport, note: str) -> GrantReport:
    _status(report, {ReportStatus.SUBMITTED}, _("Only a submitted report can be sent back."))
    if not note.strip():
        raise ValidationError(_("Say what must change."))
    return _set(report, actor, status=ReportStatus.CHANGES, review_note=note)


REMINDER_SUBJECT = gettext_noop("Your grant report is overdue")
REMINDER_BODY = gettext_noop("The report “%(report)s” on the grant “%(grant)s” was due on %(due)s. "
                             "Please submit it through the portal.")


@transaction.atomic
def report_remind(*, actor, report: GrantReport) -> int:
    """Email the organization's portal accounts about an overdue report; returns how many were written to."""
    if not report.is_overdue:
        raise ValidationError(_("This report is not overdue."))
    recipients = list(report.award.organization.users.filter(is_active=True).values_list("email", flat=True))
    if recipients:
        send_mail(_(REMINDER_SUBJECT), _(REMINDER_BODY) % {"report": report, "grant": report.award,
                                                          "due": report.due_date.isoformat()},
                  None, recipients)
    _set(report, actor, reminded_at=timezone.now())
    return len(recipients)


# --- close-out --------------------------------------------------------------------------------------

def award_balance(award: Award) -> Decimal:
    """What was paid and not spent (by the approved reports), in the award's currency."""
    return award.disbursed_total() - award.spent_total()


@ledger_write
def award_close(*, actor, award: Award, refund, lessons: str, closed_on=None) -> Award:
    """Close-out: the final report is approved, the balance is refunded (or zero), the lessons are kept,
    and the community project is completed in the ledger."""
    if award.status != AwardStatus.ACTIVE:
        raise ValidationError(_("The grant is already closed."))
    if award.reports.exclude(status=ReportStatus.APPROVED).exists() or not award.reports.filter(final=True).exists():
        raise ValidationError(_("Every report, the final one included, must be approved before close-out."))
    if award.tranches.filter(status__in=[TrancheStatus.REQUESTED, TrancheStatus.APPROVED]).exists():
        raise ValidationError(_("Pay or cancel the pending tranches first."))
    balance = award_balance(award).quantize(CENT)
    refund = Decimal(refund or 0).quantize(CENT)
    if refund != max(balance, ZERO):
        raise ValidationError(_("The balance is %(balance)s %(currency)s: the refund must be that amount.")
                              % {"balance": max(balance, ZERO), "currency": award.currency})
    if not lessons.strip():
        raise ValidationError(_("Record the lessons learned."))
    if award.project_id and award.project.status != ActivityStatus.COMPLETED:
        ledger.activity_update(actor=actor, activity=award.project, data={"status": ActivityStatus.COMPLETED})
    return _set(award, actor, status=AwardStatus.CLOSED, refund=refund, lessons=lessons,
                closed_on=closed_on or timezone.localdate())
