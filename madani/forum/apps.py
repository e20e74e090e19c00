from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, PublicURL


class ForumConfig(AppConfig):
    name = "madani.forum"
    verbose_name = _("Network forums")
    # Under the networks' prefix, after their URLconf (its addresses are numbers; a forum's is a slug).
    mounts = [Mount("networks/", "madani.forum.urls")]
    # After the networks demo (68): Wasl and its members exist.
    demo_steps = [DemoStep("madani.sampledata.demo.forum.load", order=69)]
    public_urls = [
        PublicURL("forum:index", "a network's forum: its categories and published threads", test_object="forum"),
        PublicURL("forum:category", "a category's published threads", test_object="forum_category"),
        PublicURL("forum:thread", "a published thread's published posts; a held or hidden one is a 404 "
                  "except for its author and the forum's moderators", test_object="forum_thread"),
        PublicURL("forum:search", "search over the published posts", robots=False, test_object="forum"),
    ]
