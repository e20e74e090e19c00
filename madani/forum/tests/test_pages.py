"""The forum's pages: the thread page works without JavaScript and stays under 100 KB, search forgives the
Arabic variants, user text is escaped, and a user downloads everything they posted."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from madani.forum import services
from madani.forum.models import Post
from madani.forum.services import MAX_BODY_CHARS, MAX_POST_HTML_BYTES
from madani.forum.views import POSTS_PER_PAGE

from .conftest import client_of

PAGE_BUDGET = 100 * 1024


@pytest.fixture
def thread(forum_a, staff_a):
    return services.thread_start(actor=staff_a, forum=forum_a, category=forum_a.categories.first(),
                                 title="زيارة المكاتب القضائية", body="توصيات حول **حرية التعبير**")


def _longest_posts():
    """Texts as long as a post may be once formatted: Arabic (two bytes a letter) and link-heavy Markdown
    (which grows the most when formatted)."""
    arabic = ("توصيات الشبكة حول حرية التعبير والمشاركة السياسية للشباب في ريف حلب " * 200)
    links = "".join(f"<https://example.org/{n}> " for n in range(400))
    out = []
    for text in (arabic, links):
        while True:
            try:
                services._clean_body(text)
                out.append(text)
                break
            except Exception:
                text = text[: int(len(text) * 0.95)]
    return out


def test_a_full_page_of_the_longest_posts_stays_under_100_kb(thread, staff_a, moderator_a, anonymous):
    longest = _longest_posts()
    for n in range(POSTS_PER_PAGE * 2):
        services.post_reply(actor=staff_a, thread=thread, body=longest[n % 2])
    url = reverse("forum:thread", args=[thread.forum.slug, thread.pk])
    for client in (anonymous, client_of(staff_a), client_of(moderator_a)):  # moderators see the most links
        for page in (1, 2, 3):
            response = client.get(url, {"page": page})
            assert response.status_code == 200
            assert len(response.content) < PAGE_BUDGET, (page, len(response.content))
    assert len(str(services.render_markdown(longest[1])).encode()) <= MAX_POST_HTML_BYTES
    assert len(longest[0]) <= MAX_BODY_CHARS


def test_the_thread_page_works_without_javascript(thread, forum_a, cso_member, staff_a, anonymous):
    for n in range(POSTS_PER_PAGE + 2):
        services.post_reply(actor=staff_a, thread=thread, body=f"رد رقم {n}")
    url = reverse("forum:thread", args=[forum_a.slug, thread.pk])
    html = anonymous.get(url).content.decode()
    # Reading: every post is in the HTML the server sends; the next page is a plain link.
    assert "زيارة المكاتب القضائية" in html and "<strong>حرية التعبير</strong>" in html
    assert 'rel="next" href="?page=2"' in html
    assert "رد رقم 11" in anonymous.get(url, {"page": 2}).content.decode()
    # Replying: a plain HTML form that posts to the server, which redirects to the new post.
    page = client_of(cso_member).get(url).content.decode()
    reply_url = reverse("forum:reply", args=[forum_a.slug, thread.pk])
    form = re.search(rf'<form method="post" action="({reply_url})"[^>]*>(.*?)</form>', page, re.S)
    assert form and "hx-" not in form.group(0)
    token = re.search(r'name="token" value="([^"]+)"', form.group(2)).group(1)
    response = client_of(cso_member).post(form.group(1), {"body": "رد بلا جافاسكربت", "token": token})
    assert response.status_code == 302
    assert response["Location"].startswith(url + "?page=2#post-")
    assert Post.objects.filter(body="رد بلا جافاسكربت").exists()
    # The flag page is a page of its own too.
    flag = client_of(cso_member).get(reverse("forum:post_flag", args=[forum_a.slug, thread.posts.first().pk]))
    assert flag.status_code == 200 and 'type="radio"' in flag.content.decode()


XSS_TITLE = '<script>alert(1)</script>\u202eevil<img src=x onerror=alert(2)>'
XSS_BODY = ('<script>alert(3)</script> <img src=x onerror=alert(4)> [click](javascript:alert(5)) '
            '<div hx-get="/admin/" hx-trigger="load">x</div> <a href="#" hx-post="/x">y</a> \u202etxt.exe')


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self, html):
        super().__init__()
        self.attributes, self.scripts, self._in_script = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_xss_payloads_in_titles_and_bodies_are_escaped(forum_a, staff_a, anonymous, moderator_a):
    thread = services.thread_start(actor=staff_a, forum=forum_a, category=forum_a.categories.first(),
                                   title=XSS_TITLE, body=XSS_BODY)
    services.post_reply(actor=staff_a, thread=thread, body="[link](javascript:alert(6)) <svg onload=alert(7)>")
    pages = [reverse("forum:thread", args=[forum_a.slug, thread.pk]), reverse("forum:index", args=[forum_a.slug]),
             reverse("forum:category", args=[forum_a.slug, thread.category_id]),
             reverse("forum:search", args=[forum_a.slug]) + "?q=alert"]
    for client in (anonymous, client_of(moderator_a)):
        for url in pages:
            html = client.get(url).content.decode()
            elements = _Elements(html)
            assert not any("alert" in script for script in elements.scripts), url
            assert not [a for a in elements.attributes if a[1].startswith("on")], url
            assert not [a for a in elements.attributes if a[2].strip().lower().startswith("javascript:")], url
            assert not [a for a in elements.attributes if a[1] in ("hx-get", "hx-post", "hx-trigger")], url
            assert not [a for a in elements.attributes if a[0] in ("img", "svg")], url
            assert "\u202e" not in html, url  # no right-to-left override from user text
            assert "&lt;script&gt;" in html or url.endswith("alert")  # shown as text


def test_search_forgives_the_arabic_variants(forum_a, staff_a, cso_member, anonymous):
    thread = services.thread_start(actor=staff_a, forum=forum_a, category=forum_a.categories.first(),
                                   title="إجتماع الهيئة العامة", body="ناقش الأعضاء المَدْرَسَة الجديدة في ٢٠٢٤")
    held = services.thread_start(actor=cso_member, forum=forum_a, category=forum_a.categories.first(),
                                 title="مدرسة أخرى", body="لم يُنشر بعد")
    url = reverse("forum:search", args=[forum_a.slug])
    for query in ["اجتماع", "أجتماع", "مدرسه", "المدرسة", "2024", "الـمـدرسـة ٢٠٢٤"]:
        html = anonymous.get(url, {"q": query}).content.decode()
        assert f"#post-{thread.posts.get().pk}" in html, query
    html = anonymous.get(url, {"q": "مدرسة"}).content.decode()
    assert f"#post-{held.posts.get().pk}" not in html  # held: not searchable by others
    assert f"#post-{held.posts.get().pk}" in client_of(cso_member).get(url, {"q": "مدرسة"}).content.decode()


def test_another_forums_posts_are_not_found(forum_a, forum_b, staff_b, anonymous):
    services.thread_start(actor=staff_b, forum=forum_b, category=forum_b.categories.first(), title="سر",
                          body="منشور في شبكة ب")
    html = anonymous.get(reverse("forum:search", args=[forum_a.slug]), {"q": "منشور"}).content.decode()
    assert "منشور في شبكة ب" not in html


def test_a_user_downloads_everything_they_posted(forum_a, forum_b, cso_member, staff_a, staff_b):
    services.thread_start(actor=cso_member, forum=forum_a, category=forum_a.categories.first(),
                          title="=HYPERLINK(\"http://x\")", body="@SUM(1+1) نص محتجز")
    services.thread_start(actor=staff_a, forum=forum_a, category=forum_a.categories.first(), title="غيري", body="لغيري")
    client = client_of(cso_member)
    data = json.loads(client.get(reverse("forum:my_posts")).content)
    assert [p["text"] for p in data["posts"]] == ["@SUM(1+1) نص محتجز"]
    assert data["posts"][0]["status"] == "held"
    response = client.get(reverse("forum:my_posts"), {"format": "csv"})
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "network" and len(rows) == 2
    assert "'=HYPERLINK(\"http://x\")" in rows[1] and "'@SUM(1+1) نص محتجز" in rows[1]  # formulas neutralized
    assert client_of(staff_b).get(reverse("forum:my_posts")).json()["posts"] == []
