"""Certificates as PDF: an HTML template rendered by core/pdf.py (WeasyPrint, local fonts only); the
QR code is an inline image."""

import segno
from django.template.loader import render_to_string

from madani.core.pdf import font_faces, html_to_pdf

QR_SCALE = 8  # pixels per module in the embedded PNG; the page prints it 30 mm wide


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as a PNG data URI (a bitmap, so that tests can read it back)."""
    return segno.make(url, error="m").png_data_uri(scale=QR_SCALE, border=4)


def certificate_html(certificates, *, verify_url) -> str:
    """One A4 landscape page per certificate; ``verify_url(code)`` gives the absolute public URL."""
    pages = []
    for certificate in certificates:
        participation = certificate.participation
        activity = participation.activity
        url = verify_url(certificate.code)
        pages.append({
            "certificate": certificate,
            "person": participation.person,
            "activity": activity,
            "facilitators": list(activity.facilitators.all()),
            "url": url,
            "qr": qr_data_uri(url),
        })
    return render_to_string("certificates/certificate_pdf.html", {"pages": pages, "font_faces": font_faces()})


def certificates_pdf(certificates, *, verify_url) -> bytes:
    return html_to_pdf(certificate_html(certificates, verify_url=verify_url))
