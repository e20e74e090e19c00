"""The bench-only URLconf: the real madani.urls plus a bare view to compare pages against."""

from django.http import HttpResponse
from django.urls import path

from madani.urls import urlpatterns as madani_urlpatterns

BARE_BODY = b"ok"


def bare(request):
    return HttpResponse(BARE_BODY, content_type="text/plain")


# Concatenated, not include()d, so that LocaleMiddleware still sees the i18n_patterns at the top level.
urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *madani_urlpatterns]
