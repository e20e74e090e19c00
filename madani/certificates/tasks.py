"""Background jobs of the certificates app: an activity's certificates in one PDF (core/jobs.py keeps it
from staying "running" if its worker dies)."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from madani.core.jobs import LeaseLost
from madani.core.pdf import html_to_pdf

from .models import Certificate, CertificateBundle
from .pdf import certificate_html

logger = logging.getLogger(__name__)

COLLECTED, LAID_OUT = 10, 30


def bundle_certificates(bundle):
    """The valid certificates of the bundle's activity that its requester may see, by name."""
    return list(
        Certificate.objects.visible_to(bundle.requested_by).valid().filter(participation__activity=bundle.activity)
        .select_related("participation__person", "participation__activity__branch", "participation__activity__place")
        .order_by("participation__person__full_name", "pk")
    )


def _verify_url_for(bundle):
    """The absolute public URL of a certificate, in the default language whoever prints it."""
    def verify_url(code):
        with translation.override(settings.LANGUAGE_CODE):
            return bundle.site_root + reverse("certificates:verify", args=[code])
    return verify_url


@task()
def build_certificate_bundle(bundle_id: int) -> None:
    bundle = CertificateBundle.objects.select_related("activity", "requested_by").claim(bundle_id)
    if bundle is None:
        return  # already built, or being built
    with translation.override(bundle.language), bundle.heartbeat():
        try:
            certificates = bundle_certificates(bundle)
            if not certificates:
                bundle.fail(_("No certificate has been issued for this activity yet."))
                return
            bundle.advance(COLLECTED, count=len(certificates))
            html = certificate_html(certificates, verify_url=_verify_url_for(bundle))
            bundle.advance(LAID_OUT)
            pdf = html_to_pdf(html)
            bundle.file.save(f"certificates-activity-{bundle.activity_id}.pdf", ContentFile(pdf), save=False)
            try:
                bundle.finish(file=bundle.file.name)
            except BaseException:
                bundle.file.delete(save=False)
                raise
        except LeaseLost:
            logger.warning("Certificate bundle %s was taken over after its lease expired; stopping", bundle_id)
        except Exception:
            logger.exception("Certificate bundle %s failed", bundle_id)
            bundle.fail(_("The certificates could not be built. Try again; if it fails again, tell an "
                          "administrator."))
