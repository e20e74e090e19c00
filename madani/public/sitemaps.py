"""The sitemap at /sitemap.xml: every public page in Arabic and English, with hreflang alternates.

Another app plugs its pages in with one line in ``SITEMAPS`` (e.g. ``"news": NewsSitemap``); its
Sitemap class sets ``i18n = True, alternates = True, x_default = True`` like ``PublicSitemap``.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from madani.activities.models import Activity
from madani.directory.sitemaps import ServiceListingSitemap
from madani.news.sitemaps import NewsPostSitemap


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return ["public:home", "public:trainings", "news:list", "library:list", "directory:search",
                "dashboard:impact", "consultations:request_consultation", "consultations:suggest_training"]

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


SITEMAPS = {
    "pages": PagesSitemap,
    "trainings": TrainingsSitemap,
    "news": NewsPostSitemap,
    "directory": ServiceListingSitemap,
}
