from django.urls import include, path
from django.utils.module_loading import import_string
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from madani.core.registry import api_routes

app_name = "api"
router = DefaultRouter()
for route in api_routes():  # each app declares its routes in its AppConfig (core/registry.py)
    router.register(route.prefix, import_string(route.viewset), basename=route.basename)

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
