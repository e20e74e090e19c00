from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def byline(user) -> str:
    """How a user is named on the forum: their name, never their email address (a public page)."""
    if user is None:
        return ""
    return user.get_full_name() or _("Member %(number)s") % {"number": user.pk}
