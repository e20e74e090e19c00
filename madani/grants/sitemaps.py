from django.contrib.sitemaps import Sitemap


class OpenCallSitemap(Sitemap):
    pass
