from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class DirectoryConfig(AppConfig):
    name = "madani.directory"
    verbose_name = _("Services directory")
    mounts = [Mount("directory/", "madani.directory.urls")]

    nav_items = [
        NavItem(_("Directory"), "directory:list", "directory.see_moderation_queue", order=100),
        NavItem(_("Our services"), "directory:list", "directory.list_own_services", order=100),
        NavItem(_("Services directory"), "directory:search", order=30, menu="public"),
    ]
    demo_steps = [DemoStep("madani.sampledata.demo.directory.load", order=90)]
    sitemaps = {"directory": "madani.directory.sitemaps.ServiceListingSitemap"}
    public_urls = [
        PublicURL("directory:search", "published service listings only: what organizations chose to make public, "
                  "moderated", sitemap=True),
        PublicURL("directory:public_detail", "a published listing (404 otherwise), with the service's own public "
                  "contacts", test_object="listing"),
    ]
