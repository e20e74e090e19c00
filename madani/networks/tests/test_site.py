"""The network's public website: what a visitor reads there, and who runs it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from madani.networks import services
from madani.networks.models import ArticleStatus, OpinionArticle
from madani.news import services as news
from tests.factories import OrganizationFactory, ServiceListingFactory, UserFactory

from .conftest import representative

pytestmark = pytest.mark.django_db

REAL_NAME = ("Samer", "Realname")
XSS = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def in_arabic(in_english):
    """The site is read in Arabic first (its English pages are asked for under /en/)."""
    with translation.override("ar"):
        yield


@pytest.fixture
def site_a(staff_a, network_a, members_a):
    return services.site_save(actor=staff_a, network=network_a, data={
        "slug": "wasl", "name_ar": "شبكة وصل", "name_en": "Wasl Network", "about_ar": "شبكة **منظمات** الريف",
        "about_en": "A network of **CSOs**", "published": True, "primary_colour": "#224466"})


@pytest.fixture
def writer_a(members_a):
    """A staff member of the first member organization, who writes for the site."""
    return UserFactory(email="samer@member.example.org", role="cso_member", organization=members_a[0].organization,
                       first_name=REAL_NAME[0], last_name=REAL_NAME[1])


def _publish(article, writer, editor):
    services.article_move(actor=writer, article=article, status=ArticleStatus.SUBMITTED)
    services.article_move(actor=editor, article=article, status=ArticleStatus.IN_REVIEW)
    return services.article_move(actor=editor, article=article, status=ArticleStatus.PUBLISHED)


def _article(writer, network, **data):
    return services.article_create(actor=writer, network=network, data={
        "title": "رأي في حرية التعبير", "body": "نص المقال", "language": "ar", **data})


def test_the_site_in_arabic_and_english_lists_public_members_only(site_a, members_a, anonymous):
    hidden = members_a[2].organization.name
    for url in [reverse("network_site:home", args=["wasl"]), reverse("network_site:members", args=["wasl"]),
                "/en/networks/wasl/", "/en/networks/wasl/members/"]:
        page = anonymous.get(url).content.decode()
        assert members_a[0].organization.name in page and members_a[1].organization.name in page, url
        assert hidden not in page, url
    assert '<html lang="ar" dir="rtl">' in anonymous.get("/networks/wasl/").content.decode()
    english = anonymous.get("/en/networks/wasl/").content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Wasl Network" in english and "<strong>CSOs</strong>" in english


def test_a_hidden_member_is_absent_from_the_site_but_counted_in_quorum(site_a, members_a, staff_a, network_a,
                                                                        anonymous):
    from tests.factories import ProgramFactory

    meeting = services.meeting_schedule(actor=staff_a, network=network_a, program=ProgramFactory(), data={
        "kind": "general_assembly", "title": "اجتماع", "date": datetime.date(2024, 3, 1), "quorum_percent": 51})
    present = [(representative(m), m) for m in members_a[:1]]
    meeting = services.meeting_record_attendance(actor=staff_a, meeting=meeting, present=present)
    assert meeting.voting_members == 3  # the hidden member counts
    assert not meeting.has_quorum  # 1 of 3 present: the hidden one makes the difference (1 of 2 would be 50%)
    for name in ["members", "home", "services"]:
        assert members_a[2].organization.name not in anonymous.get(
            reverse(f"network_site:{name}", args=["wasl"])).content.decode()


def test_the_site_lists_only_its_members_services(site_a, members_a, branch_a, anonymous):
    ServiceListingFactory(organization=members_a[0].organization, title_ar="خدمة العضو", status="published")
    ServiceListingFactory(organization=members_a[1].organization, title_ar="خدمة قيد المراجعة", status="pending")
    ServiceListingFactory(organization=members_a[2].organization, title_ar="خدمة العضو المخفي", status="published")
    ServiceListingFactory(organization=OrganizationFactory(branch=branch_a), title_ar="خدمة غريبة",
                          status="published")
    page = anonymous.get(reverse("network_site:services", args=["wasl"])).content.decode()
    assert "خدمة العضو" in page
    assert "خدمة قيد المراجعة" not in page and "خدمة العضو المخفي" not in page and "خدمة غريبة" not in page


def test_news_and_resources_of_the_network_only(site_a, network_a, staff_a, anonymous):
    from madani.library.models import Resource

    mine = news.newspost_create(actor=staff_a, data={"title_ar": "خبر الشبكة", "body_ar": "نص", "network": network_a,
                                                   "branch": network_a.branch})
    news.newspost_publish(actor=staff_a, post=mine)
    other = news.newspost_create(actor=staff_a, data={"title_ar": "خبر المركز", "body_ar": "نص",
                                                    "branch": network_a.branch})
    news.newspost_publish(actor=staff_a, post=other)
    Resource.objects.create(title="دليل الشبكة", title_ar="دليل الشبكة", network=network_a)
    Resource.objects.create(title="دليل داخلي", title_ar="دليل داخلي", network=network_a, access="staff")
    Resource.objects.create(title="دليل آخر", title_ar="دليل آخر")
    page = anonymous.get("/networks/wasl/news/").content.decode()
    assert "خبر الشبكة" in page and "خبر المركز" not in page
    page = anonymous.get("/networks/wasl/resources/").content.decode()
    assert "دليل الشبكة" in page and "دليل داخلي" not in page and "دليل آخر" not in page


def test_the_article_workflow_through_the_pages(site_a, network_a, writer_a, editor_of_network_a, anonymous):
    writer, editor = client_for(writer_a), client_for(editor_of_network_a)
    response = writer.post(reverse("networks:article_add", args=[network_a.pk]), {
        "language": "ar", "title": "المجالس المحلية والشباب", "body": "نص **المقال**", "alias": ""})
    article = OpinionArticle.objects.get()
    assert response.status_code == 302 and article.status == ArticleStatus.DRAFT
    public = reverse("network_site:article", args=["wasl", article.pk])
    assert anonymous.get(public).status_code == 404
    assert writer.post(reverse("networks:article_submit", args=[article.pk]), {}).status_code == 302
    # the writer cannot review their own article; the editor can
    writer.post(reverse("networks:article_review", args=[article.pk]), {})
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED
    editor.post(reverse("networks:article_review", args=[article.pk]), {})
    assert editor.post(reverse("networks:article_changes", args=[article.pk]), {"note": ""}).status_code == 200
    editor.post(reverse("networks:article_changes", args=[article.pk]), {"note": "أضف مصادر"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.CHANGES_REQUESTED and article.editor_note == "أضف مصادر"
    writer.post(reverse("networks:article_edit", args=[article.pk]), {
        "language": "ar", "title": "المجالس المحلية والشباب", "body": "نص مع مصادر", "alias": ""})
    writer.post(reverse("networks:article_submit", args=[article.pk]), {})
    editor.post(reverse("networks:article_review", args=[article.pk]), {})
    editor.post(reverse("networks:article_publish", args=[article.pk]), {})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.published_at
    page = anonymous.get(public).content.decode()
    assert "نص مع مصادر" in page and site_a.disclaimer_ar in page and "Samer Realname" in page
    # a published article no longer changes; it can be withdrawn, and then it leaves the site
    assert writer.post(reverse("networks:article_edit", args=[article.pk]), {
        "language": "ar", "title": "x", "body": "y"}).status_code == 200
    editor.post(reverse("networks:article_withdraw", args=[article.pk]), {"note": "طلب الكاتب"})
    assert anonymous.get(public).status_code == 404


def test_an_alias_hides_the_real_author_everywhere_public(site_a, network_a, writer_a, editor_of_network_a,
                                                          members_a, anonymous):
    article = _publish(_article(writer_a, network_a, alias="قلم حر", summary="ملخص"), writer_a, editor_of_network_a)
    reply = _publish(_article(editor_of_network_a, network_a, title="رد على المقال", reply_to=article),
                     editor_of_network_a, editor_of_network_a)
    urls = [reverse("network_site:home", args=["wasl"]), reverse("network_site:articles", args=["wasl"]),
            reverse("network_site:article", args=["wasl", article.pk]),
            reverse("network_site:article_feed", args=["wasl"]),
            "/en/networks/wasl/opinion/feed/", "/sitemap.xml"]
    for url in urls:
        page = anonymous.get(url).content.decode()
        for secret in ["Samer", "Realname", "samer@member"]:
            assert secret not in page, (url, secret)
    assert "قلم حر" in anonymous.get(reverse("network_site:article_feed", args=["wasl"])).content.decode()
    detail = anonymous.get(reverse("network_site:article", args=["wasl", article.pk])).content.decode()
    assert "رد على المقال" in detail  # the right of reply, linked to the article
    reply_page = anonymous.get(reverse("network_site:article", args=["wasl", reply.pk])).content.decode()
    assert reverse("network_site:article", args=["wasl", article.pk]) in reply_page
    # the network's editors know who wrote it; another member's staff do not even open it
    staff_page = client_for(editor_of_network_a).get(reverse("networks:article_detail", args=[article.pk]))
    assert "Samer Realname" in staff_page.content.decode()
    other_member = UserFactory(role="cso_member", organization=members_a[1].organization)
    assert client_for(other_member).get(reverse("networks:article_detail", args=[article.pk])).status_code == 404


def test_article_fields_are_escaped(site_a, network_a, writer_a, editor_of_network_a, anonymous):
    article = _publish(_article(writer_a, network_a, title=XSS, summary=XSS, alias=XSS,
                                body=f"{XSS}\n\n[x](javascript:alert(1))"), writer_a, editor_of_network_a)
    for url in [reverse("network_site:home", args=["wasl"]), reverse("network_site:articles", args=["wasl"]),
                reverse("network_site:article", args=["wasl", article.pk]),
                reverse("network_site:article_feed", args=["wasl"]),
                reverse("networks:article_detail", args=[article.pk])]:
        client = client_for(editor_of_network_a) if "articles/" in url else anonymous
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and 'href="javascript:' not in page, url


def test_an_editor_of_network_a_cannot_touch_network_b(site_a, network_a, editor_of_network_a, branch_a, staff_a):
    network_b = OrganizationFactory(branch=branch_a, kind="network", name="شبكة أخرى")
    services.site_save(actor=staff_a, network=network_b, data={"slug": "other", "name_ar": "أخرى", "published": True})
    staff_writer = staff_a  # the center's staff may write for any network of their branch
    article_b = _article(staff_writer, network_b)
    editor = client_for(editor_of_network_a)
    for url in [reverse("networks:site_edit", args=[network_b.pk]),
                reverse("networks:article_add", args=[network_b.pk]),
                reverse("networks:article_detail", args=[article_b.pk]),
                reverse("networks:article_edit", args=[article_b.pk]),
                reverse("networks:article_publish", args=[article_b.pk])]:
        assert editor.get(url).status_code == 404, url
        assert editor.post(url, {"title": "x", "slug": "x", "name_ar": "x"}).status_code == 404, url
    assert editor.get(reverse("networks:site_edit", args=[network_a.pk])).status_code == 200


def test_every_new_staff_url_asks_for_a_sign_in_and_is_closed_to_another_branch(
        site_a, network_a, writer_a, editor_of_network_a, client_b, anonymous):
    article = _article(writer_a, network_a)
    urls = [reverse("networks:site_edit", args=[network_a.pk]), reverse("networks:article_add", args=[network_a.pk])]
    urls += [reverse(f"networks:article_{name}", args=[article.pk])
             for name in ("detail", "edit", "submit", "review", "changes", "publish", "withdraw")]
    for url in urls + [reverse("networks:article_list")]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for url in urls:
        assert client_b.get(url).status_code == 404, url
    trainer = client_for(UserFactory(role="trainer", branches=[network_a.branch]))
    assert trainer.get(reverse("networks:article_list")).status_code == 403


def test_the_editor_sets_name_logo_and_colours_through_a_stylesheet(site_a, network_a, editor_of_network_a,
                                                                   anonymous):
    from madani.news.tests.conftest import jpeg

    editor = client_for(editor_of_network_a)
    response = editor.post(reverse("networks:site_edit", args=[network_a.pk]), {
        "slug": "wasl", "name_ar": "وصل", "name_en": "Wasl", "primary_colour": "#aa3300", "accent_colour": "#003366",
        "published": "on", "logo_upload": jpeg(1200, 600)})
    assert response.status_code == 302
    css = anonymous.get(reverse("network_site:theme_css", args=["wasl"])).content.decode()
    assert "--net-primary:#aa3300" in css and "--net-accent:#003366" in css
    page = anonymous.get(reverse("network_site:home", args=["wasl"])).content.decode()
    assert "style=" not in page  # the CSP forbids inline styles
    assert anonymous.get(reverse("network_site:logo", args=["wasl"]))["Content-Type"] == "image/jpeg"
    bad = editor.post(reverse("networks:site_edit", args=[network_a.pk]), {
        "slug": "articles", "name_ar": "x", "primary_colour": "red;}body{x", "accent_colour": "#003366"})
    assert bad.status_code == 200 and {"slug", "primary_colour"} <= set(bad.context["form"].errors)


def test_an_offline_site_is_a_404_for_visitors_and_a_preview_for_its_editors(site_a, staff_a, network_a,
                                                                             editor_of_network_a, anonymous):
    services.site_save(actor=staff_a, network=network_a, data={"published": False})
    assert anonymous.get("/networks/wasl/").status_code == 404
    assert anonymous.get("/networks/wasl/opinion/feed/").status_code == 404
    assert client_for(editor_of_network_a).get("/networks/wasl/").status_code == 200
    assert anonymous.get("/networks/nowhere/").status_code == 404


def test_the_first_visit_stays_under_200_kb(site_a, network_a, writer_a, editor_of_network_a, anonymous):
    """What a first visit downloads: the page, its two stylesheets and the logo (no script, no font, no
    framework), uncompressed — over the network it is smaller still."""
    import re

    from django.contrib.staticfiles import finders

    for n in range(10):
        _publish(_article(writer_a, network_a, title=f"مقال {n}", summary="ملخص " * 40), writer_a, editor_of_network_a)
    total = 0
    for url in ["/networks/wasl/", "/en/networks/wasl/"]:
        page = anonymous.get(url).content
        sizes = len(page)
        for href in re.findall(rb'<link rel="stylesheet" href="([^"]+)"', page):
            href = href.decode()
            if href.startswith("/static/"):
                sizes += len(open(finders.find(href.removeprefix("/static/")), "rb").read())
            else:
                sizes += len(anonymous.get(href).content)
        assert not re.search(rb"<script", page)
        assert sizes <= 200 * 1024, (url, sizes)
        total = max(total, sizes)
    assert total < 60 * 1024  # far under the budget today: keep it so
