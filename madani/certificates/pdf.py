"""Certificates as PDF: an HTML template laid out by WeasyPrint (Pango + HarfBuzz shape Arabic and
lay it out right to left). Nothing is fetched from the network: the fonts are local files and the QR
code is an inline image."""

from pathlib import Path
from urllib.request import url2pathname

import segno
import weasyprint
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

# Arabic: Noto Naskh Arabic, the installed copy (Debian fonts-noto-core) or else the WOFF2 file we
# serve to browsers (WeasyPrint unpacks WOFF2 in pure Python: about a second more per document).
# Latin: Noto Serif (fonts-noto-core); Amiri (fonts-hosny-amiri) as the fallback of both.
ARABIC_FONT_FILES = {
    400: ("NotoNaskhArabic-Regular", "vendor/fonts/noto-naskh-arabic-arabic-400-normal.woff2"),
    700: ("NotoNaskhArabic-Bold", "vendor/fonts/noto-naskh-arabic-arabic-700-normal.woff2"),
}
QR_SCALE = 8  # pixels per module in the embedded PNG; the page prints it 30 mm wide


def font_faces() -> list[dict]:
    """The @font-face rules of the certificate: weight, installed font name and file:// URL of our copy."""
    faces = []
    for weight, (local, name) in ARABIC_FONT_FILES.items():
        path = finders.find(name)
        if not path:
            raise ImproperlyConfigured(f"The certificate font {name} is missing from the static files.")
        faces.append({"weight": weight, "local": local, "url": Path(path).resolve().as_uri()})
    return faces


SYSTEM_FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]


def allowed_roots() -> list[Path]:
    """Our font folder and the system's (where ``local()`` fonts are read from)."""
    ours = [Path(finders.find(name)).resolve().parent for _local, name in ARABIC_FONT_FILES.values()
            if finders.find(name)]
    return ours + [path.resolve() for path in SYSTEM_FONT_DIRS]


class LocalOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read inline data: URLs and font files, and nothing else (no network)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
            if any(path.is_relative_to(root) for root in allowed_roots()):
                return super().fetch(url, headers)
        raise ValueError(f"Certificates may not load {url}")


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()


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
