from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, Mount, NavItem


class OrganizationsConfig(AppConfig):
    name = "madani.organizations"
    verbose_name = _("Organizations")
    mounts = [Mount("organizations/", "madani.organizations.urls")]

    nav_items = [NavItem(_("Organizations"), "organizations:list", order=20)]
    api_routes = [ApiRoute("organizations", "madani.organizations.api.OrganizationViewSet", "organization", order=10)]
