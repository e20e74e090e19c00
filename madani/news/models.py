"""News (DESIGN.md §2, public content): posts in Arabic and/or English with an editorial workflow.

A post exists in a language when it has a title in it; it is shown on that language's pages and
feed only. Who does what (the issue left it to us):

- writers — administrators, branch managers, M&E officers and network editors — write drafts, edit
  drafts and posts in review, and send them to review;
- publishers — administrators (every post) and branch managers (their branches' posts) — publish,
  unpublish and edit published posts. Posts without a branch (e.g. a network editor's) are
  published by an administrator. Trainers, CSO members and forum moderators do neither.
"""

import os

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from madani.accounts.models import Role
from madani.core.querysets import RestrictedQuerySet

from .permissions import WRITER_ROLES, can_publish_news, can_write_news  # noqa: F401 - imported from here too


class Tag(models.Model):
    """A subject shared by posts ("advocacy", "elections"); names in Arabic and English."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["slug"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class NewsPostQuerySet(RestrictedQuerySet):
    # Posts a user may open in the newsroom. Administrators: all. Branch managers and M&E officers:
    # their branches' posts and their own. Network editors: their own. Others: none (everyone reads
    # published posts on the public pages).
    def for_branch_staff(self, user):
        if not can_write_news(user):
            return self.none()
        return self.filter(Q(author=user) | Q(branch_id__in=user.branch_ids()))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        if not can_write_news(user):
            return self.none()
        if user.role == Role.NETWORK_EDITOR:
            return self.filter(author=user)
        return self.filter(Q(author=user) | Q(branch_id__in=user.branch_ids()))

    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def in_language(self, language: str):
        """Posts written in ``language`` (they have a title in it)."""
        return self.exclude(**{f"title_{language}": ""}).exclude(**{f"title_{language}__isnull": True})

    def search(self, text: str):
        return self.filter(Q(title_ar__icontains=text) | Q(title_en__icontains=text))


def _cover_path(post, filename):
    return f"news/covers/{timezone.now():%Y}/{filename}"


class NewsPost(models.Model):
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown in lists and feeds."))
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown: **bold**, *italics*, lists, links."))
    slug = models.SlugField(_("web address"), max_length=100, unique=True, null=True, blank=True, allow_unicode=True,
                            help_text=_("Set when the post is first published, from its title."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="news_posts")
    branch = models.ForeignKey("branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="news_posts",
                               help_text=_("Leave empty for news of the whole center."))
    network = models.ForeignKey("organizations.Organization", verbose_name=_("network"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="network_news_posts",
                                limit_choices_to={"kind": "network"},
                                help_text=_("Also shown on this network's website."))
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="posts")
    cover = models.ImageField(_("cover image"), upload_to=_cover_path, blank=True)
    cover_thumbnail = models.ImageField(_("cover thumbnail"), upload_to=_cover_path, blank=True)
    source_activity = models.ForeignKey("activities.Activity", verbose_name=_("drafted from activity"),
                                        on_delete=models.SET_NULL, null=True, blank=True, related_name="news_posts")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Change history is registered in translation.py, after modeltranslation adds title_ar/title_en.
    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self):
        return self.title_ar or self.title_en or str(_("Untitled post"))

    def get_absolute_url(self):
        """The post's public page in the current language, or in the post's own when it has no version in
        the current one."""
        language = get_language()
        if self.languages and language not in self.languages:
            language = self.languages[0]
        with override(language):
            return reverse("news:detail", args=[self.slug])

    @property
    def languages(self) -> list[str]:
        return [code for code in ("ar", "en") if getattr(self, f"title_{code}")]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def cover_version(self) -> str:
        """Changes when the cover does, so browsers and caches fetch the new one."""
        return os.path.splitext(os.path.basename(self.cover.name))[0][-12:] if self.cover else ""

    def related(self, language: str, limit: int = 3):
        """Published posts in ``language`` sharing the most tags with this one, then the newest."""
        tag_ids = list(self.tags.values_list("pk", flat=True))
        return (
            NewsPost.objects.published().in_language(language).exclude(pk=self.pk)
            .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
            .order_by("-shared", "-published_at", "-pk")[:limit]
        )
