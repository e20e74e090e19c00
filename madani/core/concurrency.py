"""Edits that never lose work (DESIGN.md §5): a stale edit is a conflict, never a silent overwrite.

One mechanism for every record staff edit in a form or through the API (organizations, people,
activities, sessions, programs, news posts, library resources):

- A record's **version** is derived from its content: a SHA-256 digest of the values of its tracked
  fields (every editable concrete field and plain many-to-many, not the timestamps, generated search
  keys or modeltranslation's language-dependent original field). No migration, no counter to bump: a
  change made by any path (a form, the API, an import, a merge, the admin, a shell) changes the
  version, and a change undone gives the version back (the record is again what the reader saw).
- ``check_version(instance, version)`` is called by the update services, inside their transaction: it
  locks the row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite transactions here are IMMEDIATE, which
  serializes writers) and raises ``StaleVersion`` when the record changed since ``version`` was read.
  Two simultaneous saves with the same version: the second waits for the first's commit, then fails.
- The web: ``VersionedForm`` (a ModelForm mixin) carries the version of the fields it shows in a hidden
  field and, on ``StaleVersion``, shows what changed since (your value, the current value), keeps the
  user's input and takes the current version, so saving again is a deliberate choice.
- The API (``madani.api.concurrency``): the version is the ``ETag``; ``If-Match`` or a ``version`` in
  the body that is not current answers 412 Precondition Failed.
"""

import base64
import binascii
import hashlib
import json
from functools import cache

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

VERSION_FIELD = "version"
FORM_TOKEN_PREFIX = "f."


class StaleVersion(Exception):
    """The record changed since the version the writer read. ``current`` is the record as it is now;
    ``changed`` the names of the compared fields whose values differ (None when the writer sent a
    whole-record version, as the API's ETag, so the fields cannot be told apart)."""

    def __init__(self, *, current, changed=None):
        super().__init__(f"{type(current).__name__} #{current.pk} changed since it was read")
        self.current = current
        self.changed = changed


@cache
def tracked_fields(model) -> dict[str, models.Field]:
    """The fields whose values make a record's version, by name."""
    try:
        from modeltranslation.translator import NotRegistered, translator

        try:
            translated = set(translator.get_options_for_model(model).get_field_names())
        except NotRegistered:
            translated = set()
    except ImportError:  # pragma: no cover
        translated = set()
    fields = {}
    for field in model._meta.concrete_fields:
        if (field.primary_key or not field.editable or isinstance(field, models.GeneratedField)
                or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                or field.name in translated):
            continue
        fields[field.name] = field
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            fields[field.name] = field
    return fields


def _stored_value(instance, field):
    if field.many_to_many:
        return sorted(obj.pk for obj in getattr(instance, field.name).all())  # uses a prefetch when there is one
    value = getattr(instance, field.attname)
    if isinstance(value, FieldFile):
        return value.name or ""
    return "" if value is None else value  # an empty text saved as NULL by one path and "" by another is no change


def _digest(value) -> str:
    text = json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(instance, names=None) -> dict[str, str]:
    """Field name → short digest of its stored value, for ``names`` (default: every tracked field)."""
    fields = tracked_fields(type(instance))
    names = fields if names is None else [name for name in names if name in fields]
    return {name: _digest(_stored_value(instance, fields[name]))[:12] for name in names}


def version_of(instance) -> str:
    """The record's version: one digest over all its tracked fields (the API's ETag)."""
    return _digest(sorted(fingerprint(instance).items()))[:24]


def form_token(instance, names) -> str:
    """The version a web form carries: the digests of the fields it shows, so that a conflict can say
    which of them changed."""
    payload = json.dumps(fingerprint(instance, names), separators=(",", ":")).encode()
    return FORM_TOKEN_PREFIX + base64.urlsafe_b64encode(payload).decode().rstrip("=")


def _parse_form_token(token: str) -> dict | None:
    try:
        payload = token[len(FORM_TOKEN_PREFIX):]
        value = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error):
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        return None
    return value


def check_version(instance, version):
    """Inside the caller's transaction: lock the record's row and raise ``StaleVersion`` unless it is
    still at ``version`` — a form token (``form_token``), an ETag (``version_of``) or a list of ETags
    (any may match). No version (``None`` or empty): nothing is checked, for clients that do not send
    one. Returns the current record (freshly read)."""
    if instance.pk is None or not version:
        return None
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("check_version() must run inside the write's transaction")
    current = type(instance)._base_manager.select_for_update().get(pk=instance.pk)
    if isinstance(version, str) and version.startswith(FORM_TOKEN_PREFIX):
        expected = _parse_form_token(version)
        if expected is None:
            return current  # an unreadable token is no token
        now = fingerprint(current, expected)
        changed = [name for name, digest in now.items() if expected[name] != digest]
        if changed:
            raise StaleVersion(current=current, changed=changed)
        return current
    candidates = [version] if isinstance(version, str) else list(version)
    if version_of(current) not in candidates:
        raise StaleVersion(current=current)
    return current


# ---------------------------------------------------------------------------------------------
# The web
# ---------------------------------------------------------------------------------------------

EMPTY = "—"


def _text(value) -> str:
    return Truncator(str(value)).chars(80) if value not in (None, "") else EMPTY


def _display(field, value, form_field=None) -> str:
    """A value as the conflict message shows it. Related records the user may not see (outside the
    form field's choices) are counted, not named."""
    if field.many_to_many or field.many_to_one:
        related = list(value) if field.many_to_many else ([value] if value is not None else [])
        allowed = getattr(form_field, "queryset", None)
        if allowed is not None and related:
            visible_pks = set(allowed.filter(pk__in=[obj.pk for obj in related]).values_list("pk", flat=True))
        else:
            visible_pks = {obj.pk for obj in related}
        names = [str(obj) for obj in related if obj.pk in visible_pks]
        hidden = len(related) - len(names)
        if hidden:
            names.append(gettext("%(count)s not shown") % {"count": hidden})
        separator = "، " if (get_language() or "").startswith("ar") else ", "
        return _text(separator.join(names) if names else "")
    if field.choices and value not in (None, ""):
        return _text(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, FieldFile):
        return _text(value.name.rsplit("/", 1)[-1] if value else "")
    if isinstance(value, UploadedFile):
        return _text(value.name)
    if value in (None, ""):
        return EMPTY
    return _text(formats.localize(value))


class VersionedForm:
    """A ModelForm mixin (put it first: ``class OrganizationForm(VersionedForm, forms.ModelForm)``).

    Editing a record, the form carries a hidden ``version`` (the digests of the fields it shows, read
    when the page was opened); ``form.version`` is what the view passes to the update service. When the
    service raises ``StaleVersion``, ``form.show_conflict(error)`` says so, lists each changed field with
    the user's value and the current one, keeps the user's input and takes the current version: saving
    again overwrites deliberately."""

    # Model fields that the form changes through fields of other names (a news post's cover upload).
    version_extra_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = None
        self.conflicts = []
        if self.instance.pk is None:
            return
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        # Computed when the page is drawn, after the subclass has removed the fields this user may not see.
        self.initial[VERSION_FIELD] = lambda: form_token(self.instance, self.version_field_names())

    def version_field_names(self) -> list[str]:
        tracked = tracked_fields(type(self.instance))
        names = [name for name in self.fields if name in tracked]
        return names + [name for name in self.version_extra_fields if name in tracked and name not in names]

    def full_clean(self):
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None:
            self.version = cleaned.pop(VERSION_FIELD, None) or None

    def show_conflict(self, error: StaleVersion) -> None:
        current = error.current
        tracked = tracked_fields(type(current))
        changed = error.changed if error.changed is not None else self.version_field_names()
        self.add_error(None, gettext(
            "Someone else changed this record after you opened this page, so nothing was saved. Your "
            "input is kept below. Check the changes listed here; to keep your version, save again."))
        order = {name: index for index, name in enumerate(self.fields)}
        for name in sorted(changed, key=lambda n: order.get(n, len(order))):
            field = tracked[name]
            form_field = self.fields.get(name)
            label = (form_field.label if form_field is not None and form_field.label else field.verbose_name)
            now_value = getattr(current, name).all() if field.many_to_many else getattr(current, name)
            now = _display(field, now_value, form_field)
            yours = self.cleaned_data.get(name, None) if name in getattr(self, "cleaned_data", {}) else None
            if form_field is None or isinstance(field, models.FileField) and not isinstance(yours, UploadedFile):
                message = gettext("%(field)s: now «%(current)s».") % {"field": label, "current": now}
            else:
                message = gettext("%(field)s: yours «%(yours)s», now «%(current)s».") % {
                    "field": label, "yours": _display(field, yours, form_field), "current": now}
            self.conflicts.append(message)
            self.add_error(None, message)
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = form_token(current, self.version_field_names())
        self.data = data
