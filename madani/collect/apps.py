from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem, Panel


class CollectConfig(AppConfig):
    name = "madani.collect"
    verbose_name = _("ODK Collect")
    mounts = [Mount("collect/", "madani.collect.urls"), Mount("openrosa/", "madani.collect.openrosa_urls", i18n=False)]

    nav_items = [NavItem(_("ODK Collect"), "collect:credentials", "collect.use_collect", order=52)]
    api_routes = [ApiRoute("submissions", "madani.collect.api.SubmissionViewSet", "submission", order=81)]
    demo_steps = [DemoStep("madani.sampledata.demo.collect.load", order=45)]  # after the assessments demo
    panels = [Panel("questionnaire.survey", "collect/partials/survey_submissions.html",
                    "madani.collect.views.survey_panel")]
