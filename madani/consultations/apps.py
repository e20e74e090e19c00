from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, NavItem, PublicURL


class ConsultationsConfig(AppConfig):
    name = "madani.consultations"
    verbose_name = _("Consultations and technical support")
    mounts = [Mount("consultations/", "madani.consultations.urls")]

    nav_items = [
        NavItem(_("Requests"), "consultations:list", "consultations.see_request_queue", order=70),
        NavItem(_("My requests"), "consultations:list", "consultations.see_own_requests", order=70),
        NavItem(_("Suggest a training"), "consultations:suggest_training", order=10, menu="footer"),
        NavItem(_("Request a consultation"), "consultations:request_consultation", order=20, menu="footer"),
    ]
    demo_steps = [DemoStep("madani.sampledata.demo.consultations.load", order=30)]
    public_urls = [
        PublicURL("consultations:suggest_training", "a public form: rate-limited, honeypot, nothing shown back",
                  sitemap=True),
        PublicURL("consultations:request_consultation", "a public form: rate-limited, honeypot, nothing shown back",
                  sitemap=True),
        PublicURL("consultations:thanks", "a fixed message", robots=False),
    ]
