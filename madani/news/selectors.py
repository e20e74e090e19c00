"""Reads of the news that other apps use (the home page's latest news)."""

from .models import NewsPost


def latest_posts(language: str, limit: int = 3) -> list[NewsPost]:
    """The newest published posts written in ``language``; render them with the partial
    ``news/partials/latest.html`` (``{% include "news/partials/latest.html" with posts=... %}``)."""
    return list(NewsPost.objects.published().in_language(language).prefetch_related("tags")
                .order_by("-published_at", "-pk")[:limit])
