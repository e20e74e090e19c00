"""The "Draft news from this activity" button on the activity page, so that the activities app needs
no code for it: ``{% load news %}{% news_draft_button activity %}``."""

from django import template

from madani.activities.models import Status

from ..models import can_write_news

register = template.Library()


@register.inclusion_tag("news/partials/draft_button.html", takes_context=True)
def news_draft_button(context, activity):
    user = context["request"].user
    return {"activity": activity, "show": activity.status == Status.COMPLETED and can_write_news(user),
            "csrf_token": context.get("csrf_token")}
