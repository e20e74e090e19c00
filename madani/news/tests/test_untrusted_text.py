"""Stored text reaches feed readers and pages as text (issue 10): the Atom summary is HTML only where we
sanitized it, and rendered bodies sit where htmx processes nothing."""

import xml.etree.ElementTree as ET

import lxml.html

from madani.news.tests.conftest import make_post

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = ('<script>alert(1)</script><img src=x onerror=alert(2)>'
           '<div hx-post="/admin/accounts/user/1/change/" hx-trigger="load">x</div><a href="javascript:alert(3)">y</a>')


def _live_markup(html: str) -> list[str]:
    """What a reader rendering ``html`` would run or load: scripts, images, handlers, hx-* and javascript: links."""
    found = []
    for element in lxml.html.fragment_fromstring(html or "", create_parent="div").iter():
        if element.tag in {"script", "img"}:
            found.append(element.tag)
        found += [name for name in element.attrib
                  if name.startswith(("on", "hx-", "data-hx")) and name not in {"hx-disable", "data-hx-disable"}]
        if element.get("href", "").strip().lower().startswith("javascript:"):
            found.append("javascript:")
    return found


def _entries(client):
    root = ET.fromstring(client.get("/news/feed/").content)
    return {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}


def test_the_atom_feed_carries_markup_in_title_summary_and_body_as_text(anonymous, staff_a):
    with_summary = make_post(staff_a, publish=True, title_ar="عنوان " + PAYLOAD, summary_ar="ملخص " + PAYLOAD,
                             body_ar="نص")
    body_only = make_post(staff_a, publish=True, title_ar="خبر آخر", body_ar="نص " + PAYLOAD)
    entries = _entries(anonymous)
    for post in (with_summary, body_only):
        entry = entries[post.title_ar]  # the title is Atom text (no type): a reader shows it as typed
        title, summary = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}summary")
        assert title.get("type", "text") == "text"
        # the summary is HTML for the reader: nothing in it may be live markup
        assert summary.get("type") in {"html", "text"}
        if summary.get("type") == "html":
            assert _live_markup(summary.text) == [], summary.text
    summary = entries[with_summary.title_ar].find(f"{ATOM}summary")
    # what the reader shows is the summary, word for word
    shown = lxml.html.fragment_fromstring(summary.text, create_parent="div").text_content()
    assert shown == with_summary.summary_ar


def test_a_news_body_sits_where_htmx_processes_nothing(anonymous, staff_a):
    post = make_post(staff_a, publish=True, title_ar="خبر", body_ar="**نص** " + PAYLOAD)
    tree = lxml.html.document_fromstring(anonymous.get(post.get_absolute_url()).content.decode())
    body = tree.xpath("//strong[text()='نص']")[0]
    assert body.xpath("ancestor::*[@hx-disable]")
    assert _live_markup(lxml.html.tostring(body.getparent().getparent(), encoding="unicode")) == []
