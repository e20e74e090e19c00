"""Writes for assessments: every function is all-or-nothing and records who did it."""

import csv
import datetime
import hashlib
import io
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree

from madani.activities.models import ONE_ORGANIZATION_KINDS
from madani.activities.services import participation_add
from madani.core.ledger import ledger_write
from madani.core.templatetags.bidi import separator
from madani.people.models import Person

from .engine import score_answers
from .models import FormMedia, Kind, Questionnaire, Response
from .submissions import Refusal, expected_data_files, expected_media, read_for, value_columns
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


def _check_subject(questionnaire, organization, participation):
    if questionnaire.kind == Kind.NEEDS:
        if organization is None or participation is not None:
            raise ValidationError(_("A needs assessment is answered for an organization."))
    else:
        if participation is None or organization is not None:
            raise ValidationError(_("A test is answered by a participant of the training."))
        if participation.activity_id != questionnaire.activity_id:
            raise ValidationError(_("This person is not a participant of the training that this test belongs to."))


MAX_DATA_FILE_BYTES = 5 * 1024 * 1024
DATA_CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xml": "text/xml; charset=utf-8",
                      "geojson": "application/geo+json"}


def _check_data_file(upload, kind: str, columns=()) -> str:
    """A form's data file (``csv``, ``xml`` or ``geojson``, as ODK Central takes them): UTF-8 text of at
    most MAX_DATA_FILE_BYTES, a CSV with a header row holding ``columns`` (those the form reads its
    choices' values from), well-formed XML, a GeoJSON FeatureCollection. Returns the content type to serve
    it with; ``Refusal`` saying what is wrong otherwise."""
    name = upload.name[:80]
    if upload.size > MAX_DATA_FILE_BYTES:
        raise Refusal(400, _("The file “%(name)s” is too large (at most %(size)s).")
                      % {"name": name, "size": filesizeformat(MAX_DATA_FILE_BYTES)})
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise Refusal(400, _("The file “%(name)s” is not text in UTF-8 (in Excel: Save As, “CSV UTF-8”).")
                      % {"name": name})
    if kind == "csv":
        try:
            rows = csv.reader(io.StringIO(text))
            header = next(rows, [])
            for _row in rows:  # every row must parse (a quote left open, say)
                pass
        except csv.Error:
            header = []
        if not any(cell.strip() for cell in header):
            raise Refusal(400, _("The file “%(name)s” is not a CSV file whose first row names its columns.")
                          % {"name": name})
        absent = sorted(set(columns) - {cell.strip() for cell in header})
        if absent:
            raise Refusal(400, _("The file “%(name)s” has no column “%(column)s”, which the form reads its choices "
                                 "from (its columns: %(columns)s).")
                          % {"name": name, "column": absent[0],
                             "columns": separator().join(cell.strip() for cell in header if cell.strip())[:300]})
    elif kind == "xml":
        try:
            etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
        except etree.XMLSyntaxError:
            raise Refusal(400, _("The file “%(name)s” is not well-formed XML.") % {"name": name}) from None
    else:
        try:
            geojson = json.loads(text)
        except ValueError:
            geojson = None
        if not (isinstance(geojson, dict) and geojson.get("type") == "FeatureCollection"
                and isinstance(geojson.get("features"), list)):
            raise Refusal(400, _("The file “%(name)s” is not a GeoJSON FeatureCollection.") % {"name": name})
    return DATA_CONTENT_TYPES[kind]


def _check_media(definition: dict, upload, kind: str) -> str:
    """The content type of a file the form names (``kind`` from ``expected_media``); ``Refusal`` otherwise."""
    from madani.collect.services import _check_file

    if kind in DATA_CONTENT_TYPES:
        return _check_data_file(upload, kind, value_columns(definition).get(upload.name, ()))
    return _check_file(upload, kind)


def media_check(definition: dict, uploads, attached=()) -> list[str]:
    """What is wrong with the files ``uploads`` for a form: a name its XForm does not name, content that
    is not of the type named, a data file it reads (CSV, XML, GeoJSON) neither uploaded nor among the
    names ``attached`` already (messages in the current language)."""
    expected, problems = expected_media(definition), []
    names = separator().join(sorted(expected))
    for upload in uploads:
        if upload.name not in expected and expected:
            problems.append(_("The form names no file “%(name)s”; the files it names: %(expected)s.")
                            % {"name": upload.name[:80], "expected": names})
        elif upload.name not in expected:
            problems.append(_("The form names no file “%(name)s”: it uses no media or data files.")
                            % {"name": upload.name[:80]})
        else:
            try:
                _check_media(definition, upload, expected[upload.name])
            except Refusal as refusal:
                problems.append(refusal.message)
    have = {upload.name for upload in uploads} | set(attached)
    missing = [name for name in expected_data_files(definition) if name not in have]
    if missing:
        problems.append(_("The form reads its data from these files: upload them with it: %(names)s.")
                        % {"names": separator().join(missing)})
    return problems


@transaction.atomic
def media_attach(*, actor, questionnaire: Questionnaire, uploads) -> list[FormMedia]:
    """Keep the form's files (checked by ``media_check``); a file of the same name is replaced. A branch's
    survey takes files from its branch's staff only, as it was uploaded."""
    if questionnaire.branch_id is not None and not (actor.is_superuser or questionnaire.branch_id in actor.branch_ids()):
        raise ValidationError(_("Only the staff of the form's branch can change its files."))
    attached = questionnaire.media_files.values_list("name", flat=True)
    problems = media_check(questionnaire.definition, uploads, attached=list(attached))
    if problems:
        raise ValidationError(problems)
    expected, kept = expected_media(questionnaire.definition), []
    for upload in uploads:
        content_type = _check_media(questionnaire.definition, upload, expected[upload.name])
        digest = hashlib.md5(usedforsecurity=False)
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        questionnaire.media_files.filter(name=upload.name).delete()
        media = FormMedia(questionnaire=questionnaire, name=upload.name, md5=digest.hexdigest(),
                          content_type=content_type)
        media.file.save(upload.name, upload, save=False)
        media.save()
        kept.append(media)
    return kept


@transaction.atomic
def response_submit(*, actor, questionnaire: Questionnaire, answers: dict, date: datetime.date,
                    organization=None, participation=None, **submission) -> Response:
    """Record a filled questionnaire (``answers`` as ``submissions.answers_from_xml`` reads them) and its
    scores; ``submission``: its ``instance_id``, ``xml`` and ``xml_sha256`` when it came from ODK's engine."""
    _check_subject(questionnaire, organization, participation)
    score, domain_scores = score_answers(questionnaire.definition, answers)
    return Response.objects.create(
        questionnaire=questionnaire, organization=organization, participation=participation, date=date,
        answers=answers, score=score, domain_scores=domain_scores, submitted_by=actor, **submission,
    )


def response_receive(*, actor, questionnaire: Questionnaire, xml: bytes, date: datetime.date,
                     organization=None, participation=None) -> tuple[int, Response]:
    """Receive the submission XML of a needs assessment (for ``organization``) or a test (for
    ``participation``) filled with ODK's engine, once per instanceID: (201, new response) or (202, the
    response already received for the same XML); ``Refusal`` otherwise (the same instanceID with other XML
    or for another subject → 409). Scores come from the answers the XML carries (``engine.score_answers``)."""
    if questionnaire.kind == Kind.SURVEY:
        raise Refusal(404, _("Surveys are received through ODK Collect's submission address."))
    if not questionnaire.is_active:
        raise Refusal(403, _("The form “%(title)s” is closed: it takes no more submissions.")
                      % {"title": questionnaire.title})
    try:
        _check_subject(questionnaire, organization, participation)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None
    info, answers = read_for(questionnaire, xml)
    digest = hashlib.sha256(xml).hexdigest()
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = Response.objects.select_for_update().filter(instance_id=info["instanceID"]).first()
                if existing is not None:
                    if (existing.xml_sha256, existing.questionnaire_id, existing.organization_id,
                            existing.participation_id) != (digest, questionnaire.pk, getattr(organization, "pk", None),
                                                           getattr(participation, "pk", None)):
                        raise Refusal(409, _("Another submission with this instanceID was already received."))
                    return 202, existing
                return 201, response_submit(
                    actor=actor, questionnaire=questionnaire, answers=answers, date=date, organization=organization,
                    participation=participation, instance_id=info["instanceID"],
                    xml=xml.decode("utf-8", "replace"), xml_sha256=digest)
        except IntegrityError:
            if attempt:  # the same instanceID arrived at the same moment: the second pass answers as above
                raise
    raise AssertionError("unreachable")


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
