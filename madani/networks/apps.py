from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class NetworksConfig(AppConfig):
    name = "madani.networks"
    verbose_name = _("Networks and coalitions")
    # The staff pages first (numeric ids and fixed words); then the networks' public sites at
    # /networks/<slug>/ (a slug is never all digits nor one of the staff pages' words: RESERVED_SLUGS).
    mounts = [Mount("networks/", "madani.networks.urls"), Mount("networks/", "madani.networks.site_urls")]
    nav_items = [NavItem(_("Networks"), "networks:network_list", "networks.see_networks", order=72),
                 NavItem(_("Opinion articles"), "networks:article_list", "networks.write_articles", order=73)]
    # After the organizations (core, order 0) and the ledger (10); before the dashboard's figures (1000).
    # Its website after the news (70) and library (80) demos, whose posts and resources it shows.
    demo_steps = [DemoStep("madani.sampledata.demo.networks.load", order=68),
                  DemoStep("madani.sampledata.demo.networks.load_site", order=85)]
    sitemaps = {"networks": "madani.networks.sitemaps.NetworkSiteSitemap"}
    public_urls = [
        PublicURL("network_site:home", "an online network site: about, public members (hidden ones never), latest "
                  "published articles and news; an offline site is a 404", test_object="network_site"),
        PublicURL("network_site:members", "the network's members shown publicly", test_object="network_site"),
        PublicURL("network_site:news", "published news posts of the network", test_object="network_site"),
        PublicURL("network_site:resources", "public library resources of the network", test_object="network_site"),
        PublicURL("network_site:services", "published services of the network's public members",
                  test_object="network_site"),
        PublicURL("network_site:articles", "published opinion articles: byline or alias, never an alias's author",
                  test_object="network_site"),
        PublicURL("network_site:article_feed", "the Atom feed of the published articles (alias as author)",
                  test_object="network_site"),
        PublicURL("network_site:article", "a published article; anything else is a 404",
                  test_object="opinion_article"),
        PublicURL("network_site:theme_css", "the site's two colours as CSS", robots=False,
                  test_object="network_site"),
        PublicURL("network_site:logo", "the site's logo (re-encoded, no metadata)", robots=False,
                  test_object="network_site"),
    ]
