"""Readable change history of a record (django-simple-history) for detail pages.

Values are shown as a reader knows them, never as stored: the names of related records (a sector, a
facilitator, a branch), the translated label of a choice («مكتمل», not "completed"), yes/no, dates in
the page's format; each value in its own isolate (``<bdi>``) so a Latin name or a date keeps its order
inside Arabic text, and several values joined with the language's separator (``{% separator %}``)."""

import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from madani.core.arabic import strip_bidi_controls
from madani.core.templatetags.bidi import separator

EMPTY = "—"


class History:
    """A record's history, read when the page is drawn: ``history_entries(obj)`` in the view, then
    ``{% readable_history history as entries %}`` (``core/partials/history.html``) reads it for the
    page's user, who sees the names only of the related records they may see (``visible_to``)."""

    def __init__(self, obj, limit: int = 50):
        self.obj, self.limit = obj, limit

    def __bool__(self):
        return True

    def entries(self, user):
        """Newest first: who changed what, when, with the changed fields' old and new values."""
        obj, limit = self.obj, self.limit
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
        shown = _Visibility(user)
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
                        "old": display_value(field, change.old, shown),
                        "new": display_value(field, change.new, shown),
                    })
            entries.append({"record": record, "changes": changes})
        return entries


def history_entries(obj, limit: int = 50) -> History:
    return History(obj, limit)


class _Visibility:
    """Whether the page's user may see a related record (its model's ``visible_to``), asked once per record."""

    def __init__(self, user):
        self.user, self.known = user, {}

    def __call__(self, related) -> bool:
        queryset = related.__class__._default_manager.all()
        if not hasattr(queryset, "visible_to"):
            return True  # not branch data (a sector, a place, a topic)
        key = (related._meta.label, related.pk)
        if key not in self.known:
            self.known[key] = queryset.visible_to(self.user).filter(pk=related.pk).exists()
        return self.known[key]


def display_value(field, value, shown=None):
    """One stored value of ``field`` as the reader knows it (safe HTML, each value in a ``<bdi>``)."""
    if field.many_to_many:  # the through rows: {"organization": …, "sector": <Sector>}
        target = get_m2m_reverse_field_name(field)
        texts = [_text(field, row.get(target), shown) for row in value or []]
        texts = [text for text in texts if text]
        if not texts:
            return EMPTY
        return format_html_join(separator(), "<bdi>{}</bdi>", ((text,) for text in texts))
    text = _text(field, value, shown)
    return format_html("<bdi>{}</bdi>", text) if text else EMPTY


def _text(field, value, shown=None) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, DeletedObject):
        return gettext("deleted %(kind)s") % {"kind": value.model._meta.verbose_name}
    if isinstance(value, models.Model) and shown is not None and not shown(value):
        return gettext("a record you may not see")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return formats.localize(timezone.localtime(value))
    if hasattr(value, "year"):
        return formats.localize(value)
    return strip_bidi_controls(str(value))
