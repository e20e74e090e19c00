"""PDF rendering, one way for every PDF Madani makes (certificates, donor reports): an HTML page laid
out by WeasyPrint (Pango + HarfBuzz shape Arabic and lay it out right to left). Nothing is fetched from
the network: the fonts are local files and images are inline ``data:`` URIs.

A PDF template includes ``core/partials/fonts.css`` with ``font_faces()`` in its context and is turned
into bytes by ``html_to_pdf(html)``."""

from pathlib import Path
from urllib.request import url2pathname

import weasyprint
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from weasyprint.urls import URLFetcher

# Arabic: Noto Naskh Arabic, the installed copy (Debian fonts-noto-core) or else the WOFF2 file we
# serve to browsers (WeasyPrint unpacks WOFF2 in pure Python: about a second more per document).
# Latin: Noto Serif (fonts-noto-core); Amiri (fonts-hosny-amiri) as the fallback of both.
ARABIC_FONT_FILES = {
    400: ("NotoNaskhArabic-Regular", "vendor/fonts/noto-naskh-arabic-arabic-400-normal.woff2"),
    700: ("NotoNaskhArabic-Bold", "vendor/fonts/noto-naskh-arabic-arabic-700-normal.woff2"),
}


def font_faces() -> list[dict]:
    """The @font-face rules of our PDFs (certificates, donor reports): weight, installed font name and
    file:// URL of our copy."""
    faces = []
    for weight, (local, name) in ARABIC_FONT_FILES.items():
        path = finders.find(name)
        if not path:
            raise ImproperlyConfigured(f"The PDF font {name} is missing from the static files.")
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
        raise ValueError(f"PDFs may not load {url}")


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, url_fetcher=LocalOnlyFetcher()).write_pdf()
