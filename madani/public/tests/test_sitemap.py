"""The sitemap (ar and en URLs with their alternates) and robots.txt."""

from lxml import etree
from django.urls import reverse

from madani.public.sitemaps import SITEMAPS

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


def test_other_apps_plug_their_sitemap_in_with_one_line():
    assert set(SITEMAPS) >= {"pages", "trainings", "news", "directory"}
    # Pages that exist in both languages carry their alternates; a news post is listed once per language
    # it is written in (NewsPostSitemap), since a post may exist in one language only.
    bilingual = [sitemap for name, sitemap in SITEMAPS.items() if name != "news"]
    assert all(sitemap.i18n and sitemap.alternates and sitemap.x_default for sitemap in bilingual)


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_staff_areas(anonymous, db):
    response = anonymous.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for line in ["Disallow: /people/", "Disallow: /en/people/", "Disallow: /admin/", "Disallow: /registrations/",
                 "Allow: /consultations/request-a-consultation/", "Allow: /en/consultations/suggest-a-training/"]:
        assert line in lines
    assert not any(line in ("Disallow: /", "Disallow: /en/", "Disallow: /trainings/") for line in lines)
