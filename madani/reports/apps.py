from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import Mount, NavItem


class ReportsConfig(AppConfig):
    name = "madani.reports"
    verbose_name = _("Reports and exports")
    mounts = [Mount("reports/", "madani.reports.urls")]

    nav_items = [NavItem(_("Reports"), "reports:index", "reports.see_reports", order=80)]
