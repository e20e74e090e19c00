"""The grant behind a community project, on its activity page (``GrantsConfig.panels``)."""

from django.db.models import Q

from .models import Award


def activity_grant(context, activity):
    """The award whose project (or one of whose activities) this activity is, if the reader may see it."""
    user = context["request"].user
    award = (Award.objects.visible_to(user).filter(Q(project=activity) | Q(activities=activity))
             .select_related("application__call").first())
    return {"award": award}
