"""Writes for ODK Collect: device access, and receiving submissions (idempotent by instanceID)."""

import base64
import binascii
import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.assessments.engine import score_answers
from madani.assessments.models import Kind, Questionnaire
from madani.assessments.submissions import (  # noqa: F401 (Refusal, served_version: also imported from here)
    FORM_ID_PREFIX, Refusal, answers_from_xml, meta, parse, served_version)

from . import attendance
from .models import Attachment, Credential, Submission

def _sha256(value: bytes | str) -> str:
    return hashlib.sha256(value.encode() if isinstance(value, str) else value).hexdigest()


@transaction.atomic
def credential_create(*, actor, name: str) -> tuple[Credential, str]:
    """A new device access for ``actor``; returns it and its password, which is shown once and never kept."""
    name = " ".join((name or "").split())[:80]
    if not name:
        raise ValidationError({"name": _("Name the device, e.g. the phone of the Hajin team.")})
    secret = secrets.token_urlsafe(20)
    credential = Credential.objects.create(user=actor, name=name, username=f"odk-{secrets.token_hex(5)}",
                                           secret_sha256=_sha256(secret))
    return credential, secret


@transaction.atomic
def credential_revoke(*, actor, credential: Credential) -> Credential:
    if credential.user_id != actor.pk:
        raise ValidationError(_("Only its owner revokes a device access."))
    if credential.revoked_at is None:
        credential.revoked_at = timezone.now()
        credential.save(update_fields=["revoked_at"])
    return credential


def authenticate(header: str) -> Credential | None:
    """The active device access named by an HTTP Basic ``Authorization`` header, or None."""
    scheme, _space, encoded = (header or "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        username, _colon, password = base64.b64decode(encoded.strip(), validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    credential = (Credential.objects.active().select_related("user").filter(username=username).first())
    if credential is None or not credential.user.is_active:
        return None
    if not hmac.compare_digest(credential.secret_sha256, _sha256(password)):
        return None
    Credential.objects.filter(pk=credential.pk).update(last_used_at=timezone.now())
    return credential


def forms_for(user):
    """The forms a device of ``user`` lists and fills: the surveys of their branches that are in use."""
    return Questionnaire.objects.visible_to(user).filter(kind=Kind.SURVEY).active()


# What each media question may bring: extensions and the first bytes they must start with.
MEDIA = {
    "photo": {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",)},
    "image": {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",)},
    "audio": {".m4a": (b"",), ".amr": (b"#!AMR",), ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3"), ".ogg": (b"OggS",),
              ".wav": (b"RIFF",)},
    "video": {".mp4": (b"",), ".3gp": (b"",), ".webm": (b"\x1a\x45\xdf\xa3",)},
}
MEDIA["signature"] = MEDIA["photo"]


def _expected_files(definition, root) -> dict[str, str]:
    """{file name: media type} that the submission's media questions name."""
    from madani.assessments.submissions import _local

    expected = {}

    def walk(children, elements):
        for item in children:
            nodes = [e for element in elements for e in element if _local(e.tag) == item["name"]]
            if item["type"] in {"group", "repeat"}:
                walk(item["children"], nodes)
            elif item["type"] in MEDIA:
                for node in nodes:
                    if (node.text or "").strip():
                        expected[node.text.strip()] = item["type"]
    walk(definition.get("children", []), [root])
    return expected


def _check_file(upload, media: str) -> str:
    name = upload.name
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    starts = MEDIA[media].get(extension)
    if starts is None:
        raise Refusal(400, _("The file “%(name)s” is not of a type this question takes.") % {"name": name})
    head = upload.read(16)
    upload.seek(0)
    if extension in {".mp4", ".3gp", ".m4a"}:
        ok = head[4:8] == b"ftyp"
    else:
        ok = any(head.startswith(start) for start in starts)
    if not ok:
        raise Refusal(400, _("The content of “%(name)s” does not match its type.") % {"name": name})
    return {"photo": "image", "image": "image", "signature": "image"}.get(media, media) + "/" + extension[1:]


def _add_files(submission, expected: dict, files) -> None:
    have = set(submission.attachments.values_list("name", flat=True))
    for upload in files:
        if upload.name in have:
            continue
        content_type = _check_file(upload, expected[upload.name])
        attachment = Attachment(submission=submission, name=upload.name, content_type=content_type)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        have.add(upload.name)
    complete = set(expected) <= have
    if complete != submission.complete:
        submission.complete = complete
        submission.save(update_fields=["complete"])


def submission_receive(*, credential: Credential | None = None, user=None, xml: bytes,
                       files=()) -> tuple[int, Submission]:
    """Receive one POST of ODK's submission protocol. Returns (201 created | 202 already had it, the
    submission); raises ``Refusal`` with the status otherwise. The same XML again adds the files it
    brings that are still missing (a submission split over several posts); the same instanceID with
    other XML is a conflict (409); an edit (``deprecatedID``) becomes a new version of the submission.
    From ODK Collect the sender is a device access (``credential``); from the web form, the signed-in
    ``user`` (the same rules, the same idempotence)."""
    if credential is not None:
        user = credential.user
    if user is None:
        raise Refusal(401, _("Sign in to send a submission."))
    try:
        root = parse(xml)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None
    info = meta(root)
    if not info["instanceID"]:
        raise Refusal(400, _("The submission has no meta/instanceID."))
    form_id = info["id"]
    if form_id.startswith(attendance.FORM_ID_PREFIX):  # a session's attendance (collect/attendance.py)
        if files:
            raise Refusal(400, _("The form does not expect the file “%(name)s”.") % {"name": files[0].name[:80]})
        return attendance.receive(user=user, credential=credential, xml=xml, root=root, info=info)
    pk = form_id[len(FORM_ID_PREFIX):] if form_id.startswith(FORM_ID_PREFIX) else ""
    questionnaire = Questionnaire.objects.visible_to(user).filter(kind=Kind.SURVEY, pk=int(pk)).first() \
        if pk.isdigit() and len(pk) < 12 else None
    if questionnaire is None:
        raise Refusal(404, _("No form “%(id)s” for this account.") % {"id": form_id[:60]})
    if not questionnaire.is_active:
        raise Refusal(403, _("The form “%(title)s” is closed: it takes no more submissions.")
                      % {"title": questionnaire.title})
    if info["version"] != served_version(questionnaire):
        raise Refusal(409, _("This version of the form is no longer served: get the blank form again."))
    uploads = {upload.name: upload for upload in files}
    expected = _expected_files(questionnaire.definition, root)
    unexpected = sorted(set(uploads) - set(expected))
    if unexpected:
        raise Refusal(400, _("The form does not expect the file “%(name)s”.") % {"name": unexpected[0][:80]})
    try:
        answers = answers_from_xml(questionnaire.definition, xml)
    except ValidationError as error:
        raise Refusal(400, " ".join(error.messages)) from None
    digest = _sha256(xml)
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = Submission.objects.select_for_update().filter(instance_id=info["instanceID"]).first()
                if existing is not None:
                    if existing.xml_sha256 != digest or existing.questionnaire_id != questionnaire.pk:
                        raise Refusal(409, _("Another submission with this instanceID was already received."))
                    _add_files(existing, expected, uploads.values())
                    _hand_on(existing)
                    return 202, existing
                replaces = None
                if info["deprecatedID"]:
                    replaces = (Submission.objects.select_for_update()
                                .filter(instance_id=info["deprecatedID"], questionnaire=questionnaire).first())
                    if replaces is None:
                        raise Refusal(404, _("The submission this one edits was never received."))
                    if Submission.objects.filter(replaces=replaces).exists():
                        raise Refusal(409, _("That submission was already edited; edit its latest version."))
                score, domain_scores = score_answers(questionnaire.definition, answers)
                submission = Submission.objects.create(
                    questionnaire=questionnaire, instance_id=info["instanceID"], xml=xml.decode("utf-8", "replace"),
                    xml_sha256=digest, answers=answers, score=score, domain_scores=domain_scores, replaces=replaces,
                    complete=not expected, submitted_by=user, credential=credential,
                )
                _add_files(submission, expected, uploads.values())
                _hand_on(submission)
                return 201, submission
        except IntegrityError:
            if attempt:  # the same instanceID arrived at the same moment: the second pass answers as above
                raise
    raise AssertionError("unreachable")


def _hand_on(submission) -> None:
    """The apps that make records of a form's submissions (``submission_handlers`` in their AppConfig)."""
    from django.utils.module_loading import import_string

    from madani.core.registry import submission_handlers

    for path in submission_handlers():
        import_string(path)(submission)
