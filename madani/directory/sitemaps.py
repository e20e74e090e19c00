from django.contrib.sitemaps import Sitemap

from .models import ServiceListing


class ServiceListingSitemap(Sitemap):
    """The published listings' public pages, in both languages."""

    changefreq = "monthly"
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ServiceListing.objects.published().order_by("pk")

    def lastmod(self, listing):
        return listing.updated_at
