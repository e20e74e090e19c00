"""The staff side of the news (issue 5): list with filters, export, editor, preview with history."""

import io

from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from conftest import client_for
from madani.news import services
from madani.news.models import NewsPost, Status
from madani.news.tests.conftest import jpeg, make_post


def _posts(staff_a, tags):
    return {
        "draft": make_post(staff_a, title_ar="مسودة عربية", tags=[tags["advocacy"]]),
        "review": services.newspost_submit(actor=staff_a, post=make_post(
            staff_a, title_ar="", body_ar="", title_en="English in review", body_en="Text")),
        "published": make_post(staff_a, publish=True, title_ar="منشور باللغتين", title_en="Published in both",
                               body_en="Text", tags=[tags["networking"]]),
    }


def test_the_list_filters_by_status_tag_and_language(client_a, staff_a, tags):
    posts = _posts(staff_a, tags)
    url = reverse("news:manage")
    assert set(client_a.get(url).context["page"]) == set(posts.values())
    assert list(client_a.get(url, {"status": "review"}).context["page"]) == [posts["review"]]
    assert list(client_a.get(url, {"tag": tags["advocacy"].pk}).context["page"]) == [posts["draft"]]
    assert set(client_a.get(url, {"language": "en"}).context["page"]) == {posts["review"], posts["published"]}
    assert set(client_a.get(url, {"language": "ar"}).context["page"]) == {posts["draft"], posts["published"]}
    assert list(client_a.get(url, {"q": "english in"}).context["page"]) == [posts["review"]]


def test_the_list_shows_only_the_branch_s_posts(client_b, staff_a, tags):
    _posts(staff_a, tags)
    assert list(client_b.get(reverse("news:manage")).context["page"]) == []


def test_the_export_follows_the_filters_in_csv_and_excel(client_a, staff_a, tags):
    posts = _posts(staff_a, tags)
    csv = b"".join(client_a.get(reverse("news:manage_export"), {"status": "published"}).streaming_content)
    text = csv.decode("utf-8-sig")
    assert "منشور باللغتين" in text and "Published in both" in text and "مسودة عربية" not in text
    assert posts["published"].get_absolute_url().split("/")[-2] in text
    response = client_a.get(reverse("news:manage_export"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert len(rows) == 4 and rows[0][0] == gettext("ID")


def test_staff_write_a_bilingual_post_with_a_cover_and_tags(client_a, branch_a, tags):
    response = client_a.post(reverse("news:create"), {
        "title_ar": "  افتتاح   مساحة العمل ", "summary_ar": "ملخص", "body_ar": "نص **عريض**",
        "title_en": "The co-working space opens", "body_en": "Text", "branch": branch_a.pk,
        "tags": [tags["networking"].pk], "cover_upload": jpeg()})
    post = NewsPost.objects.get()
    assert response["Location"] == reverse("news:manage_detail", args=[post.pk])
    assert post.title_ar == "افتتاح مساحة العمل" and post.languages == ["ar", "en"]
    assert list(post.tags.all()) == [tags["networking"]] and post.cover and post.cover_thumbnail
    page = client_a.get(response["Location"]).content.decode()
    assert "<strong>عريض</strong>" in page and reverse("news:cover_thumbnail", args=[post.pk]) in page
    assert gettext("Change history") in page


def test_the_editor_keeps_the_cover_unless_asked_to_remove_it(client_a, draft_a, branch_a):
    url = reverse("news:edit", args=[draft_a.pk])
    assert gettext("Remove the cover image") in client_a.get(url).content.decode()
    data = {"title_ar": "عنوان جديد", "body_ar": "نص", "branch": branch_a.pk}
    client_a.post(url, data)
    draft_a.refresh_from_db()
    assert draft_a.title_ar == "عنوان جديد" and draft_a.cover
    client_a.post(url, {**data, "remove_cover": "on"})
    draft_a.refresh_from_db()
    assert not draft_a.cover


def test_the_newsroom_pages_carry_no_inline_scripts_or_styles(client_a, draft_a, activity_a):
    for url in [reverse("news:manage"), reverse("news:create"), reverse("news:edit", args=[draft_a.pk]),
                reverse("news:manage_detail", args=[draft_a.pk]), reverse("news:publish", args=[draft_a.pk]),
                reverse("news:draft_from_activity", args=[activity_a.pk]), reverse("news:list")]:
        html = client_a.get(url).content.decode()
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url


def test_writers_find_the_newsroom_in_the_navigation(client_a, trainer_a, network_editor):
    link = f'href="{reverse("news:manage")}"'
    assert link in client_a.get(reverse("dashboard:index")).content.decode()
    assert link in client_for(network_editor).get(reverse("news:manage")).content.decode()
    assert link not in client_for(trainer_a).get(reverse("dashboard:index")).content.decode()


def test_a_post_in_review_is_listed_for_the_publisher(client_a, me_officer_a, branch_a):
    post = make_post(me_officer_a, title_ar="للمراجعة", branch=branch_a)
    services.newspost_submit(actor=me_officer_a, post=post)
    page = client_a.get(reverse("news:manage"), {"status": Status.REVIEW})
    assert list(page.context["page"]) == [post]
    detail = client_a.get(reverse("news:manage_detail", args=[post.pk])).content.decode()
    assert reverse("news:publish", args=[post.pk]) in detail
