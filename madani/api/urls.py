from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from madani.core.registry import api_routes

app_name = "api"
router = DefaultRouter()
for route in api_routes():  # each app declares its routes in its AppConfig (core/registry.py)
    router.register(route.prefix, import_string(route.viewset), basename=route.basename)


@csrf_exempt  # any method: the answer is 404 whatever is sent
def not_found(request, rest=""):
    """Any other path under the API (``/people/abc/``, a typo) answers 404 in JSON, like the API's own 404s."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^(?P<rest>.*)$", not_found),
]
