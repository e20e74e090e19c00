"""The sitemap (ar and en URLs with their alternates) and robots.txt."""

from lxml import etree
from django.urls import reverse

from madani.core.registry import sitemaps
from madani.public.robots import allows

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _urls(anonymous):
    response = anonymous.get("/sitemap.xml")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces=NS)
        }
        for url in root.findall("s:url", namespaces=NS)
    }


def test_the_sitemap_lists_every_public_page_in_both_languages_with_alternates(anonymous, open_training):
    urls = _urls(anonymous)
    alternates = {"ar": "http://testserver/", "en": "http://testserver/en/", "x-default": "http://testserver/"}
    assert urls["http://testserver/"] == alternates
    assert urls["http://testserver/en/"] == alternates
    register = reverse("public:register", args=[open_training.pk])
    assert f"http://testserver{register}" in urls and f"http://testserver/en{register}" in urls
    assert "http://testserver/en/consultations/suggest-a-training/" in urls


def test_the_sitemap_leaves_out_trainings_closed_to_registration(anonymous, activity_a):
    assert not any(f"/trainings/{activity_a.pk}/" in url for url in _urls(anonymous))


def test_other_apps_plug_their_sitemap_in_from_their_app_config():
    sections = sitemaps()
    assert set(sections) >= {"pages", "trainings", "news", "directory"}
    # Pages that exist in both languages carry their alternates; a news post is listed once per language
    # it is written in (NewsPostSitemap), since a post may exist in one language only.
    bilingual = [sitemap for name, sitemap in sections.items() if name != "news"]
    assert all(sitemap.i18n and sitemap.alternates and sitemap.x_default for sitemap in bilingual)


def _robots(anonymous):
    response = anonymous.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode().splitlines()


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_everything_not_public(anonymous, db):
    # Changed on purpose (issue 11): robots.txt no longer lists staff areas to keep out of (a list that
    # missed new apps and disagreed with the sitemap); it disallows everything and allows the public URLs
    # the apps declare.
    lines = _robots(anonymous)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" in lines
    for path in ["/people/", "/en/people/", "/admin/", "/registrations/1/accept/", "/dashboard/", "/accounts/login/",
                 "/api/v1/", "/center-profile/", "/certificates/verify/"]:
        assert not allows(lines, path), path
    for path in ["/", "/en/", "/consultations/request-a-consultation/", "/en/consultations/suggest-a-training/",
                 "/trainings/", "/trainings/7/register/", "/dashboard/impact/", "/en/dashboard/impact/",
                 "/news/", "/library/", "/directory/"]:
        assert allows(lines, path), path


def test_robots_txt_allows_every_url_of_the_sitemap(anonymous, loaded):
    lines = _robots(anonymous)
    urls = _urls(anonymous)
    listed = set(urls) | {href for alternates in urls.values() for href in alternates.values()}
    assert any("/news/" in url for url in listed) and any("/directory/" in url for url in listed)
    for url in listed:
        path = url.removeprefix("http://testserver")
        assert allows(lines, path), path
