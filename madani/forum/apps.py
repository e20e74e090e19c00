from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class ForumConfig(AppConfig):
    name = "madani.forum"
    verbose_name = _("Network forums")
    # Under the networks' prefix (INSTALLED_APPS puts this app first, so /networks/<slug>/forum/ is matched
    # before any catch-all address of a network's site).
    mounts = [Mount("networks/", "madani.forum.urls")]
    nav_items = [NavItem(_("Forums"), "forum:forum_list", order=73)]
    # After the networks demo (68): Wasl and its members exist.
    demo_steps = [DemoStep("madani.sampledata.demo.forum.load", order=69)]
    public_urls = [
        PublicURL("forum:forum_list", "the networks' forums (each is public)"),
        PublicURL("forum:index", "a network's forum: its categories and published threads"),
        PublicURL("forum:category", "a category's published threads", test_object="forum_category"),
        PublicURL("forum:thread", "a published thread's published posts; a held or hidden one is a 404 "
                  "except for its author and the forum's moderators", test_object="forum_thread"),
        PublicURL("forum:search", "search over the published posts", robots=False),
    ]
