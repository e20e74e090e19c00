"""The demo's forum of Wasl: categories and threads in Arabic, one held post, one flagged post."""

from django.urls import reverse

from madani.forum.models import Flag, Forum, Post, PostStatus, Thread
from madani.sampledata.demo.core import DEMO_DOMAIN

from .conftest import client_of


def test_wasls_forum_in_the_demo(loaded, anonymous):
    forum = Forum.objects.get(slug="wasl")
    assert forum.network.name_en == "Wasl Network"
    assert forum.categories.count() == 3 and Thread.objects.filter(forum=forum).count() == 4
    held = Post.objects.filter(thread__forum=forum, status=PostStatus.HELD)
    assert held.count() == 1
    flagged = Flag.objects.filter(post__thread__forum=forum, status="open")
    assert flagged.count() == 1 and flagged.get().post.status == PostStatus.VISIBLE
    thread = held.get().thread
    url = reverse("forum:thread", args=["wasl", thread.pk])
    html = anonymous.get(url).content.decode()
    assert thread.title in html and held.get().body not in html
    moderator = forum.network.users.get(email=f"forum.moderator@{DEMO_DOMAIN}")
    queue = client_of(moderator).get(reverse("forum:queue", args=["wasl"])).content.decode()
    assert held.get().body in queue and flagged.get().post.body[:40] in queue


def test_the_network_site_links_to_its_forum(loaded, anonymous):
    forum = Forum.objects.get(slug="wasl")
    site = forum.network.network_site
    html = anonymous.get(reverse("network_site:home", args=[site.slug])).content.decode()
    assert f'href="{reverse("forum:index", args=[forum.slug])}"' in html
