"""Certificate buttons on the activity page, so that the activities app needs no code for them:
``{% load certificates %}``, ``{% certificate_buttons activity %}`` and, in each participant row,
``{% certificate_link participation activity %}``."""

from django import template

from madani.certificates.models import Certificate
from madani.certificates.permissions import can_issue_certificates

register = template.Library()


@register.inclusion_tag("certificates/partials/activity_buttons.html", takes_context=True)
def certificate_buttons(context, activity):
    user = context["request"].user
    certified = activity.is_certified
    return {
        "activity": activity,
        "can_issue": certified and can_issue_certificates(user),
        "has_certificates": certified and any(not c.is_revoked for c in _certificates_of(context, activity).values()),
    }


@register.inclusion_tag("certificates/partials/participant_link.html", takes_context=True)
def certificate_link(context, participation, activity):
    user = context["request"].user
    certificate = None
    if activity.is_certified:
        certificate = _certificates_of(context, activity).get(participation.pk)
    return {
        "activity_id": activity.pk,
        "participation": participation,
        "certificate": certificate,
        "can_issue": can_issue_certificates(user),
    }


def _certificates_of(context, activity) -> dict:
    """The certificates of an activity's participations the user may see, by participation id:
    one query per page, however many rows the participants table has."""
    key = ("certificates", activity.pk)
    cache = context.render_context
    if key not in cache:
        certificates = Certificate.objects.visible_to(context["request"].user).filter(participation__activity=activity)
        cache[key] = {c.participation_id: c for c in certificates}
    return cache[key]
