from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, DemoStep, Mount, NavItem


class IndicatorsConfig(AppConfig):
    name = "madani.indicators"
    verbose_name = _("Indicators and logframes")
    mounts = [Mount("indicators/", "madani.indicators.urls")]

    nav_items = [NavItem(_("Indicators"), "indicators:list", "indicators.see_indicators", order=90)]
    # After the activities demo: logframes and figures over the ledger.
    demo_steps = [DemoStep("madani.sampledata.demo.indicators.load", order=20)]
    api_routes = [ApiRoute("indicators", "madani.indicators.api.IndicatorViewSet", "indicator", order=90)]
