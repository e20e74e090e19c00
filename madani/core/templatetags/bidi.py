"""User text inside a page of the other direction (DESIGN.md §6): ``{% load bidi %}``.

``{{ person|isolate }}`` prints the text in its own ``<bdi>`` (``unicode-bidi: isolate``, madani.css and
the certificate's style), so a name in Latin letters, or one ending in a digit or a bracket, cannot
reorder the text around it; ``{{ name|without_bidi_controls }}`` is for places that already isolate
(an element with its own ``dir``). Both drop the bidi override controls that the forms strip on save
(``madani.core.arabic.clean_spaces``), so records saved before that still cannot spoof."""

from django import template
from django.utils.html import format_html

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
