from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from madani.core.health import healthz
from madani.core.registry import mounts, sitemaps
from madani.public.views import robots_txt

urlpatterns = [
    path("api/v1/", include("madani.api.urls")),
    *(path(mount.prefix, include(mount.urls)) for mount in mounts(i18n=False)),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    *(path(mount.prefix, include(mount.urls)) for mount in mounts(i18n=True)),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
