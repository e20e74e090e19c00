"""The public news pages, covers and Atom feeds (issue 5): published posts only, each in its languages."""

import datetime
import xml.etree.ElementTree as ET

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from madani.news import services
from madani.news.models import NewsPost
from madani.news.selectors import latest_posts
from madani.news.sitemaps import NewsPostSitemap
from madani.news.tests.conftest import jpeg, make_post

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed_titles(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def _languages(staff_a, branch_a):
    return {
        "ar": make_post(staff_a, publish=True, title_ar="خبر بالعربية فقط", body_ar="نص"),
        "en": make_post(staff_a, publish=True, title_ar="", body_ar="", title_en="English only", body_en="Text"),
        "both": make_post(staff_a, publish=True, title_ar="خبر باللغتين", body_ar="نص", title_en="In both languages",
                          body_en="Text"),
        "draft": make_post(staff_a, title_ar="مسودة سرية", title_en="Secret draft", body_en="Text"),
    }


def test_the_list_shows_published_posts_in_the_page_s_language_only(anonymous, staff_a, branch_a):
    _languages(staff_a, branch_a)
    arabic = anonymous.get(reverse("news:list")).content.decode()
    assert "خبر بالعربية فقط" in arabic and "خبر باللغتين" in arabic
    assert "English only" not in arabic and "مسودة سرية" not in arabic
    with translation.override("en"):
        url = reverse("news:list")
    assert url == "/en/news/"
    english = anonymous.get(url).content.decode()
    assert "English only" in english and "In both languages" in english
    assert "خبر بالعربية فقط" not in english and "Secret draft" not in english


def test_a_post_opens_only_in_its_languages_and_once_published(anonymous, staff_a, branch_a):
    posts = _languages(staff_a, branch_a)
    assert anonymous.get(posts["ar"].get_absolute_url()).status_code == 200
    with translation.override("en"):
        assert anonymous.get(reverse("news:detail", args=[posts["ar"].slug])).status_code == 404
        assert anonymous.get(reverse("news:detail", args=[posts["en"].slug])).status_code == 200
    services.newspost_unpublish(actor=staff_a, post=posts["both"])
    assert anonymous.get(reverse("news:detail", args=[posts["both"].slug])).status_code == 404


def test_the_public_never_sees_drafts_or_their_covers(anonymous, client_a, draft_a, published_a, staff_a):
    assert anonymous.get(reverse("news:cover", args=[draft_a.pk])).status_code == 404
    assert anonymous.get(reverse("news:cover_thumbnail", args=[draft_a.pk])).status_code == 404
    preview = client_a.get(reverse("news:cover", args=[draft_a.pk]))  # the newsroom sees it, never cached
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    public = anonymous.get(reverse("news:cover", args=[published_a.pk]))
    assert public.status_code == 200 and public["Content-Type"] == "image/jpeg"
    assert "public" in public["Cache-Control"] and "max-age=3600" in public["Cache-Control"]
    services.newspost_unpublish(actor=staff_a, post=published_a)
    assert anonymous.get(reverse("news:cover", args=[published_a.pk])).status_code == 404
    assert "مسودة خبر الرقة" not in anonymous.get(reverse("news:list")).content.decode()


def test_a_missing_cover_file_is_a_404(anonymous, published_a):
    published_a.cover.storage.delete(published_a.cover.name)
    assert anonymous.get(reverse("news:cover", args=[published_a.pk])).status_code == 404


def test_each_language_has_its_own_atom_feed(anonymous, staff_a, branch_a):
    _languages(staff_a, branch_a)
    root, titles = _feed_titles(anonymous, "/news/feed/")
    assert sorted(titles) == sorted(["خبر بالعربية فقط", "خبر باللغتين"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    root, titles = _feed_titles(anonymous, "/en/news/feed/")
    assert sorted(titles) == ["English only", "In both languages"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_the_news_pages_announce_their_feed(anonymous, published_a):
    for url in (reverse("news:list"), published_a.get_absolute_url()):
        html = anonymous.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" title="' in html
        assert 'href="/news/feed/"' in html.split("</head>")[0]


def test_related_posts_share_the_most_tags_then_are_the_newest(anonymous, staff_a, tags):
    advocacy, networking, elections = tags["advocacy"], tags["networking"], tags["elections"]
    post = make_post(staff_a, publish=True, title_ar="الخبر", tags=[advocacy, networking])
    one_tag_old = make_post(staff_a, publish=True, title_ar="وسم واحد قديم", tags=[advocacy])
    both_tags = make_post(staff_a, publish=True, title_ar="الوسمان", tags=[advocacy, networking])
    one_tag_new = make_post(staff_a, publish=True, title_ar="وسم واحد جديد", tags=[networking])
    make_post(staff_a, publish=True, title_ar="بلا وسم مشترك", tags=[elections])
    NewsPost.objects.filter(pk=one_tag_old.pk).update(published_at=timezone.now() - datetime.timedelta(days=30))
    make_post(staff_a, title_ar="مسودة بالوسمين", tags=[advocacy, networking])  # never related: a draft
    assert list(post.related("ar")) == [both_tags, one_tag_new, one_tag_old]
    page = anonymous.get(post.get_absolute_url())
    assert list(page.context["related"]) == [both_tags, one_tag_new, one_tag_old]


def test_the_list_filters_by_tag(anonymous, staff_a, tags):
    tagged = make_post(staff_a, publish=True, title_ar="عن المناصرة", tags=[tags["advocacy"]])
    make_post(staff_a, publish=True, title_ar="عن الانتخابات", tags=[tags["elections"]])
    page = anonymous.get(reverse("news:list"), {"tag": "advocacy"})
    assert list(page.context["page"]) == [tagged]
    assert anonymous.get(reverse("news:list"), {"tag": "no-such-tag"}).status_code == 404


def test_markdown_is_rendered_and_sanitized(anonymous, staff_a):
    body = ("**Bold** and a [link](https://example.org).\n\n<script>alert(1)</script>\n\n"
            "[bad](javascript:alert(2)) <img src=x onerror=alert(3)>")
    post = make_post(staff_a, publish=True, title_ar="نص منسق", body_ar=body)
    html = anonymous.get(post.get_absolute_url()).content.decode()
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">link</a>' in html
    assert "<script>alert" not in html and 'href="javascript' not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, harmless


def test_latest_posts_and_their_partial_for_the_home_page(staff_a):
    older = make_post(staff_a, publish=True, title_ar="أقدم", cover=jpeg())
    newer = make_post(staff_a, publish=True, title_ar="أحدث", title_en="Newer", body_en="Text")
    make_post(staff_a, title_ar="مسودة")
    NewsPost.objects.filter(pk=older.pk).update(published_at=timezone.now() - datetime.timedelta(days=1))
    assert latest_posts("ar") == [newer, older]
    assert latest_posts("en") == [newer] and latest_posts("ar", limit=1) == [newer]
    html = render_to_string("news/partials/latest.html", {"posts": latest_posts("ar")})
    # Without covers: the home page stays light on a slow connection.
    assert "أحدث" in html and older.get_absolute_url() in html
    assert reverse("news:cover_thumbnail", args=[older.pk]) not in html


def test_the_sitemap_lists_each_published_post_in_each_of_its_languages(staff_a):
    post = make_post(staff_a, publish=True, title_ar="خبر", title_en="News", body_en="Text")
    make_post(staff_a, title_ar="مسودة")
    sitemap = NewsPostSitemap()
    assert sorted(sitemap.location(item) for item in sitemap.items()) == sorted(
        [f"/news/{post.slug}/", f"/en/news/{post.slug}/"])
