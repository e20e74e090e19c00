from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, Panel, PublicURL


class PublicConfig(AppConfig):
    name = "madani.public"
    verbose_name = _("Public site")
    mounts = [Mount("", "madani.public.urls")]

    nav_items = [NavItem(_("Trainings"), "public:trainings", order=20, menu="public")]
    # After the activities demo: opens the planned trainings for registration.
    demo_steps = [DemoStep("madani.sampledata.demo.public.load", order=60)]
    sitemaps = {"pages": "madani.public.sitemaps.PagesSitemap", "trainings": "madani.public.sitemaps.TrainingsSitemap"}
    public_urls = [
        PublicURL("public:home", "the center's public profile and open trainings", sitemap=True),
        PublicURL("public:trainings", "planned trainings open for registration: titles, dates, places, topics; no "
                  "people", sitemap=True),
        PublicURL("public:register", "a registration form (rate-limited, honeypot): shows the activity, nothing "
                  "about registrants", test_object="activity"),
        PublicURL("public:register_thanks", "a fixed message", robots=False),
        PublicURL("sitemap", "public pages only"),
        PublicURL("robots_txt", "what search engines may read", robots=False),
    ]
    panels = [Panel("activity.after_participants", "public/partials/pending_registrations.html",
                    "madani.public.templatetags.registrations.pending_registrations")]
