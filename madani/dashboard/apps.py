from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class DashboardConfig(AppConfig):
    name = "madani.dashboard"
    verbose_name = _("Dashboard and public figures")
    mounts = [Mount("dashboard/", "madani.dashboard.urls")]

    nav_items = [
        NavItem(_("Dashboard"), "dashboard:index", order=10),
        NavItem(_("Our impact"), "dashboard:impact", order=50, menu="public"),
        NavItem(_("Our impact"), "dashboard:impact", order=30, menu="footer"),
    ]
    demo_steps = [DemoStep("madani.sampledata.demo.dashboard.load", order=1000)]  # last: the figures of everything above
    public_urls = [PublicURL("dashboard:impact", "center-wide counts only, groups under MADANI_MIN_CELL_SIZE suppressed",
                             sitemap=True)]

    def ready(self):
        from madani.core import ledger

        from . import cube

        ledger.listen(cube.ledger_changed)  # every committed ledger write marks the figures stale
