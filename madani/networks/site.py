"""What a network's public website shows (issue 15): reads only, each limited to what the public may see.

- members: active members shown publicly; a member not shown publicly is absent from every page (it still
  counts internally: quorum, counts, seats);
- news: published posts of the news app tagged with the network;
- resources: public resources of the library tagged with the network;
- services: published listings of the services directory whose organization is a public member;
- opinion articles: published ones, with their byline (an alias, or the author's name — never both)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language

from madani.directory.models import ServiceListing
from madani.library.models import Access, Resource
from madani.news.models import NewsPost

from .models import Membership, NetworkSite, OpinionArticle
from .permissions import can_edit_site


def site_for(user, slug) -> NetworkSite:
    """The site at ``slug``: online, or offline for its editors (a preview); otherwise a 404."""
    site = NetworkSite.objects.select_related("network").filter(slug=slug).first()
    if site is None or not (site.published or can_edit_site(user, site.network)):
        raise Http404
    return site


def public_members(network):
    return Membership.objects.filter(network=network).public().select_related("organization").order_by(
        "organization__name")


def news_of(network, language=None):
    return NewsPost.objects.published().filter(network=network).in_language(language or get_language())


def resources_of(network):
    return Resource.objects.filter(network=network, access=Access.PUBLIC)


def services_of(network):
    """The published services of the network's public members — no one else's."""
    members = public_members(network).values("organization_id")
    return ServiceListing.objects.published().filter(organization_id__in=members).select_related(
        "organization", "sector").prefetch_related("places")


def articles_of(network):
    return OpinionArticle.objects.published().filter(network=network).select_related("author__organization")


def forum_url(site) -> str | None:
    """The address of the network's forum (the forum app's ``Forum``, reached as ``network.forum``), if it has one."""
    forum = getattr(site.network, "forum", None)
    return reverse("forum:index", args=[forum.slug]) if forum else None
