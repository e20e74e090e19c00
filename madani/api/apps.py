from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import PublicURL


class ApiConfig(AppConfig):
    name = "madani.api"
    verbose_name = _("API")

    public_urls = [PublicURL("api:schema", "the OpenAPI description holds no data", robots=False)]
