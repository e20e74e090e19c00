from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, Mount, NavItem


class PeopleConfig(AppConfig):
    name = "madani.people"
    verbose_name = _("People")
    mounts = [Mount("people/", "madani.people.urls")]

    nav_items = [NavItem(_("People"), "people:list", "people.see_people", order=30)]
    api_routes = [
        ApiRoute("people", "madani.people.api.PersonViewSet", "person", order=20),
        ApiRoute("affiliations", "madani.people.api.AffiliationViewSet", "affiliation", order=25),
    ]
