"""An organization's capacity journey: what the center did with it, in one timeline (issue 3)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.module_loading import import_string

from madani.core.registry import journey_sources

from .models import Activity

# Other apps add their own events (assessments, grants…): each declares in its AppConfig ``journey_sources``,
# dotted paths of f(organization, user) -> [JourneyEvent] (core/registry.py).


@dataclass
class JourneyEvent:
    date: date
    kind: str
    title: str
    url: str = ""
    detail: str = ""


def activity_events(organization, user) -> list[JourneyEvent]:
    from django.utils.translation import gettext as _

    mine = Q(participations__organization=organization)
    activities = (
        Activity.objects.visible_to(user)
        .filter(Q(target_organizations=organization) | mine)
        .annotate(
            staff=Count("participations", filter=mine, distinct=True),
            staff_completed=Count("participations", filter=mine & Q(participations__completed=True), distinct=True),
        )
        .distinct()
        .order_by("-start_date")
    )
    events = []
    for activity in activities:
        detail = ""
        if activity.staff:
            detail = _("%(staff)s of its people took part, %(completed)s completed.") % {
                "staff": activity.staff, "completed": activity.staff_completed}
        events.append(JourneyEvent(date=activity.start_date, kind=activity.get_kind_display(), title=str(activity),
                                   url=reverse("activities:detail", args=[activity.pk]), detail=detail))
    return events


def capacity_journey(organization, user) -> list[JourneyEvent]:
    events = activity_events(organization, user)
    for path in journey_sources():
        events += import_string(path)(organization, user)
    return sorted(events, key=lambda event: event.date, reverse=True)
