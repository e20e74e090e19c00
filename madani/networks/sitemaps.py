from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import NetworkSite, OpinionArticle


class NetworkSiteSitemap(Sitemap):
    """The online network sites' pages and their published opinion articles, in both languages."""

    changefreq = "weekly"
    i18n = True
    alternates = True
    x_default = True
    SECTIONS = ["home", "members", "news", "articles", "resources", "services"]

    def items(self):
        pages = [(site.slug, name, None) for site in NetworkSite.objects.online().order_by("slug")
                 for name in self.SECTIONS]
        articles = OpinionArticle.objects.published().filter(network__network_site__published=True).values_list(
            "network__network_site__slug", "pk").order_by("pk")
        return pages + [(slug, "article", pk) for slug, pk in articles]

    def location(self, item):
        slug, name, pk = item
        return reverse(f"network_site:{name}", args=[slug] + ([pk] if pk else []))
