from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem


class NetworksConfig(AppConfig):
    name = "madani.networks"
    verbose_name = _("Networks and coalitions")
    mounts = [Mount("networks/", "madani.networks.urls")]
    nav_items = [NavItem(_("Networks"), "networks:network_list", "networks.see_networks", order=72)]
    # After the organizations (core, order 0) and the ledger (10); before the dashboard's figures (1000).
    demo_steps = [DemoStep("madani.sampledata.demo.networks.load", order=68)]
