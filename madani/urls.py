from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from madani.core.health import healthz
from madani.core.registry import sitemaps
from madani.public.views import robots_txt

urlpatterns = [
    path("api/v1/", include("madani.api.urls")),
    path("openrosa/", include("madani.collect.openrosa_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("madani.accounts.urls")),  # portal/, profile/
    path("organizations/", include("madani.organizations.urls")),
    path("people/", include("madani.people.urls")),
    path("activities/", include("madani.activities.urls")),
    path("consultations/", include("madani.consultations.urls")),
    path("assessments/", include("madani.assessments.urls")),
    path("collect/", include("madani.collect.urls")),
    path("certificates/", include("madani.certificates.urls")),
    path("places/", include("madani.places.urls")),
    path("indicators/", include("madani.indicators.urls")),
    path("dashboard/", include("madani.dashboard.urls")),
    path("reports/", include("madani.reports.urls")),
    path("news/", include("madani.news.urls")),
    path("library/", include("madani.library.urls")),
    path("directory/", include("madani.directory.urls")),
    path("coworking/", include("madani.coworking.urls")),
    path("grants/", include("madani.grants.urls")),
    path("", include("madani.public.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
