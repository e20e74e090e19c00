"""``{% pending_registrations activity %}``: on the activity page, the registrations from the public
site that staff accept or reject (only for those who may read them)."""

from django import template

from madani.public.models import Registration
from madani.public.permissions import can_handle_registrations

register = template.Library()


@register.inclusion_tag("public/partials/pending_registrations.html", takes_context=True)
def pending_registrations(context, activity):
    user = context["user"]
    if not can_handle_registrations(user):
        return {"shown": False}
    registrations = list(
        Registration.objects.visible_to(user).pending().filter(activity=activity).select_related("home_place"))
    return {"activity": activity, "registrations": registrations,
            "shown": activity.open_for_registration or bool(registrations)}
