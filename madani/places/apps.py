from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import ApiRoute, Mount


class PlacesConfig(AppConfig):
    name = "madani.places"
    verbose_name = _("Places")
    mounts = [Mount("places/", "madani.places.urls")]

    api_routes = [ApiRoute("places", "madani.places.api.PlaceViewSet", "place", order=30)]
