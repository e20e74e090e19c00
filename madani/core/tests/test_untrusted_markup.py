"""Defences against markup in user text (issue 10): htmx is configured so injected markup cannot run code or
call other sites, and the Markdown sanitizer keeps no htmx attribute, event handler or javascript: link."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from django.conf import settings
from django.urls import reverse

from madani.core.markdown import render_markdown

HTMX = Path(settings.BASE_DIR) / "madani" / "static" / "vendor" / "htmx" / "htmx.min.js"


def test_htmx_runs_no_eval_no_swapped_scripts_and_talks_only_to_this_site(client_a):
    html = client_a.get(reverse("dashboard:index")).content.decode()
    meta = lxml.html.document_fromstring(html).xpath("//meta[@name='htmx-config']")
    config = json.loads(meta[0].get("content"))
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["selfRequestsOnly"] is True
    # the vendored htmx is a 2.x that reads these keys
    source = HTMX.read_text()
    assert re.search(r'version:"2\.\d+\.\d+"', source)
    for key in ("allowEval", "allowScriptTags", "selfRequestsOnly", "hx-disable"):
        assert key in source


def test_markdown_keeps_no_htmx_attribute_handler_script_or_javascript_link():
    text = (
        '<div hx-post="/admin/accounts/user/1/change/" hx-trigger="load">x</div>\n\n'
        '<a href="javascript:alert(1)" hx-get="/admin/">raw</a> <img src=x onerror=alert(2)> '
        '<script>alert(3)</script>\n\n'
        "[one](javascript:alert(4)) [two](JaVaScRiPt:alert(5)) [three](java&#x09;script:alert(6)) "
        "[four](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) [five](vbscript:msgbox(8))\n\n"
        '[ok](https://example.org "title")'
    )
    html = str(render_markdown(text))
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in tree.iter():
        for attribute in element.attrib:
            assert not attribute.startswith(("hx-", "data-hx", "on")), html
        assert element.tag not in {"img", "script", "div"} or element is tree, html
    # a browser reads "java%09script:…" as a relative address (no scheme), like urlsplit does
    schemes = {urlsplit(a.get("href", "")).scheme.lower() for a in tree.iter("a")}
    assert schemes <= {"", "http", "https", "mailto"}, html
    assert "https://example.org" in [a.get("href") for a in tree.iter("a")]
