"""A network's discussion forum (issue 15): categories, threads and their posts, flags, moderation.

A post is **held** (seen only by its author and the forum's moderators until approved), **visible**, or
**hidden** (by a moderator, by a doxxing flag at once, or by enough distinct flags, pending review). A
thread is as visible as its opening post. Every moderator's decision (and every automatic hiding) is a
``ModerationAction`` row: the forum's history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madani.accounts.models import REGISTRY_EDITOR_ROLES, Role
from madani.core.querysets import RestrictedQuerySet
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization


def moderated_forums_q(user, prefix: str = "") -> Q:
    """The forums ``user`` moderates, as a filter on a model reaching ``Forum`` through ``prefix``: the
    network's forum moderators (their account belongs to the network) and the registry staff of the
    network's branch. Administrators moderate every forum (``visible_to`` gives them every row)."""
    if user.role == Role.FORUM_MODERATOR and user.organization_id:
        return Q(**{f"{prefix}network_id": user.organization_id})
    if user.is_center_staff and user.role in REGISTRY_EDITOR_ROLES:
        return Q(**{f"{prefix}network__branch__in": user.branch_ids()})
    return Q(pk__in=[])


class Forum(models.Model):
    """One network's forum, at /networks/<slug>/forum/."""

    network = models.OneToOneField(Organization, verbose_name=_("network"), on_delete=models.PROTECT,
                                   related_name="forum", limit_choices_to={"kind": OrganizationKind.NETWORK})
    slug = models.SlugField(_("address"), unique=True, allow_unicode=False,
                            help_text=_("Latin letters, digits and hyphens, not only digits: "
                                        "/networks/<address>/forum/."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self):
        return str(self.network)


class Category(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["forum", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["forum", "name"], name="forum_category_name_unique")]

    def __str__(self):
        return self.name


class PostStatus(models.TextChoices):
    HELD = "held", _("Awaiting approval")
    VISIBLE = "visible", _("Published")
    HIDDEN = "hidden", _("Hidden")


class HiddenBecause(models.TextChoices):
    NONE = "", _("—")
    MODERATOR = "moderator", _("Hidden by a moderator")
    DOXXING = "doxxing", _("Flagged as exposing a person's identity or location, pending review")
    FLAGS = "flags", _("Flagged by several people, pending review")


class ThreadQuerySet(RestrictedQuerySet):
    """Threads anyone may read are those whose opening post is published; the author sees their own,
    the forum's moderators every one of their forums."""

    def for_anonymous(self):
        return self.filter(status=PostStatus.VISIBLE)

    def _own_and_moderated(self, user):
        return self.filter(Q(status=PostStatus.VISIBLE) | Q(author=user) | moderated_forums_q(user, "forum__"))

    for_trainer = for_branch_staff = for_cso_member = _own_and_moderated


class Thread(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="threads")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="forum_threads")
    # The opening post's status (kept equal by the services).
    status = models.CharField(_("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.HELD)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_post_at", "-pk"]

    def __str__(self):
        return self.title


class PostQuerySet(RestrictedQuerySet):
    """Anyone reads published posts of published threads; a held or hidden post only its author and the
    forum's moderators."""

    def for_anonymous(self):
        return self.filter(status=PostStatus.VISIBLE, thread__status=PostStatus.VISIBLE)

    def _own_and_moderated(self, user):
        return self.filter(Q(status=PostStatus.VISIBLE, thread__status=PostStatus.VISIBLE) | Q(author=user)
                           | moderated_forums_q(user, "thread__forum__"))

    for_trainer = for_branch_staff = for_cso_member = _own_and_moderated


class Post(models.Model):
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT,
                               related_name="forum_posts")
    body = models.TextField(_("text"))
    # fold(title + body) for search (text.fold), written by the services.
    search_key = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=10, choices=PostStatus.choices, default=PostStatus.HELD)
    hidden_because = models.CharField(_("hidden because"), max_length=12, choices=HiddenBecause.choices,
                                      blank=True, default="")
    is_opening = models.BooleanField(_("opens the thread"), default=False)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    edit_reason = models.CharField(_("reason for the edit"), max_length=300, blank=True)
    # The form's one-time token: the same form sent twice makes one post.
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["author", "token"], name="forum_post_once_per_form")]
        indexes = [models.Index(fields=["thread", "status", "created_at"])]

    def __str__(self):
        return f"{self.thread} #{self.pk}"

    @property
    def forum(self):
        return self.thread.forum


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFFENSIVE = "offensive", _("Offensive")
    INCITEMENT = "incitement", _("Incitement to violence or hatred")
    DOXXING = "doxxing", _("Exposes a person's identity or location")
    MISINFORMATION = "misinformation", _("Misinformation")
    OFF_TOPIC = "off_topic", _("Off-topic")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


class Flag(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("flagged by"), on_delete=models.CASCADE,
                             related_name="forum_flags")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN)
    created_at = models.DateTimeField(_("flagged"), default=timezone.now)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_one_flag_per_user_per_post")]


class WordAction(models.TextChoices):
    BLOCK = "block", _("Refuse the post")
    HOLD = "hold", _("Hold the post for approval")
    CENSOR = "censor", _("Replace the word with ***")


class WatchedWord(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="watched_words")
    word = models.CharField(_("word or phrase"), max_length=100)
    key = models.CharField(max_length=100, editable=False)  # fold(word)
    action = models.CharField(_("action"), max_length=10, choices=WordAction.choices)

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["forum", "key"]
        constraints = [models.UniqueConstraint(fields=["forum", "key"], name="forum_watched_word_once")]

    def __str__(self):
        return self.word


class SanctionKind(models.TextChoices):
    SILENCE = "silence", _("Silenced (may read and flag, not post)")
    BAN = "ban", _("Banned (may neither post nor flag)")


class Sanction(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="sanctions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="forum_sanctions")
    kind = models.CharField(_("kind"), max_length=10, choices=SanctionKind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                           related_name="+")

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-starts_at"]


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    UPHELD = "upheld", _("Upheld: the decision was reversed")
    REJECTED = "rejected", _("Rejected: the decision stands")


class Appeal(models.Model):
    """An author asks the moderators to reverse a decision: a hidden or refused post, or a sanction."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="appeals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE,
                               related_name="forum_appeals")
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, null=True, blank=True,
                             related_name="appeals")
    sanction = models.ForeignKey(Sanction, verbose_name=_("sanction"), on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="appeals")
    text = models.TextField(_("why the decision should be reversed"), max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("answer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post"], condition=Q(post__isnull=False), name="forum_one_appeal_per_post"),
            models.UniqueConstraint(fields=["sanction"], condition=Q(sanction__isnull=False),
                                    name="forum_one_appeal_per_sanction"),
        ]


class ActionKind(models.TextChoices):
    APPROVE = "approve", _("Approved a post")
    HIDE = "hide", _("Hid a post")
    RESTORE = "restore", _("Restored a post")
    EDIT = "edit", _("Edited a post")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    MOVE = "move", _("Moved a thread")
    SILENCE = "silence", _("Silenced a user")
    BAN = "ban", _("Banned a user")
    LIFT = "lift", _("Lifted a sanction")
    APPEAL_UPHELD = "appeal_upheld", _("Upheld an appeal")
    APPEAL_REJECTED = "appeal_rejected", _("Rejected an appeal")
    AUTO_HIDE_DOXXING = "auto_hide_doxxing", _("Hidden at once: flagged as exposing a person")
    AUTO_HIDE_FLAGS = "auto_hide_flags", _("Hidden pending review: flagged by several people")
    AUTO_HOLD_WORD = "auto_hold_word", _("Held for approval: a watched word")
    WORD_ADD = "word_add", _("Added a watched word")
    WORD_REMOVE = "word_remove", _("Removed a watched word")


class ModerationAction(models.Model):
    """One line of the forum's moderation history; ``actor`` is empty for what the forum did by itself."""

    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    kind = models.CharField(_("action"), max_length=20, choices=ActionKind.choices)
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="actions")
    thread = models.ForeignKey(Thread, verbose_name=_("thread"), on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="actions")
    target_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)  # e.g. the text before an edit
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-pk"]
