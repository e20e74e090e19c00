"""Every page a person can reach, as every demo role, in both languages (issue: field defects).

Starting from the home page and the dashboard, each role follows the links of the pages it is shown
(GET only), over the demo data, and the crawl fails on a server error, on an internal link that answers
404, and on raw template syntax in a page. The crawl is bounded: at most ``PER_SHAPE`` URLs of one shape
(numbers replaced by ``N``, query strings dropped) and ``MAX_PAGES`` pages per role and language.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from madani.accounts.models import User
from madani.sampledata.demo.core import DEMO_DOMAIN, USERS

PER_SHAPE = 3
MAX_PAGES = 220
# Not followed: the admin (Django's own pages), static files, sign-out and language switches (POST forms),
# and file downloads that only repeat a page's data in another format.
SKIP = re.compile(r"^/(en/)?(admin/|static/|media/|accounts/logout/|i18n/)|[?&](export|format)=")
RAW_TEMPLATE = re.compile(r"\{#|\{\{|\{%")
ROLES = [None] + [local for local, *_ in USERS]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def visible_text(html: str) -> str:
    """The page without its scripts, styles and inline JSON (where braces are legitimate)."""
    return re.sub(r"<(script|style|template)\b.*?</\1>", "", html, flags=re.S | re.I)


def crawl(client, start: list[str]) -> tuple[int, list[str]]:
    queue, seen, shapes, problems = list(start), set(), Counter(), []
    referrer = {url: "(start)" for url in start}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        status = response.status_code
        if status >= 500:
            problems.append(f"{status} at {url} (linked from {referrer[url]})")
            continue
        if status == 404:
            problems.append(f"404 at {url} (linked from {referrer[url]})")
            continue
        if status in (301, 302, 303, 307, 308):
            target = urlsplit(response["Location"])
            if not target.netloc and target.path not in seen:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
                referrer.setdefault(queue[-1], url)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        text = visible_text(html)
        raw = RAW_TEMPLATE.search(text)
        if raw:
            problems.append(f"raw template syntax {text[raw.start():raw.start() + 60]!r} at {url}")
        parser = Links()
        parser.feed(html)
        for href in parser.hrefs:
            link = urldefrag(urljoin(url, href)).url
            parts = urlsplit(link)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if SKIP.search(local) or local in seen or local in referrer:
                continue
            if shapes[shape(parts.path)] >= PER_SHAPE:
                continue
            shapes[shape(parts.path)] += 1
            referrer[local] = url
            queue.append(local)
    return len(seen), problems


def demo_records(user, language) -> list[str]:
    """Pages of demo records that the bound per shape can leave out, opened too: the ODK survey of the
    forms demo and its submissions (more questionnaires than ``PER_SHAPE`` come first)."""
    from madani.assessments.models import Kind, Questionnaire
    from madani.collect.permissions import can_see_submissions

    if user is None:
        return []
    pages = []
    with translation.override(language):
        for survey in Questionnaire.objects.visible_to(user).filter(kind=Kind.SURVEY):
            pages.append(reverse("assessments:detail", args=[survey.pk]))
            if can_see_submissions(user):
                pages.append(reverse("collect:submissions", args=[survey.pk]))
    return pages


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_every_reachable_page_answers_without_error(loaded, role, language):
    user = User.objects.get(email=f"{role}@{DEMO_DOMAIN}") if role else None
    prefix = "" if language == "ar" else "/en"
    start = [f"{prefix}/"] + ([f"{prefix}/dashboard/"] if user else []) + demo_records(user, language)
    pages, problems = crawl(client_for(user), start)
    assert pages > (5 if user is None else 15), f"the crawl reached only {pages} pages"
    assert not problems, "\n".join(problems)
