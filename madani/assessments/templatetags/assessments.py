from django import template

from ..models import Questionnaire, Response
from ..permissions import can_assess, can_see_assessments, can_see_test_results
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


def organization_assessments(context, organization):
    """The organization page's way into its needs assessments: a link to them, and for a newly recorded
    organization that has none, a button that starts the first one (issue 12)."""
    user = context["request"].user
    show = user.is_authenticated and can_see_assessments(user)
    assessed = show and Response.objects.visible_to(user).needs().filter(organization=organization).exists()
    first = None
    if show and not assessed and can_assess(user, organization):
        first = Questionnaire.objects.visible_to(user).needs().active().first()
    return {"organization": organization, "show": show, "assessed": assessed, "first": first}
