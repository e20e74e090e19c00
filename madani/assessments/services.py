"""Writes for assessments: every function is all-or-nothing and records who did it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madani.activities.models import ONE_ORGANIZATION_KINDS
from madani.activities.services import participation_add
from madani.core.ledger import ledger_write
from madani.people.models import Person

from .engine import score_answers
from .models import Kind, Questionnaire, Response
from .xlsform import web_entry_problems


@transaction.atomic
def questionnaire_create(*, actor, data: dict, definition: dict, upload=None) -> Questionnaire:
    """Store a questionnaire whose XLSForm was already read (``definition``) with its file."""
    kind = data.get("kind", Kind.NEEDS)
    activity, branch = data.get("activity"), data.get("branch")
    if kind in (Kind.NEEDS, Kind.SURVEY) and activity is not None:
        raise ValidationError({"activity": _("Only pre- and post-tests belong to an activity.")})
    if kind in (Kind.PRE_TEST, Kind.POST_TEST) and activity is None:
        raise ValidationError({"activity": _("Choose the training that this test belongs to.")})
    if (kind == Kind.SURVEY) != (branch is not None):
        raise ValidationError({"branch": _("Choose the branch whose form this is.") if kind == Kind.SURVEY
                               else _("Only surveys and other forms belong to a branch.")})
    if branch is not None and not (actor.is_superuser or branch.pk in actor.branch_ids()):
        raise ValidationError({"branch": _("Choose one of your branches.")})
    if kind != Kind.SURVEY and web_entry_problems(definition):
        raise ValidationError(web_entry_problems(definition))
    title = definition.get("title") or {}
    questionnaire = Questionnaire(
        kind=kind,
        activity=activity,
        branch=branch,
        title_ar=data.get("title_ar") or title.get("ar") or data.get("title_en") or "",
        title_en=data.get("title_en") or title.get("en") or data.get("title_ar") or "",
        version=data.get("version") or definition.get("version") or datetime.date.today().isoformat(),
        definition=definition,
        created_by=actor,
    )
    questionnaire.title = questionnaire.title_ar or questionnaire.title_en
    if not questionnaire.title:
        raise ValidationError({"title_ar": _("Give the questionnaire a title in Arabic or English.")})
    if upload is not None:
        questionnaire.source_file.save(upload.name, upload, save=False)
    questionnaire.save()
    return questionnaire


@transaction.atomic
def response_submit(*, actor, questionnaire: Questionnaire, answers: dict, date: datetime.date,
                    organization=None, participation=None) -> Response:
    """Record a filled questionnaire (answers already checked by engine.clean_answers) and its scores."""
    if questionnaire.kind == Kind.NEEDS:
        if organization is None or participation is not None:
            raise ValidationError(_("A needs assessment is answered for an organization."))
    else:
        if participation is None or organization is not None:
            raise ValidationError(_("A test is answered by a participant of the training."))
        if participation.activity_id != questionnaire.activity_id:
            raise ValidationError(_("This person is not a participant of the training that this test belongs to."))
    score, domain_scores = score_answers(questionnaire.definition, answers)
    return Response.objects.create(
        questionnaire=questionnaire, organization=organization, participation=participation, date=date,
        answers=answers, score=score, domain_scores=domain_scores, submitted_by=actor,
    )


def current_staff(*, actor, organization):
    """The people currently affiliated with ``organization`` (no end date) that ``actor`` may see."""
    return (
        Person.objects.visible_to(actor)
        .filter(affiliations__organization=organization, affiliations__end_date__isnull=True)
        .distinct()
        .order_by("full_name")
    )


@ledger_write
def organization_staff_enrol(*, actor, organization, activity) -> int:
    """Enrol every current staff member of ``organization`` in ``activity`` (an upcoming one), all or
    nothing. Returns how many were newly enrolled (those already in the activity stay as they are)."""
    if activity.status == "completed":
        raise ValidationError(_("This activity is already completed; choose an upcoming one."))
    if activity.kind in ONE_ORGANIZATION_KINDS and not activity.target_organizations.filter(pk=organization.pk).exists():
        raise ValidationError(_("This service is given to another organization; choose an activity open to all."))
    people = list(current_staff(actor=actor, organization=organization))
    if not people:
        raise ValidationError(_("No one is currently affiliated with this organization."))
    already = set(activity.participations.filter(person__in=people).values_list("person_id", flat=True))
    for person in people:
        participation_add(actor=actor, activity=activity, person=person, organization=organization)
    return len([p for p in people if p.pk not in already])
