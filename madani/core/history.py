"""Readable change history of a record (django-simple-history) for detail pages.

Values are shown as a reader knows them, never as stored: the names of related records (a sector, a
facilitator, a branch), the translated label of a choice («مكتمل», not "completed"), yes/no, dates in
the page's format; each value in its own isolate (``<bdi>``) so a Latin name or a date keeps its order
inside Arabic text, and several values joined with the language's separator (``{% separator %}``)."""

import datetime

from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from madani.core.arabic import strip_bidi_controls
from madani.core.templatetags.bidi import separator

EMPTY = "—"


def history_entries(obj, limit: int = 50):
    """Newest first: who changed what, when, with the changed fields' old and new values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=True)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append({
                    "field": field.verbose_name,
                    "old": display_value(field, change.old),
                    "new": display_value(field, change.new),
                })
        entries.append({"record": record, "changes": changes})
    return entries


def display_value(field, value):
    """One stored value of ``field`` as the reader knows it (safe HTML, each value in a ``<bdi>``)."""
    if field.many_to_many:  # the through rows: {"organization": …, "sector": <Sector>}
        target = get_m2m_reverse_field_name(field)
        texts = [_text(field, row.get(target)) for row in value or []]
        texts = [text for text in texts if text]
        if not texts:
            return EMPTY
        return format_html_join(separator(), "<bdi>{}</bdi>", ((text,) for text in texts))
    text = _text(field, value)
    return format_html("<bdi>{}</bdi>", text) if text else EMPTY


def _text(field, value) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, DeletedObject):
        return gettext("deleted %(kind)s") % {"kind": value.model._meta.verbose_name}
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return formats.localize(timezone.localtime(value))
    if hasattr(value, "year"):
        return formats.localize(value)
    return strip_bidi_controls(str(value))
