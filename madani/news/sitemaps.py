"""The published posts for a sitemap (``django.contrib.sitemaps``): one entry per post and language
it is written in, at that language's address (/news/<slug>/ or /en/news/<slug>/)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from .models import NewsPost


class NewsPostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        posts = NewsPost.objects.published().order_by("-published_at", "-pk")
        return [(post, code) for post in posts for code in post.languages]

    def location(self, item):
        post, code = item
        with translation.override(code):
            return reverse("news:detail", args=[post.slug])

    def lastmod(self, item):
        return item[0].updated_at
