"""Text from an uploaded XLSForm is text: markup in labels, hints and choice labels never becomes live HTML
(issue 10: a hint with hx-* attributes made an administrator's browser promote a branch manager)."""

import lxml.html
import pytest
from django.urls import reverse

from madani.assessments.models import Questionnaire
from madani.assessments.workbooks import xlsform_bytes

from .helpers import instance_xml, upload_questionnaire

IMG = "<img src=x onerror=alert(1)>"
HTMX = '<div hx-post="/admin/accounts/user/1/change/" hx-trigger="load" hx-vals=\'{"is_superuser": "on"}\'>x</div>'
SCRIPT = "<script>alert(2)</script>"
LINK = '<a href="javascript:alert(3)">click</a>'
PAYLOAD = " ".join((IMG, HTMX, SCRIPT, LINK))

AR, EN = "label::Arabic (ar)", "label::English (en)"
HINT_AR, HINT_EN = "hint::Arabic (ar)", "hint::English (en)"
SURVEY = [
    {"type": "note", "name": "intro", AR: PAYLOAD, EN: PAYLOAD, HINT_AR: PAYLOAD, HINT_EN: PAYLOAD},
    {"type": "begin group", "name": "grp", AR: PAYLOAD, EN: PAYLOAD},
    {"type": "text", "name": "q_text", AR: PAYLOAD, EN: PAYLOAD, HINT_AR: PAYLOAD, HINT_EN: PAYLOAD},
    {"type": "select_one yn", "name": "q_one", AR: PAYLOAD, EN: PAYLOAD, HINT_AR: PAYLOAD, HINT_EN: PAYLOAD},
    {"type": "select_multiple yn", "name": "q_many", AR: PAYLOAD, EN: PAYLOAD, HINT_AR: PAYLOAD, HINT_EN: PAYLOAD,
     "required": "yes", "required_message::Arabic (ar)": PAYLOAD, "required_message::English (en)": PAYLOAD},
    {"type": "end group"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", AR: PAYLOAD, EN: PAYLOAD},
    {"list_name": "yn", "name": "no", AR: PAYLOAD, EN: PAYLOAD},
]


def assert_no_live_markup(html: str):
    """None of the payload's tags, handlers, htmx attributes or javascript: links is part of the page's markup."""
    tree = lxml.html.document_fromstring(html)
    assert not tree.xpath("//img[@src='x']"), "an <img> from the form is live"
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute, value in element.attrib.items():
            assert not attribute.startswith("on"), f"a live event handler: <{element.tag} {attribute}>"
            assert "/admin/" not in value or not attribute.startswith(("hx-", "data-hx-")), "a live hx-* request"
        if element.tag == "a":
            assert not element.get("href", "").strip().lower().startswith("javascript:"), "a live javascript: link"
    assert not [s for s in tree.xpath("//script") if "alert(" in (s.text or "") and s.get("type") != "application/json"], \
        "a live <script> from the form"
    # data for scripts (the XForm ODK's engine fills) cannot close its <script> element: json_script escapes "<"
    assert not [s for s in tree.xpath("//script[@type='application/json']") if "<" in (s.text or "")]


def assert_inside_hx_disable(html: str, text: str):
    """Every element showing ``text`` sits in a container where htmx processes nothing (hx-disable)."""
    tree = lxml.html.document_fromstring(html)
    holders = tree.xpath("//body//*[contains(text(), $text)]", text=text)
    assert holders
    for element in holders:
        assert element.xpath("ancestor-or-self::*[@hx-disable]"), lxml.html.tostring(element)[:200]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_markup_in_an_uploaded_xlsform_shows_as_text_on_the_form_pages(client_a, organization_a, prefix):
    response = upload_questionnaire(client_a, xlsform_bytes(SURVEY, CHOICES))
    assert response.status_code == 302, response.content.decode()
    questionnaire = Questionnaire.objects.get(title_ar="استمارة المالية")
    fill = prefix + reverse("assessments:assess", args=[organization_a.pk]) + f"?questionnaire={questionnaire.pk}"
    preview = client_a.get(prefix + reverse("assessments:detail", args=[questionnaire.pk]))
    html = preview.content.decode()
    assert_no_live_markup(html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text, to whoever reads the questions
    assert_inside_hx_disable(html, "onerror=alert(1)")
    # the web form: the XForm is data for ODK's engine (a JSON script, never markup; webform.js sets text)
    page = client_a.get(fill)
    assert page.status_code == 200
    assert_no_live_markup(page.content.decode())
    # and the saved response shows the questions and chosen answers as text too
    xml = instance_xml(questionnaire, {"q_many": ["yes"], "q_one": "no", "q_text": SCRIPT})
    saved = client_a.post(fill, xml, content_type="text/xml")
    assert saved.status_code == 201
    page = client_a.get(saved.json()["url"])
    assert page.status_code == 200
    assert_no_live_markup(page.content.decode())
