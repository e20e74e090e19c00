"""Flags (one per user per post; doxxing hides at once; N distinct flags hide pending review), the moderation
queue and its actions in the history, appeals, and moderators kept to their own network."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from madani.forum import services
from madani.forum.models import Flag, FlagReason, HiddenBecause, ModerationAction, PostStatus

from .conftest import client_of, flaggers


@pytest.fixture
def published(forum_a, staff_a):
    """A published thread of network A's forum (written by center staff: published at once)."""
    return services.thread_start(actor=staff_a, forum=forum_a, category=forum_a.categories.first(),
                                 title="اجتماع المجلس المحلي", body="تفاصيل الاجتماع")


def test_one_flag_per_user_per_post(published, cso_member):
    post = published.posts.get()
    services.flag_post(actor=cso_member, post=post, reason=FlagReason.SPAM)
    with pytest.raises(ValidationError, match="already flagged"):
        services.flag_post(actor=cso_member, post=post, reason=FlagReason.OFFENSIVE)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds it too
        Flag.objects.create(post=post, user=cso_member, reason=FlagReason.OFF_TOPIC)
    assert post.flags.count() == 1
    response = client_of(cso_member).post(reverse("forum:post_flag", args=[post.thread.forum.slug, post.pk]),
                                          {"reason": "spam"})
    assert response.status_code == 302 and post.flags.count() == 1


def test_the_doxxing_flag_hides_the_post_at_once(published, cso_member, anonymous):
    post = published.posts.get()
    services.flag_post(actor=cso_member, post=post, reason=FlagReason.DOXXING, note="يذكر عنوان بيت ناشطة")
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.hidden_because == HiddenBecause.DOXXING
    url = reverse("forum:thread", args=[post.thread.forum.slug, post.thread_id])
    assert anonymous.get(url).status_code == 404  # the opening post: the whole thread
    assert ModerationAction.objects.filter(kind="auto_hide_doxxing", post=post, actor=None).exists()


def test_n_distinct_flags_hide_the_post_pending_review(published, forum_a, staff_a, moderator_a, settings, anonymous):
    settings.MADANI_FORUM_FLAGS_TO_HIDE = 3
    reply = services.post_reply(actor=staff_a, thread=published, body="رد فيه معلومات مضللة")
    users = flaggers(forum_a, 3)
    url = reverse("forum:thread", args=[forum_a.slug, published.pk])
    for n, user in enumerate(users, start=1):
        services.flag_post(actor=user, post=reply, reason=FlagReason.MISINFORMATION)
        reply.refresh_from_db()
        assert reply.status == (PostStatus.HIDDEN if n == 3 else PostStatus.VISIBLE)
    assert reply.hidden_because == HiddenBecause.FLAGS
    assert "رد فيه معلومات مضللة" not in anonymous.get(url).content.decode()
    queue = client_of(moderator_a).get(reverse("forum:queue", args=[forum_a.slug])).content.decode()
    assert "رد فيه معلومات مضللة" in queue
    services.post_approve(actor=moderator_a, post=reply, reason="المعلومة صحيحة")  # the review: put back
    assert "رد فيه معلومات مضللة" in anonymous.get(url).content.decode()
    assert set(reply.flags.values_list("status", flat=True)) == {"dismissed"}


def test_nobody_flags_their_own_post_and_visitors_cannot_flag(published, staff_a, anonymous):
    post = published.posts.get()
    with pytest.raises(ValidationError):
        services.flag_post(actor=staff_a, post=post, reason=FlagReason.SPAM)
    response = anonymous.post(reverse("forum:post_flag", args=[post.thread.forum.slug, post.pk]), {"reason": "spam"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_every_moderation_action_is_in_the_history(published, forum_a, cso_member, moderator_a):
    post = published.posts.get()
    client = client_of(moderator_a)
    slug = forum_a.slug
    other = forum_a.categories.last()
    assert client.post(reverse("forum:post_edit", args=[slug, post.pk]),
                       {"body": "تفاصيل الاجتماع (بعد حذف رقم هاتف)", "reason": "رقم هاتف شخصي"}).status_code == 302
    assert client.post(reverse("forum:thread_lock", args=[slug, published.pk]), {"reason": "اكتمل"}).status_code == 302
    moved = client.post(reverse("forum:thread_move", args=[slug, published.pk]), {"category": other.pk})
    assert moved.status_code == 302
    assert client.post(reverse("forum:post_hide", args=[slug, post.pk]), {"reason": "مكرر"}).status_code == 302
    reply = services.post_reply(actor=moderator_a, thread=published, body="رد")
    services.post_hide(actor=moderator_a, post=reply, reason="خطأ")
    services.thread_lock(actor=moderator_a, thread=published, locked=False)
    member_thread = services.thread_start(actor=cso_member, forum=forum_a, category=other, title="سؤال", body="نص")
    assert client.post(reverse("forum:sanction_impose", args=[slug, member_thread.posts.get().pk]),
                       {"kind": "ban", "days": 7, "reason": "تكرار الإساءة"}).status_code == 302
    kinds = list(ModerationAction.objects.filter(forum=forum_a).values_list("kind", flat=True))
    assert {"edit", "lock", "move", "hide", "unlock", "ban"} <= set(kinds)
    post.refresh_from_db()
    assert post.edit_reason == "رقم هاتف شخصي"
    edit = ModerationAction.objects.get(kind="edit")
    assert edit.details["before"] == "تفاصيل الاجتماع" and edit.actor == moderator_a
    history = client.get(reverse("forum:history", args=[slug])).content.decode()
    assert "Edited a post" in history and "رقم هاتف شخصي" in history and "Banned a user" in history


def test_the_author_appeals_a_hidden_post(published, forum_a, cso_member, staff_a, moderator_a):
    services.post_approve(actor=moderator_a, post=services.thread_start(
        actor=cso_member, forum=forum_a, category=forum_a.categories.first(), title="ع", body="ن").posts.get())
    reply = services.post_reply(actor=staff_a, thread=published, body="رد مخفي")
    services.post_hide(actor=moderator_a, post=reply, reason="خارج الموضوع")
    with pytest.raises(ValidationError):  # only the author
        services.appeal_send(actor=cso_member, post=reply, text="ظلم")
    response = client_of(staff_a).post(reverse("forum:post_appeal", args=[forum_a.slug, reply.pk]),
                                       {"text": "الرد في صلب الموضوع"})
    assert response.status_code == 302
    appeal = reply.appeals.get()
    assert client_of(moderator_a).post(reverse("forum:appeal_decide", args=[forum_a.slug, appeal.pk]),
                                       {"decision": "upheld", "note": "معك حق"}).status_code == 302
    reply.refresh_from_db()
    assert reply.status == PostStatus.VISIBLE
    assert ModerationAction.objects.filter(kind="appeal_upheld", post=reply).exists()


MODERATION_URLS = ["forum:post_approve", "forum:post_hide", "forum:post_edit", "forum:sanction_impose"]


@pytest.mark.parametrize("name", MODERATION_URLS)
def test_a_moderator_of_network_a_cannot_moderate_network_b(name, forum_a, forum_b, moderator_a, member_b,
                                                            staff_b):
    held = services.thread_start(actor=member_b, forum=forum_b, category=forum_b.categories.first(),
                                 title="في ب", body="نص").posts.get()
    visible = services.thread_start(actor=staff_b, forum=forum_b, category=forum_b.categories.first(),
                                    title="منشور في ب", body="نص").posts.get()
    client = client_of(moderator_a)
    data = {"reason": "x", "body": "y", "kind": "ban", "days": 3, "confirm": "on"}
    # Through network B's address: refused (a published post: 403; a held one is not even there: 404).
    assert client.get(reverse(name, args=[forum_b.slug, visible.pk])).status_code == 403
    assert client.post(reverse(name, args=[forum_b.slug, visible.pk]), data).status_code == 403
    assert client.post(reverse(name, args=[forum_b.slug, held.pk]), data).status_code == 404
    # Through network A's address: network B's posts are not in network A's forum.
    assert client.post(reverse(name, args=[forum_a.slug, visible.pk]), data).status_code == 404
    held.refresh_from_db()
    visible.refresh_from_db()
    assert held.status == PostStatus.HELD and visible.status == PostStatus.VISIBLE and visible.body == "نص"
    assert not ModerationAction.objects.filter(actor=moderator_a).exists()
    with pytest.raises(PermissionDenied):
        services.post_hide(actor=moderator_a, post=visible, reason="x")


@pytest.mark.parametrize("name", ["forum:queue", "forum:history", "forum:watched_words"])
def test_the_queue_is_for_the_networks_moderators_only(name, forum_a, forum_b, moderator_a, moderator_b, staff_a,
                                                       staff_b, cso_member, administrator):
    url = reverse(name, args=[forum_a.slug])
    for user in (moderator_a, staff_a, administrator):
        assert client_of(user).get(url).status_code == 200, user
    for user in (moderator_b, staff_b, cso_member):  # another network's moderator, another branch, a member
        assert client_of(user).get(url).status_code == 403, user


def test_moderator_of_a_cannot_lock_or_move_bs_threads(forum_a, forum_b, moderator_a, staff_b):
    thread = services.thread_start(actor=staff_b, forum=forum_b, category=forum_b.categories.first(),
                                   title="ب", body="نص")
    client = client_of(moderator_a)
    assert client.post(reverse("forum:thread_lock", args=[forum_b.slug, thread.pk])).status_code == 403
    assert client.post(reverse("forum:thread_move", args=[forum_b.slug, thread.pk]),
                       {"category": forum_b.categories.last().pk}).status_code == 403
    assert client.post(reverse("forum:thread_lock", args=[forum_a.slug, thread.pk])).status_code == 404
    with pytest.raises(ValidationError):  # and never into another forum's category, even for its moderator
        services.thread_move(actor=staff_b, thread=thread, category=forum_a.categories.first())
