from django import template

from ..permissions import can_see_test_results
from ..reports import activity_test_results

register = template.Library()


@register.inclusion_tag("assessments/partials/activity_gain.html", takes_context=True)
def activity_gain(context, activity):
    """The average pre/post-test gain of an activity, for its detail page (staff only)."""
    user = context["request"].user
    show = user.is_authenticated and can_see_test_results(user)
    return {
        "activity": activity,
        "show": show,
        "results": activity_test_results(activity, user) if show else None,
    }
