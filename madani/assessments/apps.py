from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem, Panel


class AssessmentsConfig(AppConfig):
    name = "madani.assessments"
    verbose_name = _("Assessments")
    mounts = [Mount("assessments/", "madani.assessments.urls")]

    nav_items = [NavItem(_("Assessments"), "assessments:list", "assessments.see_assessments", order=50)]
    demo_steps = [DemoStep("madani.sampledata.demo.assessments.load", order=40)]
    api_routes = [ApiRoute("forms", "madani.assessments.api.FormViewSet", "form", order=80)]
    journey_sources = ["madani.assessments.reports.journey_events"]
    panels = [Panel("activity.summary", "assessments/partials/activity_gain.html",
                    "madani.assessments.templatetags.assessments.activity_gain"),
              Panel("organization.actions", "assessments/partials/organization_actions.html",
                    "madani.assessments.templatetags.assessments.organization_assessments")]
