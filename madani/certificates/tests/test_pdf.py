"""The certificate as printed: a bilingual A4 landscape PDF whose Arabic is joined and runs right to
left, set in the fonts we ship, with a QR code of the public check address.

Shaping and direction are checked on pixels (PDF → PNG with pypdfium2), against a control that is
deliberately wrong, so the checks can fail."""

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium
import segno
from django.template.loader import render_to_string

from madani.certificates.pdf import QR_SCALE, certificate_html, certificates_pdf
from madani.core.pdf import font_faces, html_to_pdf

NAME = "أحمد علي الخلف"
ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER: the same letters, each in its isolated form
FONT_HELP = "Install the certificate fonts with scripts/system-deps.sh (fonts-noto-core, fonts-hosny-amiri)."


def verify_url(code):
    return f"https://madani.example.org/certificates/verify/{code}/"


def render_png(pdf: bytes, page=0):
    return pypdfium2.PdfDocument(pdf)[page].render(scale=2).to_pil().convert("L")


def ink_box(image):
    """Bounding box (left, top, right, bottom) of the dark pixels."""
    return image.point(lambda v: 255 if v < 128 else 0).getbbox()


def snippet_pdf(text: str) -> bytes:
    """``text`` as the certificate sets a name: same fonts, same pipeline (html_to_pdf)."""
    fonts = render_to_string("core/partials/fonts.css", {"font_faces": font_faces()})
    html = (f"<html><head><style>{fonts} @page {{ size: 160mm 40mm; margin: 5mm }} "
            f"p {{ font-size: 28pt; font-weight: 700; }}</style></head>"
            f'<body><p lang="ar" dir="rtl">{text}</p></body></html>')
    return html_to_pdf(html)


def embedded_fonts(pdf: bytes) -> set[str]:
    """Family names of the fonts used by the text on the first page."""
    families = set()
    for obj in pypdfium2.PdfDocument(pdf)[0].get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT]):
        font = pdfium.FPDFTextObj_GetFont(obj.raw)
        size = pdfium.FPDFFont_GetFamilyName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium.FPDFFont_GetFamilyName(font, buffer, size)
        families.add(buffer.value.decode())
    return families


def test_the_arabic_letters_of_a_name_are_joined():
    joined = render_png(snippet_pdf(NAME))
    isolated = render_png(snippet_pdf(ZWNJ.join(NAME)))
    assert joined.tobytes() != isolated.tobytes()
    joined_width = ink_box(joined)[2] - ink_box(joined)[0]
    isolated_width = ink_box(isolated)[2] - ink_box(isolated)[0]
    # Joined letters use their connected (initial/medial/final) forms and sit closer together.
    assert joined_width < 0.92 * isolated_width, (joined_width, isolated_width)


def _tall_ink_centre(image) -> float:
    """Where the tall strokes are, from 0 (left edge of the ink) to 1 (right edge)."""
    left, top, right, bottom = ink_box(image)
    upper = image.crop((left, top, right + 1, top + (bottom - top) // 3))
    columns = [x for x in range(upper.width) if any(upper.getpixel((x, y)) < 128 for y in range(upper.height))]
    return (sum(columns) / len(columns)) / (right - left)


def test_arabic_runs_from_right_to_left():
    # An alef (a tall stroke) followed by kashidas (a low line): read right to left, the alef,
    # the first letter, must be printed at the right end.
    text = "ا" + "ـ" * 10
    assert _tall_ink_centre(render_png(snippet_pdf(text))) > 0.8
    # The control: forcing left-to-right order (LEFT-TO-RIGHT OVERRIDE … POP DIRECTIONAL FORMATTING)
    # puts the alef at the left, so the check above can fail.
    forced = snippet_pdf("\u202d" + text + "\u202c")
    assert _tall_ink_centre(render_png(forced)) < 0.2


def test_arabic_is_set_in_noto_naskh_and_latin_in_noto_serif(certificate_a):
    families = embedded_fonts(certificates_pdf([certificate_a], verify_url=verify_url))
    assert "Noto Naskh Arabic" in families, f"Arabic fell back to {families}. {FONT_HELP}"
    assert "Noto Serif" in families, f"Latin fell back to {families}. {FONT_HELP}"


def test_the_certificate_is_an_a4_landscape_pdf_with_the_name_and_code(certificate_a):
    person = certificate_a.participation.person
    person.name_latin = "Ahmad Ali Al-Khalaf"
    person.save()
    pdf = certificates_pdf([certificate_a], verify_url=verify_url)
    assert pdf.startswith(b"%PDF-")
    document = pypdfium2.PdfDocument(pdf)
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = document[0].get_textpage().get_text_range()
    assert "Ahmad Ali Al-Khalaf" in text
    assert certificate_a.code in text.replace("\r\n", "").replace("\n", "")
    html = certificate_html([certificate_a], verify_url=verify_url)
    assert NAME in html and "تدريب المناصرة" in html and "Advocacy training" in html
    assert "سلمى المدربة" in html  # the facilitator


def test_the_qr_code_printed_is_the_code_of_the_public_check_address(certificate_a):
    url = verify_url(certificate_a.code)
    assert url in certificate_html([certificate_a], verify_url=verify_url)
    pdf = certificates_pdf([certificate_a], verify_url=verify_url)
    images = _images(pdf)
    assert len(images) == 1, "the page carries exactly one image: the QR code"
    bitmap = images[0].get_bitmap().to_pil().convert("L")
    # Read the modules back (the centre pixel of each) and compare with the symbol of the URL.
    expected = [list(row) for row in segno.make(url, error="m").matrix_iter(border=4)]
    size = len(expected)
    assert bitmap.size == (size * QR_SCALE, size * QR_SCALE)
    printed = [[int(bitmap.getpixel((x * QR_SCALE + QR_SCALE // 2, y * QR_SCALE + QR_SCALE // 2)) < 128)
                for x in range(size)] for y in range(size)]
    assert printed == expected
    # …and it is printed large enough to scan (at least 25 mm wide).
    left, bottom, right, top = images[0].get_bounds()
    assert (right - left) / 72 * 25.4 >= 25


def test_several_certificates_make_one_page_each(activity_a, staff_a, certificate_a):
    from madani.certificates.services import certificates_issue_for_activity
    from tests.factories import ParticipationFactory

    ParticipationFactory(activity=activity_a, completed=True)
    certificates = [certificate_a, *certificates_issue_for_activity(actor=staff_a, activity=activity_a)]
    assert len(pypdfium2.PdfDocument(certificates_pdf(certificates, verify_url=verify_url))) == 2


def _images(pdf: bytes) -> list:
    return list(pypdfium2.PdfDocument(pdf)[0].get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE]))


def test_nothing_is_fetched_from_outside(tmp_path):
    # Inline images are drawn…
    inline = segno.make("x").png_data_uri(scale=4)
    assert len(_images(html_to_pdf(f'<html><body><img src="{inline}"></body></html>'))) == 1
    # …but neither a local file outside our fonts nor anything on the network is read.
    secret = tmp_path / "secret.png"
    segno.make("x").save(str(secret), kind="png", scale=4)
    html = f'<html><body><img src="{secret.as_uri()}"><img src="https://example.org/a.png"></body></html>'
    assert _images(html_to_pdf(html)) == []
