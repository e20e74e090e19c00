"""The network's public website: /networks/<slug>/ in Arabic, /en/networks/<slug>/ in English. Anonymous
visitors read it; nothing here writes. Light: its own small stylesheet (no framework, no script) and a
generated one with the network's colours (a CSS custom property in a style attribute would break the
Content-Security-Policy)."""

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from madani.core.markdown import render_markdown

from . import site

FEED_SIZE = 20


def _context(request, current_site, section, **extra):
    language = get_language()
    return {"site": current_site, "network": current_site.network, "section": section,
            "site_name": current_site.localized("name", language),
            "tagline": current_site.localized("tagline", language), "forum_url": site.forum_url(current_site),
            **extra}


@require_safe
def home(request, site_slug):
    current = site.site_for(request.user, site_slug)
    network = current.network
    return render(request, "networks/site/home.html", _context(
        request, current, "home", about=render_markdown(current.localized("about", get_language())),
        members=site.public_members(network), news=site.news_of(network)[:3],
        articles=site.articles_of(network)[:3]))


@require_safe
def members(request, site_slug):
    current = site.site_for(request.user, site_slug)
    return render(request, "networks/site/members.html", _context(
        request, current, "members", members=site.public_members(current.network)))


@require_safe
def news(request, site_slug):
    current = site.site_for(request.user, site_slug)
    return render(request, "networks/site/news.html", _context(
        request, current, "news", posts=site.news_of(current.network)[:50]))


@require_safe
def resources(request, site_slug):
    current = site.site_for(request.user, site_slug)
    return render(request, "networks/site/resources.html", _context(
        request, current, "resources", resources=site.resources_of(current.network)[:100]))


@require_safe
def services(request, site_slug):
    current = site.site_for(request.user, site_slug)
    return render(request, "networks/site/services.html", _context(
        request, current, "services", listings=site.services_of(current.network)[:200]))


@require_safe
def articles(request, site_slug):
    current = site.site_for(request.user, site_slug)
    return render(request, "networks/site/articles.html", _context(
        request, current, "opinion", articles=site.articles_of(current.network)[:50],
        disclaimer=current.localized("disclaimer", get_language())))


@require_safe
def article(request, site_slug, pk):
    current = site.site_for(request.user, site_slug)
    item = get_object_or_404(site.articles_of(current.network).select_related("reply_to"), pk=pk)
    return render(request, "networks/site/article.html", _context(
        request, current, "opinion", article=item, body=render_markdown(item.body),
        replies=item.replies.published(),
        disclaimer=current.localized("disclaimer", get_language())))


@require_safe
def theme_css(request, site_slug):
    """The site's colours as CSS custom properties (validated #rrggbb values only)."""
    current = site.site_for(request.user, site_slug)
    css = f":root{{--net-primary:{current.primary_colour};--net-accent:{current.accent_colour}}}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400" if request.GET.get("v") == current.version else "no-cache"
    return response


@require_safe
def logo(request, site_slug):
    current = site.site_for(request.user, site_slug)
    if not current.logo:
        raise Http404
    try:
        handle = current.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class ArticleFeed(Feed):
    """The Atom feed of a site's published opinion articles: the byline is the alias when there is one."""

    feed_type = Atom1Feed

    def get_object(self, request, site_slug):
        current = site.site_for(request.user, site_slug)
        if not current.published:
            raise Http404
        return current

    def title(self, obj):
        return obj.localized("name", get_language())

    def link(self, obj):
        return reverse("network_site:articles", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("network_site:article_feed", args=[obj.slug])

    def items(self, obj):
        return site.articles_of(obj.network).order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.summary) if item.summary else render_markdown(item.body)

    def item_link(self, item):
        return reverse("network_site:article", args=[item.network.network_site.slug, item.pk])

    def item_author_name(self, item):
        return item.byline

    def item_pubdate(self, item):
        return item.published_at
