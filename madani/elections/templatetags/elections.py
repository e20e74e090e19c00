from django import template
from django.utils.formats import number_format

from madani.core.templatetags.bidi import ltr

register = template.Library()


@register.filter
def figure(value, medium=""):
    """A published figure: a number grouped by thousands, left to right; or the words that say why it is not
    shown (``core.disclosure.published``). ``medium`` as ``ltr``'s ("pdf" for WeasyPrint)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return ltr(number_format(value, force_grouping=True), medium)
    return value


@register.filter
def share(value, medium=""):
    """A published percentage, its sign inside the same left-to-right run ("42%" in Arabic text too)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return ltr(f"{number_format(value)}%", medium)
    return value
