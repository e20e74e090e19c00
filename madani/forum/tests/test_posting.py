"""Posting: trust levels (pre-moderation), watched words after Arabic normalization, idempotency, who
may post, and the post and thread visibility that follows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from madani.forum import services
from madani.forum.models import ModerationAction, Post, PostStatus, Thread, WordAction
from madani.forum.text import censor, find, fold

from .conftest import client_of


def start(user, forum, title="عنوان", body="نص المشاركة", **kwargs):
    return services.thread_start(actor=user, forum=forum, category=forum.categories.first(), title=title, body=body,
                                 **kwargs)


# -- normalization ---------------------------------------------------------------------------------------


def test_fold_unifies_the_arabic_variants():
    assert fold("أإآٱ") == "اااا"
    assert fold("مدرسة") == fold("مدرسه")
    assert fold("مصطفى") == fold("مصطفي")
    assert fold("مـــدرســة") == fold("مدرسة")
    assert fold("مَدْرَسَةٌ") == fold("مدرسة")
    assert fold("١٢٣ ۴۵") == "123 45"
    assert fold("Straße") == fold("STRASSE")


@pytest.mark.parametrize("typed", ["احمد", "أحمد", "إحمد", "احـــمد", "أَحْمَد", "الاحمد", "وأحمد"])
def test_a_watched_word_stored_with_hamza_matches_every_way_of_typing_it(typed):
    assert find("أحمد", f"قال {typed} ذلك")


def test_a_watched_word_is_a_whole_word():
    assert not find("عميل", "عميلة العملاء")  # another word that starts the same
    assert find("رقم 5", "رقم ٥ هنا")


def test_censoring_keeps_the_rest_of_the_text_as_typed():
    assert censor("يا غَبـــيّ! و الغبي", ["غبي"]) == "يا ***! و ال***"


# -- trust levels ----------------------------------------------------------------------------------------


def test_a_new_users_post_is_invisible_to_others_until_approved(forum_a, cso_member, other_member_a, moderator_a,
                                                                anonymous):
    thread = start(cso_member, forum_a, title="سؤال عن الترخيص")
    post = thread.posts.get()
    assert post.status == PostStatus.HELD
    url = reverse("forum:thread", args=[forum_a.slug, thread.pk])
    assert anonymous.get(url).status_code == 404
    assert client_of(other_member_a).get(url).status_code == 404
    assert "سؤال عن الترخيص" not in anonymous.get(reverse("forum:index", args=[forum_a.slug])).content.decode()
    own = client_of(cso_member).get(url)  # the author sees it, marked as waiting
    assert own.status_code == 200 and "Awaiting approval" in own.content.decode()
    assert client_of(moderator_a).get(url).status_code == 200

    services.post_approve(actor=moderator_a, post=post)
    assert anonymous.get(url).status_code == 200
    assert ModerationAction.objects.filter(kind="approve", post=post, actor=moderator_a).exists()


def test_after_enough_approved_posts_a_user_posts_at_once(forum_a, cso_member, moderator_a, settings):
    settings.MADANI_FORUM_TRUSTED_AFTER = 2
    thread = start(cso_member, forum_a)
    services.post_approve(actor=moderator_a, post=thread.posts.get())
    reply = services.post_reply(actor=cso_member, thread=thread, body="ثانية")
    assert reply.status == PostStatus.HELD
    services.post_approve(actor=moderator_a, post=reply)
    assert services.post_reply(actor=cso_member, thread=thread, body="ثالثة").status == PostStatus.VISIBLE


def test_moderators_and_center_staff_post_at_once(forum_a, moderator_a, staff_a, trainer_a):
    for user in (moderator_a, staff_a, trainer_a):
        assert start(user, forum_a).status == PostStatus.VISIBLE


def test_who_may_post(forum_a, forum_b, cso_member, member_b, network_editor, anonymous):
    with pytest.raises(PermissionDenied):  # staff of a member of network B, in network A's forum
        start(member_b, forum_a)
    with pytest.raises(PermissionDenied):  # a network editor of no network
        start(network_editor, forum_a)
    start(cso_member, forum_a)
    response = anonymous.get(reverse("forum:thread_new", args=[forum_a.slug]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_another_networks_held_post_is_not_visible(forum_a, forum_b, cso_member, member_b, moderator_b):
    thread = start(member_b, forum_b, title="منشور محتجز في ب")
    assert thread.status == PostStatus.HELD
    url = reverse("forum:thread", args=[forum_b.slug, thread.pk])
    assert client_of(cso_member).get(url).status_code == 404
    # …nor through network A's address, even to network A's moderator
    moderator_a = moderator_b.__class__.objects.create(email="m.a@example.org", role="forum_moderator",
                                                        organization=forum_a.network)
    assert client_of(moderator_a).get(url).status_code == 404
    assert client_of(moderator_a).get(reverse("forum:thread", args=[forum_a.slug, thread.pk])).status_code == 404
    assert not Post.objects.visible_to(moderator_a).filter(thread=thread).exists()
    assert client_of(moderator_b).get(url).status_code == 200


# -- watched words ---------------------------------------------------------------------------------------


def test_a_blocked_word_refuses_the_post_with_a_translated_message(forum_a, cso_member, moderator_a):
    services.watched_word_add(actor=moderator_a, forum=forum_a, word="أحمق", action=WordAction.BLOCK)
    with pytest.raises(ValidationError) as refused:
        start(cso_member, forum_a, body="أنت احــمَق")
    assert "does not accept" in " ".join(refused.value.messages)
    assert not Thread.objects.exists()
    response = client_of(cso_member).post(reverse("forum:thread_new", args=[forum_a.slug]), {
        "category": forum_a.categories.first().pk, "title": "عنوان", "body": "يا إحمق",
        "token": "6f1c1f3e-0000-4000-8000-000000000002"})  # under /en/ (the fixture's language)
    assert response.status_code == 200 and not Thread.objects.exists()
    assert "does not accept" in response.content.decode()


def test_a_word_to_hold_holds_even_a_trusted_authors_post(forum_a, staff_a, moderator_a):
    services.watched_word_add(actor=moderator_a, forum=forum_a, word="خائن", action=WordAction.HOLD)
    thread = start(staff_a, forum_a, body="هذا خائـــنٌ للثورة")
    assert thread.status == PostStatus.HELD
    assert ModerationAction.objects.filter(kind="auto_hold_word", post__thread=thread).exists()


def test_a_word_to_censor_is_replaced(forum_a, staff_a, moderator_a):
    services.watched_word_add(actor=moderator_a, forum=forum_a, word="غبيّ", action=WordAction.CENSOR)
    thread = start(staff_a, forum_a, title="سؤال غبي", body="ليس سؤالاً غَبياً بل غبي")
    post = thread.posts.get()
    assert thread.title == "سؤال ***"
    assert post.body == "ليس سؤالاً غَبياً بل ***"  # another word ("غبيا") is left alone
    assert thread.status == PostStatus.VISIBLE


def test_one_watched_word_per_spelling(forum_a, moderator_a):
    services.watched_word_add(actor=moderator_a, forum=forum_a, word="أحمق", action=WordAction.BLOCK)
    with pytest.raises(ValidationError):
        services.watched_word_add(actor=moderator_a, forum=forum_a, word="احمق", action=WordAction.HOLD)


# -- sending the same form twice -------------------------------------------------------------------------


def test_the_same_form_sent_twice_makes_one_post(forum_a, staff_a):
    """Idempotency token (Post.token, unique per author) + post/redirect/get."""
    client = client_of(staff_a)
    url = reverse("forum:thread_new", args=[forum_a.slug])
    data = {"category": forum_a.categories.first().pk, "title": "مرة واحدة", "body": "نص",
            "token": "0b6f3a52-8e57-4bd4-9a3c-9d4c3c2a0c11"}
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    thread = Thread.objects.get()
    reply_url = reverse("forum:reply", args=[forum_a.slug, thread.pk])
    reply = {"body": "رد", "token": "5d7c0a00-1111-4222-8333-944455556666"}
    assert client.post(reply_url, reply)["Location"] == client.post(reply_url, reply)["Location"]
    assert Post.objects.count() == 2
    # A new form has a new token: a second, deliberate reply is a new post.
    form = client.get(reverse("forum:thread", args=[forum_a.slug, thread.pk])).content.decode()
    assert 'name="token"' in form and reply["token"] not in form


# -- locked threads and sanctions ------------------------------------------------------------------------


def test_a_locked_thread_takes_no_reply(forum_a, staff_a, cso_member, moderator_a):
    thread = start(staff_a, forum_a)
    services.thread_lock(actor=moderator_a, thread=thread, locked=True, reason="انتهى النقاش")
    with pytest.raises(ValidationError):
        services.post_reply(actor=cso_member, thread=thread, body="رد")
    services.post_reply(actor=moderator_a, thread=thread, body="ملاحظة أخيرة")  # moderators still may


def test_a_silenced_user_cannot_post_until_it_ends(forum_a, cso_member, moderator_a, staff_a):
    import datetime

    from django.utils import timezone

    thread = start(staff_a, forum_a)
    sanction = services.sanction_impose(actor=moderator_a, forum=forum_a, user=cso_member, kind="silence",
                                        ends_at=timezone.now() + datetime.timedelta(days=3), reason="إساءة")
    with pytest.raises(PermissionDenied):
        services.post_reply(actor=cso_member, thread=thread, body="رد")
    appeal = services.appeal_send(actor=cso_member, sanction=sanction, text="لم أقصد الإساءة")
    services.appeal_decide(actor=moderator_a, appeal=appeal, uphold=True, note="نقبل")
    services.post_reply(actor=cso_member, thread=thread, body="رد")
    kinds = set(ModerationAction.objects.values_list("kind", flat=True))
    assert {"silence", "appeal_upheld"} <= kinds
