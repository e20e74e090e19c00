from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import DemoStep, Mount, Panel, PublicURL


class CertificatesConfig(AppConfig):
    name = "madani.certificates"
    verbose_name = _("Certificates")
    mounts = [Mount("certificates/", "madani.certificates.urls")]

    demo_steps = [DemoStep("madani.sampledata.demo.certificates.load", order=50)]  # after the activities demo
    public_urls = [PublicURL("certificates:verify", "shows only what is printed on the certificate; rate-limited",
                             robots=False)]
    panels = [
        Panel("activity.participants", "certificates/partials/activity_buttons.html",
              "madani.certificates.templatetags.certificates.certificate_buttons"),
        Panel("activity.participant_row", "certificates/partials/participant_link.html",
              "madani.certificates.templatetags.certificates.certificate_link"),
    ]
