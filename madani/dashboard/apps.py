from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "madani.dashboard"
    verbose_name = _("Dashboard and public figures")
