"""``{% load history %}{% readable_history history as entries %}``: a record's change history
(``core/history.py``) as the page's user may read it."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def readable_history(context, history):
    if not history:
        return []
    return history.entries(context.get("user"))
