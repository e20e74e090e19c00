from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Call


class OpenCallSitemap(Sitemap):
    """The open calls' public pages (both languages: i18n)."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Call.objects.open().order_by("pk")

    def location(self, call):
        return reverse("grants:public_call", args=[call.pk])
