"""The editorial workflow (issue 5): who writes, who sends to review, who publishes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.accounts.models import Role
from madani.news import services
from madani.news.models import NewsPost, Status
from madani.news.tests.conftest import make_post
from tests.factories import UserFactory


def test_a_draft_goes_to_review_and_a_branch_manager_publishes_it(me_officer_a, staff_a, branch_a):
    post = make_post(me_officer_a, title_ar="ورشة في الرقة", title_en="A workshop in Raqqa",
                     body_en="It happened.", branch=branch_a)
    assert post.status == Status.DRAFT and post.author == me_officer_a and post.slug is None
    services.newspost_submit(actor=me_officer_a, post=post)
    assert post.status == Status.REVIEW
    with pytest.raises(PermissionDenied):
        services.newspost_publish(actor=me_officer_a, post=post)
    services.newspost_publish(actor=staff_a, post=post)
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and post.published_at and post.slug == "a-workshop-in-raqqa"
    assert post.history.count() == 3


def test_unpublishing_keeps_the_address_and_the_date(published_a, staff_a):
    slug, date = published_a.slug, published_a.published_at
    services.newspost_unpublish(actor=staff_a, post=published_a)
    assert published_a.status == Status.DRAFT
    published_a.title_en = "A new title"
    published_a.save()
    services.newspost_publish(actor=staff_a, post=published_a)
    assert (published_a.slug, published_a.published_at) == (slug, date)


def test_two_posts_with_the_same_title_get_different_addresses(staff_a, branch_a):
    first = make_post(staff_a, publish=True, title_ar="خبر عاجل", branch=branch_a)
    second = make_post(staff_a, publish=True, title_ar="خبر عاجل", branch=branch_a)
    assert first.slug == "خبر-عاجل" and second.slug == "خبر-عاجل-2"


def test_publishing_needs_a_title_and_a_text_in_some_language(staff_a):
    post = make_post(staff_a, title_ar="", body_ar="نص بلا عنوان")
    with pytest.raises(ValidationError) as error:
        services.newspost_publish(actor=staff_a, post=post)
    assert gettext("Give the post a title in Arabic or English.") in error.value.messages
    post = make_post(staff_a, title_ar="عنوان", body_ar="نص", title_en="Title only")
    with pytest.raises(ValidationError) as error:
        services.newspost_submit(actor=staff_a, post=post)
    assert error.value.messages == [gettext("The English version has a title but no text.")]
    assert NewsPost.objects.filter(status=Status.DRAFT).count() == 2


def test_a_trainer_can_neither_write_nor_publish(trainer_a, draft_a):
    with pytest.raises(PermissionDenied):
        make_post(trainer_a)
    with pytest.raises(PermissionDenied):
        services.newspost_publish(actor=trainer_a, post=draft_a)
    client = client_for(trainer_a)
    for name in ("news:manage", "news:create"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("news:manage_detail", args=[draft_a.pk])).status_code == 403
    assert client.post(reverse("news:publish", args=[draft_a.pk])).status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.status == Status.DRAFT


def test_cso_members_get_403_everywhere_in_the_newsroom(cso_member, draft_a):
    client = client_for(cso_member)
    for url in [reverse("news:manage"), reverse("news:manage_export"), reverse("news:create"),
                reverse("news:manage_detail", args=[draft_a.pk]), reverse("news:edit", args=[draft_a.pk]),
                reverse("news:submit", args=[draft_a.pk]), reverse("news:publish", args=[draft_a.pk])]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title_ar": "x"}).status_code == 403, url


def test_an_m_and_e_officer_writes_and_submits_but_cannot_publish(me_officer_a, branch_a):
    client = client_for(me_officer_a)
    response = client.post(reverse("news:create"), {"title_ar": "تدريب جديد", "body_ar": "نص الخبر",
                                                    "branch": branch_a.pk})
    post = NewsPost.objects.get()
    assert response["Location"] == reverse("news:manage_detail", args=[post.pk])
    client.post(reverse("news:submit", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Status.REVIEW
    assert client.get(reverse("news:publish", args=[post.pk])).status_code == 403
    assert reverse("news:publish", args=[post.pk]) not in client.get(
        reverse("news:manage_detail", args=[post.pk])).content.decode()


def test_only_publishers_change_a_published_post(published_a, me_officer_a, staff_a):
    client = client_for(me_officer_a)
    assert client.get(reverse("news:edit", args=[published_a.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.newspost_update(actor=me_officer_a, post=published_a, data={"title_ar": "تغيير"})
    assert client_for(staff_a).get(reverse("news:edit", args=[published_a.pk])).status_code == 200


def test_a_published_post_cannot_be_emptied(published_a, staff_a):
    with pytest.raises(ValidationError):
        services.newspost_update(actor=staff_a, post=published_a, data={"body_ar": "", "body_en": ""})
    published_a.refresh_from_db()
    assert published_a.body_ar


def test_a_branch_manager_publishes_only_their_branches_posts(staff_b, draft_a, administrator):
    with pytest.raises(PermissionDenied):
        services.newspost_publish(actor=staff_b, post=draft_a)
    assert client_for(staff_b).get(reverse("news:manage_detail", args=[draft_a.pk])).status_code == 404
    services.newspost_publish(actor=administrator, post=draft_a)
    assert draft_a.status == Status.PUBLISHED


def test_a_network_editor_writes_center_wide_posts_that_an_administrator_publishes(network_editor, staff_a,
                                                                                   administrator):
    post = make_post(network_editor, title_ar="لقاء شبكة وصل")
    services.newspost_submit(actor=network_editor, post=post)
    assert list(NewsPost.objects.visible_to(network_editor)) == [post]
    assert not NewsPost.objects.visible_to(staff_a).exists()
    with pytest.raises(PermissionDenied):
        services.newspost_publish(actor=staff_a, post=post)
    with pytest.raises(PermissionDenied):
        services.newspost_publish(actor=network_editor, post=post)
    services.newspost_publish(actor=administrator, post=post)


def test_publishing_through_the_page_shows_the_errors(staff_a, client_a):
    post = make_post(staff_a, title_ar="", body_ar="")
    response = client_a.post(reverse("news:publish", args=[post.pk]), follow=True)
    assert gettext("Give the post a title in Arabic or English.") in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.DRAFT


def test_forum_moderators_are_not_writers(db):
    moderator = UserFactory(role=Role.FORUM_MODERATOR)
    assert client_for(moderator).get(reverse("news:manage")).status_code == 403
