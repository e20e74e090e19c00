"""Templates ask who may do what through one tag, which calls the app's rule by name
(``madani.<app>.permissions.can_<rule>``, see ``core/permissions.py``)::

    {% load access %}
    {% can "activities.record_activities" as may_record %}
    {% can "consultations.log_sessions" support_request as may_log %}
"""

from django import template

from madani.core.permissions import check

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, name, obj=None) -> bool:
    return check(context.get("user") or getattr(context.get("request"), "user", None), name, obj)
