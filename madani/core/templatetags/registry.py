"""What the apps declare in their ``AppConfig`` (``core/registry.py``), rendered in shared templates::

    {% load registry %}
    {% nav_items "staff" as items %}            the menu items this user may see
    {% panels "activity.summary" activity %}    the other apps' panels on the activity page
"""

from django import template
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

from madani.core import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_items(context, menu):
    return registry.visible_nav_items(context["user"], menu)


@register.simple_tag(takes_context=True)
def panels(context, slot, *objects):
    html = []
    for panel in registry.panels(slot):
        panel_context = import_string(panel.context)(context, *objects)
        # as an inclusion tag does: the page's context (its request, CSRF token, language), the panel's values
        html.append(context.template.engine.get_template(panel.template).render(context.new(panel_context)))
    return mark_safe("".join(html))  # noqa: S308 - rendered templates, escaped by the template engine
