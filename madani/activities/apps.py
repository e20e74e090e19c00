from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem


class ActivitiesConfig(AppConfig):
    name = "madani.activities"
    verbose_name = _("Activity ledger")
    mounts = [Mount("activities/", "madani.activities.urls")]

    nav_items = [
        NavItem(_("My sessions"), "activities:my_sessions", "activities.lead_sessions", order=35),
        NavItem(_("Activities"), "activities:list", "activities.see_activities", order=40),
    ]
    # First among the apps' demo steps: the other apps' demo data may refer to the ledger.
    demo_steps = [DemoStep("madani.sampledata.demo.activities.load", order=10)]
    api_routes = [
        ApiRoute("programs", "madani.activities.api.ProgramViewSet", "program", order=40),
        ApiRoute("topics", "madani.activities.api.TopicViewSet", "topic", order=50),
        ApiRoute("activities", "madani.activities.api.ActivityViewSet", "activity", order=60),
        ApiRoute("sessions", "madani.activities.api.SessionViewSet", "session", order=70),
        ApiRoute("participations", "madani.activities.api.ParticipationViewSet", "participation", order=80),
    ]
