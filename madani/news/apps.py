from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class NewsConfig(AppConfig):
    name = "madani.news"
    verbose_name = _("News")
    mounts = [Mount("news/", "madani.news.urls")]

    nav_items = [
        NavItem(_("News"), "news:manage", "news.manage_news", order=60),
        NavItem(_("News"), "news:list", order=10, menu="public"),
    ]
    # After the activities demo: drafts news from its activities.
    demo_steps = [DemoStep("madani.sampledata.demo.news.load", order=70)]
    sitemaps = {"news": "madani.news.sitemaps.NewsPostSitemap"}
    public_urls = [
        PublicURL("news:list", "published posts only, in the page's language", sitemap=True),
        PublicURL("news:detail", "a published post in the page's language; anything else is a 404"),
        PublicURL("news:feed", "the Atom feed of the published posts in the page's language"),
        PublicURL("news:cover", "a published post's cover; an unpublished one's only for the newsroom (404 otherwise)",
                  test_object="news_post"),
        PublicURL("news:cover_thumbnail", "as the cover", test_object="news_post"),
    ]
