"""Atom feeds, one per language: /news/feed/ in Arabic, /en/news/feed/ in English (i18n_patterns set
the language before the feed is built)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madani.core.markdown import render_markdown

from .models import NewsPost

FEED_SIZE = 20


class LatestNewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Madani news")

    def subtitle(self):
        return _("News of the civil-society support center.")

    def link(self):
        return reverse("news:list")

    def feed_url(self):
        return reverse("news:feed")

    def items(self):
        return (NewsPost.objects.published().in_language(get_language()).prefetch_related("tags")
                .order_by("-published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """Atom sends the summary as ``type="html"``: the summary is plain text, so it is escaped; without
        one, the body's Markdown rendered and sanitized as on the post's page. (The title is Atom text.)"""
        return escape(item.summary) if item.summary else render_markdown(item.body)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
