"""User text inside a page of the other direction (DESIGN.md §6): ``{% load bidi %}``.

``{{ person|isolate }}`` prints the text in its own ``<bdi>`` (``unicode-bidi: isolate``, madani.css and
the certificate's style), so a name in Latin letters, or one ending in a digit or a bracket, cannot
reorder the text around it; ``{{ name|without_bidi_controls }}`` is for places that already isolate
(an element with its own ``dir``); ``{{ day|date:"Y-m-d"|ltr }}`` isolates a date, time, number or code
left to right and keeps it on one line; ``{% period start end %}`` prints a range of dates or times;
``{{ items|join_list }}`` and ``{% separator %}`` join a list with the language's separator («، » in
Arabic, ", " in English). All drop the bidi override controls that the forms strip on save
(``madani.core.arabic.clean_spaces``), so records saved before that still cannot spoof."""

import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import pgettext

from madani.core.arabic import strip_bidi_controls

register = template.Library()


@register.filter
def isolate(value):
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", strip_bidi_controls(str(value)))


@register.filter
def without_bidi_controls(value):
    """Plain text (escaped by the template as usual) without bidi override controls."""
    if value is None:
        return ""
    return strip_bidi_controls(str(value))


@register.filter
def ltr(value, medium=""):
    """A date, time, number or code inside text of either direction: ``<bdi dir="ltr">`` that never
    wraps, so "2026-12-06", "11:00", "1.1." and "ABCD-EFGH" keep their order and stay on one line.
    ``ltr:"pdf"`` for WeasyPrint, which ignores ``unicode-bidi: isolate``: the text between the Unicode
    isolate marks LRI … PDI instead (pages keep the element, so a copied date holds no invisible marks)."""
    if value is None or value == "":
        return ""
    if medium == "pdf":
        return format_html('<span class="text-nowrap">\u2066{}\u2069</span>', strip_bidi_controls(str(value)))
    return format_html('<bdi dir="ltr" class="text-nowrap">{}</bdi>', strip_bidi_controls(str(value)))


@register.simple_tag
def period(start, end=None, fmt="Y-m-d", open_end="…"):
    """``{% period activity.start_date activity.end_date %}``: one date, or two joined by a dash, each
    in its own LTR isolate: the start reads first in either direction (on the right in Arabic).
    ``fmt`` is a ``date`` format ("H:i" for times); a missing end prints ``open_end``."""
    first = _formatted(start, fmt)
    if end is None or end == "":
        last = open_end if open_end else ""
    else:
        last = _formatted(end, fmt)
        if last == first:
            return ltr(first)
    if not first and not last:
        return ""
    if not last:
        return ltr(first)
    return format_html("{}\u00a0– {}", ltr(first or "…"), ltr(last))


def _formatted(value, fmt):
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)  # as the date filter does
    if isinstance(value, datetime.date):
        return formats.date_format(value, fmt)
    if isinstance(value, datetime.time):
        return formats.time_format(value, fmt)
    return str(value)


def separator():
    """The list separator of the active language: «، » in Arabic, ", " in English."""
    return pgettext("list separator", ", ")


@register.simple_tag(name="separator")
def separator_tag():
    """``{% if not forloop.last %}{% separator %}{% endif %}`` in a loop that prints more than text."""
    return separator()


@register.filter
def join_list(values, direction=""):
    """``{{ organization.sectors.all|join_list }}``: the items, escaped, each in its own ``<bdi>``, with the
    language's separator; ``join_list:"ltr"`` for numbers and codes ("60+", not "+60" in Arabic)."""
    each = ltr if direction == "ltr" else isolate
    return format_html_join(separator(), "{}", ((each(value),) for value in values))
