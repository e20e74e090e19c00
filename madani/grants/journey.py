"""The grant in the organization's capacity journey (``GrantsConfig.journey_sources``): from the
application to the close-out, as the user may see it."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Application, ApplicationStatus, Award


def grant_events(organization, user) -> list:
    from madani.activities.journey import JourneyEvent

    events = []
    applications = (Application.objects.visible_to(user).filter(organization=organization)
                    .exclude(status=ApplicationStatus.DRAFT).select_related("call"))
    awards = set(Award.objects.visible_to(user).filter(organization=organization).values_list("pk", flat=True))
    for application in applications:
        url = reverse("grants:application_detail", args=[application.pk])
        if application.submitted_at:
            events.append(JourneyEvent(date=timezone.localdate(application.submitted_at), kind=_("Grant application"),
                                       title=application.title, url=url,
                                       detail=_("To “%(call)s”; now: %(status)s.") % {
                                           "call": application.call, "status": application.get_status_display()}))
        award = getattr(application, "award", None)
        if award is None or award.pk not in awards:
            continue
        award_url = reverse("grants:award_detail", args=[award.pk])
        events.append(JourneyEvent(date=award.awarded_on, kind=_("Grant awarded"), title=application.title,
                                   url=award_url, detail=f"{award.amount} {award.currency}"))
        if award.closed_on:
            events.append(JourneyEvent(date=award.closed_on, kind=_("Grant closed out"), title=application.title,
                                       url=award_url, detail=award.lessons[:200]))
    return events
