from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "madani.dashboard"
    verbose_name = _("Dashboard and public figures")

    def ready(self):
        from madani.core import ledger

        from . import cube

        ledger.listen(cube.ledger_changed)  # every committed ledger write marks the figures stale
