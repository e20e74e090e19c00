"""The sitemap at /sitemap.xml: every public page in Arabic and English, with hreflang alternates.

Each app declares its sections in its AppConfig (``sitemaps = {"news": "madani.news.sitemaps.NewsPostSitemap"}``,
read by ``core.registry.sitemaps()``); its Sitemap class sets ``i18n = True, alternates = True, x_default = True``
like ``PublicSitemap``. The "pages" section lists the public URLs the apps mark ``sitemap=True``.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from madani.activities.models import Activity
from madani.core.registry import public_urls


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return [url.name for url in public_urls() if url.sitemap]

    def location(self, item):
        return reverse(item)


class TrainingsSitemap(PublicSitemap):
    """The registration page of each training open for registration."""

    changefreq = "daily"

    def items(self):
        return Activity.objects.registration_open().order_by("start_date", "pk")

    def location(self, activity):
        return reverse("public:register", args=[activity.pk])

    def lastmod(self, activity):
        return activity.updated_at

