"""Every change to a network's forum (issue 15). Each is all-or-nothing, checks its rule and, for what a
moderator decides (or the forum decides by itself), writes a ``ModerationAction`` row: the history.

Posting is idempotent: the form carries a one-time token (``Post.token``, unique per author), so the same
form sent twice — a double click, a retry on a bad connection — makes one post; the view then redirects
(post/redirect/get)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.core.arabic import clean_spaces, strip_bidi_controls
from madani.core.markdown import render_markdown

from .models import (
    ActionKind,
    Appeal,
    AppealStatus,
    Category,
    Flag,
    FlagReason,
    FlagStatus,
    Forum,
    HiddenBecause,
    ModerationAction,
    Post,
    PostStatus,
    Sanction,
    SanctionKind,
    Thread,
    WatchedWord,
    WordAction,
)
from .permissions import can_flag_posts, can_moderate_forum, can_post_in_forum, is_trusted
from .text import censor, find, fold

MAX_BODY_CHARS = 5000
# A post's formatted HTML is at most this big, so that a page of POSTS_PER_PAGE posts stays under 100 KB.
MAX_POST_HTML_BYTES = 6000


def _record(forum, actor, kind, *, post=None, thread=None, target_user=None, reason="", **details):
    return ModerationAction.objects.create(forum=forum, actor=actor, kind=kind, post=post,
                                           thread=thread or (post.thread if post else None),
                                           target_user=target_user, reason=reason, details=details)


def _require_moderator(actor, forum):
    if not can_moderate_forum(actor, forum):
        raise PermissionDenied


# -- set-up ----------------------------------------------------------------------------------------------


@transaction.atomic
def forum_create(*, actor, network, slug: str) -> Forum:
    if not (actor.is_superuser or actor.can_edit_registry):
        raise PermissionDenied
    if network.kind != "network":
        raise ValidationError(_("Only a network has a forum."))
    if slug.isdigit():
        raise ValidationError({"slug": _("The address needs at least one letter.")})
    forum = Forum(network=network, slug=slug)
    forum.full_clean()
    forum.save()
    return forum


@transaction.atomic
def category_create(*, actor, forum, name: str, description: str = "", position: int = 0) -> Category:
    _require_moderator(actor, forum)
    category = Category(forum=forum, name=clean_spaces(name), description=clean_spaces(description),
                        position=position)
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def watched_word_add(*, actor, forum, word: str, action: str) -> WatchedWord:
    _require_moderator(actor, forum)
    word = clean_spaces(word)
    key = " ".join(fold(word).split())
    if not key:
        raise ValidationError({"word": _("Give a word or a phrase.")})
    if WatchedWord.objects.filter(forum=forum, key=key).exists():
        raise ValidationError({"word": _("This word (or one written the same way) is already watched.")})
    watched = WatchedWord.objects.create(forum=forum, word=word, key=key, action=action)
    _record(forum, actor, ActionKind.WORD_ADD, word=word, action=action)
    return watched


@transaction.atomic
def watched_word_remove(*, actor, watched: WatchedWord) -> None:
    _require_moderator(actor, watched.forum)
    _record(watched.forum, actor, ActionKind.WORD_REMOVE, word=watched.word, action=watched.action)
    watched.delete()


# -- writing ---------------------------------------------------------------------------------------------


def screen_text(forum, text: str) -> tuple[str, list[str]]:
    """``text`` after the forum's watched words: refused (ValidationError) on a word to block, censored
    where a word is to be censored; returns the text and the words that hold it for approval. Every
    word is matched after ``text.fold`` on both sides (Arabic variants, digits, case)."""
    words = list(WatchedWord.objects.filter(forum=forum))
    blocked = [w.word for w in words if w.action == WordAction.BLOCK and find(w.word, text)]
    if blocked:
        raise ValidationError(_("Your post contains a word this forum does not accept (%(words)s). "
                                "Change it and send it again.") % {"words": "، ".join(blocked)})
    text = censor(text, [w.word for w in words if w.action == WordAction.CENSOR])
    held = [w.word for w in words if w.action == WordAction.HOLD and find(w.word, text)]
    return text, held


def _clean_body(body: str) -> str:
    body = strip_bidi_controls(body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something.")})
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError({"body": _("A post has at most %(count)s characters; continue in a second reply.")
                               % {"count": MAX_BODY_CHARS}})
    size = len(str(render_markdown(body)).encode())
    if size > MAX_POST_HTML_BYTES:
        raise ValidationError({"body": _("This post is too long once formatted; shorten it or continue in a "
                                         "second reply.")})
    return body


def _search_key(post: Post) -> str:
    text = f"{post.thread.title}\n{post.body}" if post.is_opening else post.body
    return fold(text)


def _new_post(*, actor, thread, body, token, opening, held_words) -> Post:
    trusted = is_trusted(actor, thread.forum)
    now = timezone.now()
    publish = trusted and not held_words
    post = Post(thread=thread, author=actor, body=body, is_opening=opening, created_at=now,
                status=PostStatus.VISIBLE if publish else PostStatus.HELD, approved_at=now if publish else None)
    if token:
        post.token = token
    post.search_key = _search_key(post)
    post.save()
    if held_words:
        _record(thread.forum, None, ActionKind.AUTO_HOLD_WORD, post=post, target_user=actor,
                words=held_words)
    return post


def _already_sent(actor, token):
    if not token:
        return None
    return Post.objects.filter(author=actor, token=token).select_related("thread").first()


def thread_start(*, actor, forum, category, title: str, body: str, token=None) -> Thread:
    """A new thread with its opening post (held for approval unless the author is trusted). The same form
    (``token``) sent again gives the thread it made the first time."""
    existing = _already_sent(actor, token)
    if existing:
        return existing.thread
    try:
        with transaction.atomic():
            if not can_post_in_forum(actor, forum):
                raise PermissionDenied
            if category.forum_id != forum.pk:
                raise ValidationError({"category": _("Choose one of this forum's categories.")})
            title = clean_spaces(title)
            if not title:
                raise ValidationError({"title": _("Give the thread a title.")})
            body = _clean_body(body)
            title, title_held = screen_text(forum, title)
            body, body_held = screen_text(forum, body)
            held = title_held + body_held
            now = timezone.now()
            thread = Thread.objects.create(forum=forum, category=category, title=title[:200], author=actor,
                                           created_at=now, last_post_at=now)
            post = _new_post(actor=actor, thread=thread, body=body, token=token, opening=True, held_words=held)
            thread.status = post.status
            thread.save(update_fields=["status"])
            return thread
    except IntegrityError:  # the same form, sent twice at once: the other request made it
        existing = _already_sent(actor, token)
        if existing:
            return existing.thread
        raise


def post_reply(*, actor, thread, body: str, token=None) -> Post:
    existing = _already_sent(actor, token)
    if existing:
        return existing
    try:
        with transaction.atomic():
            thread = Thread.objects.select_for_update().select_related("forum").get(pk=thread.pk)
            forum = thread.forum
            if not can_post_in_forum(actor, forum):
                raise PermissionDenied
            if thread.locked and not can_moderate_forum(actor, forum):
                raise ValidationError(_("This thread is locked: no new replies."))
            if thread.status != PostStatus.VISIBLE and not can_moderate_forum(actor, forum):
                raise ValidationError(_("This thread is not published; it takes no replies."))
            body, held = screen_text(forum, _clean_body(body))
            post = _new_post(actor=actor, thread=thread, body=body, token=token, opening=False, held_words=held)
            if post.status == PostStatus.VISIBLE:
                thread.last_post_at = post.created_at
                thread.save(update_fields=["last_post_at"])
            return post
    except IntegrityError:
        existing = _already_sent(actor, token)
        if existing:
            return existing
        raise


# -- moderation ------------------------------------------------------------------------------------------


def _set_status(post: Post, status: str, because: str = "") -> None:
    post.status = status
    post.hidden_because = because if status == PostStatus.HIDDEN else ""
    fields = ["status", "hidden_because"]
    if status == PostStatus.VISIBLE and post.approved_at is None:
        post.approved_at = timezone.now()
        fields.append("approved_at")
    post.save(update_fields=fields)
    if post.is_opening:
        Thread.objects.filter(pk=post.thread_id).update(status=status)


def _locked_post(post) -> Post:
    return Post.objects.select_for_update().select_related("thread__forum").get(pk=post.pk)


@transaction.atomic
def post_approve(*, actor, post, reason: str = "") -> Post:
    """Publish a held post, or put back a hidden one (its open flags are dismissed)."""
    post = _locked_post(post)
    forum = post.thread.forum
    _require_moderator(actor, forum)
    if post.status == PostStatus.VISIBLE:
        raise ValidationError(_("This post is already published."))
    kind = ActionKind.APPROVE if post.status == PostStatus.HELD else ActionKind.RESTORE
    _set_status(post, PostStatus.VISIBLE)
    post.flags.filter(status=FlagStatus.OPEN).update(status=FlagStatus.DISMISSED)
    _record(forum, actor, kind, post=post, target_user=post.author, reason=reason)
    return post


@transaction.atomic
def post_hide(*, actor, post, reason: str) -> Post:
    """Hide a post (its open flags are upheld). A post hidden by flags stays hidden, now by a moderator."""
    post = _locked_post(post)
    forum = post.thread.forum
    _require_moderator(actor, forum)
    if post.status == PostStatus.HIDDEN and post.hidden_because == HiddenBecause.MODERATOR:
        raise ValidationError(_("This post is already hidden."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why.")})
    _set_status(post, PostStatus.HIDDEN, HiddenBecause.MODERATOR)
    post.flags.filter(status=FlagStatus.OPEN).update(status=FlagStatus.UPHELD)
    _record(forum, actor, ActionKind.HIDE, post=post, target_user=post.author, reason=reason)
    return post


@transaction.atomic
def post_edit(*, actor, post, body: str, reason: str) -> Post:
    """A moderator changes a post's text, with a reason shown under it; the text before is kept in the
    history."""
    post = _locked_post(post)
    forum = post.thread.forum
    _require_moderator(actor, forum)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the post is edited; the reason is shown under it.")})
    body = _clean_body(body)
    if body == post.body:
        raise ValidationError({"body": _("The text is unchanged.")})
    before = post.body
    post.body, post.edited_at, post.edit_reason = body, timezone.now(), clean_spaces(reason)[:300]
    post.search_key = _search_key(post)
    post.save(update_fields=["body", "edited_at", "edit_reason", "search_key"])
    _record(forum, actor, ActionKind.EDIT, post=post, target_user=post.author, reason=post.edit_reason,
            before=before)
    return post


@transaction.atomic
def thread_lock(*, actor, thread, locked: bool, reason: str = "") -> Thread:
    thread = Thread.objects.select_for_update().select_related("forum").get(pk=thread.pk)
    _require_moderator(actor, thread.forum)
    if thread.locked == locked:
        raise ValidationError(_("This thread is already locked.") if locked else _("This thread is not locked."))
    thread.locked = locked
    thread.save(update_fields=["locked"])
    _record(thread.forum, actor, ActionKind.LOCK if locked else ActionKind.UNLOCK, thread=thread, reason=reason)
    return thread


@transaction.atomic
def thread_move(*, actor, thread, category, reason: str = "") -> Thread:
    thread = Thread.objects.select_for_update().select_related("forum", "category").get(pk=thread.pk)
    _require_moderator(actor, thread.forum)
    if category.forum_id != thread.forum_id:
        raise ValidationError({"category": _("Choose one of this forum's categories.")})
    if category.pk == thread.category_id:
        raise ValidationError({"category": _("The thread is already in this category.")})
    before = thread.category.name
    thread.category = category
    thread.save(update_fields=["category"])
    _record(thread.forum, actor, ActionKind.MOVE, thread=thread, reason=reason, before=before, after=category.name)
    return thread


@transaction.atomic
def sanction_impose(*, actor, forum, user, kind: str, ends_at, reason: str) -> Sanction:
    _require_moderator(actor, forum)
    if user == actor or can_moderate_forum(user, forum):
        raise ValidationError(_("A moderator of this forum cannot be silenced or banned in it."))
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("The end must be in the future.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why.")})
    sanction = Sanction.objects.create(forum=forum, user=user, kind=kind, ends_at=ends_at, reason=reason, by=actor)
    _record(forum, actor, ActionKind.BAN if kind == SanctionKind.BAN else ActionKind.SILENCE, target_user=user,
            reason=reason, until=ends_at.isoformat())
    return sanction


@transaction.atomic
def sanction_lift(*, actor, sanction, reason: str = "") -> Sanction:
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    _require_moderator(actor, sanction.forum)
    if sanction.lifted_at or sanction.ends_at <= timezone.now():
        raise ValidationError(_("This sanction is no longer in force."))
    sanction.lifted_at = timezone.now()
    sanction.save(update_fields=["lifted_at"])
    _record(sanction.forum, actor, ActionKind.LIFT, target_user=sanction.user, reason=reason)
    return sanction


# -- flags and appeals -----------------------------------------------------------------------------------


def flag_post(*, actor, post, reason: str, note: str = "") -> Flag:
    """One flag per user per post (a database constraint). A flag for exposing a person's identity or
    location hides the post at once; ``MADANI_FORUM_FLAGS_TO_HIDE`` distinct open flags hide it; either
    way pending a moderator's review."""
    with transaction.atomic():
        post = _locked_post(post)
        forum = post.thread.forum
        if not can_flag_posts(actor, forum):
            raise PermissionDenied
        if post.author_id == actor.pk:
            raise ValidationError(_("You cannot flag your own post."))
        if reason not in FlagReason.values:
            raise ValidationError({"reason": _("Choose a reason.")})
        try:
            with transaction.atomic():
                flag = Flag.objects.create(post=post, user=actor, reason=reason, note=clean_spaces(note)[:500])
        except IntegrityError:
            raise ValidationError(_("You have already flagged this post.")) from None
        if post.status == PostStatus.VISIBLE:
            if reason == FlagReason.DOXXING:
                _set_status(post, PostStatus.HIDDEN, HiddenBecause.DOXXING)
                _record(forum, None, ActionKind.AUTO_HIDE_DOXXING, post=post, target_user=post.author)
            elif post.flags.filter(status=FlagStatus.OPEN).count() >= settings.MADANI_FORUM_FLAGS_TO_HIDE:
                _set_status(post, PostStatus.HIDDEN, HiddenBecause.FLAGS)
                _record(forum, None, ActionKind.AUTO_HIDE_FLAGS, post=post, target_user=post.author)
        return flag


@transaction.atomic
def appeal_send(*, actor, text: str, post=None, sanction=None) -> Appeal:
    """The author of a hidden post, or a silenced or banned user, asks the moderators to reverse it (once)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say why the decision should be reversed.")})
    if post is not None:
        if post.author_id != actor.pk or post.status != PostStatus.HIDDEN:
            raise ValidationError(_("Only the author of a hidden post may appeal it."))
        forum = post.thread.forum
        if Appeal.objects.filter(post=post).exists():
            raise ValidationError(_("This post has already been appealed."))
    elif sanction is not None:
        if sanction.user_id != actor.pk:
            raise ValidationError(_("Only the person silenced or banned may appeal it."))
        forum = sanction.forum
        if Appeal.objects.filter(sanction=sanction).exists():
            raise ValidationError(_("This decision has already been appealed."))
    else:
        raise ValidationError(_("Nothing to appeal."))
    return Appeal.objects.create(forum=forum, author=actor, post=post, sanction=sanction, text=text[:2000])


@transaction.atomic
def appeal_decide(*, actor, appeal, uphold: bool, note: str = "") -> Appeal:
    appeal = Appeal.objects.select_for_update(of=("self",)).select_related("post", "sanction", "forum") \
        .get(pk=appeal.pk)
    _require_moderator(actor, appeal.forum)
    if appeal.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal has already been decided."))
    if uphold:
        if appeal.post and appeal.post.status == PostStatus.HIDDEN:
            post = _locked_post(appeal.post)
            _set_status(post, PostStatus.VISIBLE)
            post.flags.filter(status__in=[FlagStatus.OPEN, FlagStatus.UPHELD]).update(status=FlagStatus.DISMISSED)
        if appeal.sanction and not appeal.sanction.lifted_at:
            Sanction.objects.filter(pk=appeal.sanction_id).update(lifted_at=timezone.now())
    appeal.status = AppealStatus.UPHELD if uphold else AppealStatus.REJECTED
    appeal.decided_by, appeal.decided_at, appeal.decision_note = actor, timezone.now(), clean_spaces(note)[:500]
    appeal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _record(appeal.forum, actor, ActionKind.APPEAL_UPHELD if uphold else ActionKind.APPEAL_REJECTED,
            post=appeal.post, target_user=appeal.author, reason=appeal.decision_note)
    return appeal


def posts_of(user):
    """Everything ``user`` posted, in every forum, oldest first (their download)."""
    return Post.objects.filter(author=user).select_related("thread__forum__network", "thread__category") \
        .order_by("created_at", "pk")
