"""Writes to the newsroom: draft → in review → published. Every function is all-or-nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from madani.accounts.models import Role
from madani.activities.models import Status as ActivityStatus
from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.images import prepare_image
from madani.core.services import model_update

from . import drafting
from .models import NewsPost, Status, Tag, can_publish_news, can_write_news

TRANSLATED = ("title", "summary", "body")
RESERVED_SLUGS = {"feed", "manage", "from-activity", "cover"}


def _require_writer(actor, post=None):
    if not can_write_news(actor):
        raise PermissionDenied
    if post is not None and post.status == Status.PUBLISHED and not can_publish_news(actor, post):
        raise PermissionDenied  # a published post changes only through those who may publish it


def _discard_cover_after_commit(post: NewsPost) -> None:
    """The current cover files are deleted once the new state is committed (never before: a failed
    save must leave the post with its files)."""
    stored = [(f.storage, f.name) for f in (post.cover, post.cover_thumbnail) if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


def _store_cover(post: NewsPost, upload) -> None:
    image = prepare_image(upload)
    _discard_cover_after_commit(post)
    post.cover.save(image.full.name, image.full, save=False)
    post.cover_thumbnail.save(image.thumbnail.name, image.thumbnail, save=False)


def _remove_cover(post: NewsPost) -> None:
    _discard_cover_after_commit(post)
    post.cover = post.cover_thumbnail = None


def _save(*, actor, post: NewsPost, data: dict, cover=None, remove_cover=False) -> NewsPost:
    values = {}
    for name, value in data.items():
        if name.startswith("title_"):
            value = clean_spaces(value)
        elif name.startswith(("summary_", "body_")):
            value = (value or "").strip()
        values[name] = value
    exclude = ["slug", "cover", "cover_thumbnail"]

    def check(post):
        if post.status == Status.PUBLISHED:
            _check_publishable(post)
        post.full_clean(exclude=exclude)  # before the cover is written to the store
        if cover:
            _store_cover(post, cover)
        elif remove_cover:
            _remove_cover(post)

    model_update(instance=post, fields=[*values, "cover", "cover_thumbnail"], data=values, actor=actor,
                 clean_exclude=exclude, check=check)
    return post


@transaction.atomic
def newspost_create(*, actor, data: dict, cover=None) -> NewsPost:
    """A new draft written by ``actor``. A network editor's posts are their network's (shown on its site)."""
    _require_writer(actor)
    data = dict(data)
    if actor.role == Role.NETWORK_EDITOR and actor.organization_id:
        data["network"] = actor.organization
    return _save(actor=actor, post=NewsPost(author=actor, status=Status.DRAFT), data=data, cover=cover)


@transaction.atomic
def newspost_update(*, actor, post: NewsPost, data: dict, cover=None, remove_cover=False, version=None) -> NewsPost:
    """A stale ``version`` raises ``StaleVersion`` (madani/core/concurrency.py)."""
    _require_writer(actor, post)
    check_version(post, version)
    return _save(actor=actor, post=post, data=dict(data), cover=cover, remove_cover=remove_cover)


def _check_publishable(post: NewsPost) -> None:
    """At least one language with a title and a text; no language with only one of them."""
    if not post.title_ar and not post.title_en:
        raise ValidationError(_("Give the post a title in Arabic or English."))
    errors = []
    for code, title_error, body_error in [
        ("ar", _("The Arabic version has a text but no title."), _("The Arabic version has a title but no text.")),
        ("en", _("The English version has a text but no title."), _("The English version has a title but no text.")),
    ]:
        title, body = getattr(post, f"title_{code}"), getattr(post, f"body_{code}")
        if body and not title:
            errors.append(title_error)
        elif title and not body:
            errors.append(body_error)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def newspost_submit(*, actor, post: NewsPost) -> NewsPost:
    """Send a draft to review: it must be complete enough to publish."""
    _require_writer(actor, post)
    if post.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent to review."))
    _check_publishable(post)
    post.status = Status.REVIEW
    post._history_user = actor
    post.save(update_fields=["status", "updated_at"])
    return post


def _unique_slug(post: NewsPost) -> str:
    base = slugify(post.title_en or post.title_ar, allow_unicode=True)[:80].strip("-") or "news"
    if base in RESERVED_SLUGS:
        base = f"news-{base}"
    slug, number = base, 2
    while NewsPost.objects.filter(slug=slug).exclude(pk=post.pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def newspost_publish(*, actor, post: NewsPost) -> NewsPost:
    """Publish a draft or a post in review. Its web address and date are set the first time and kept
    afterwards, so links and feeds stay valid if it is unpublished and published again."""
    if not can_publish_news(actor, post):
        raise PermissionDenied
    if post.status == Status.PUBLISHED:
        raise ValidationError(_("This post is already published."))
    _check_publishable(post)
    if not post.slug:
        post.slug = _unique_slug(post)
    if post.published_at is None:
        post.published_at = timezone.now()
    post.status = Status.PUBLISHED
    post._history_user = actor
    post.save(update_fields=["slug", "published_at", "status", "updated_at"])
    return post


@transaction.atomic
def newspost_unpublish(*, actor, post: NewsPost) -> NewsPost:
    """Take a post off the public pages and feeds: it becomes a draft again."""
    if not can_publish_news(actor, post):
        raise PermissionDenied
    if post.status != Status.PUBLISHED:
        raise ValidationError(_("This post is not published."))
    post.status = Status.DRAFT
    post._history_user = actor
    post.save(update_fields=["status", "updated_at"])
    return post


@transaction.atomic
def newspost_draft_from_activity(*, actor, activity) -> NewsPost:
    """An Arabic and an English draft written from the ledger (news/drafting.py) about a completed
    ``activity`` and its companions, tagged with the tags named like its topics."""
    _require_writer(actor)
    if activity.status != ActivityStatus.COMPLETED:
        raise ValidationError(_("News can be drafted only from a completed activity."))
    drafts = drafting.draft(drafting.companion_activities(activity, actor))
    data = {f"{name}_{code}": getattr(drafts[code], name) for code in ("ar", "en") for name in TRANSLATED}
    data["branch"] = activity.branch
    data["source_activity"] = activity
    data["tags"] = list(Tag.objects.filter(slug__in=activity.topics.values("code")))
    return newspost_create(actor=actor, data=data)
