"""The public finds published services by governorate, sector and words, and nothing else."""

from django.urls import reverse
from django.utils.translation import gettext

from madani.directory.sitemaps import ServiceListingSitemap


def _found(anonymous, **query):
    return list(anonymous.get(reverse("directory:search"), query).context["page"])


def test_a_listing_serving_a_community_is_found_under_its_governorate(anonymous, deir_listing, published_listing):
    assert _found(anonymous, governorate="SY09") == [deir_listing]
    assert _found(anonymous, governorate="SY11") == [published_listing]
    assert _found(anonymous, governorate="SY02") == []


def test_arabic_words_are_found_whatever_the_hamza_and_ta_marbuta(anonymous, deir_listing, published_listing):
    assert _found(anonymous, q="قانونيه للاسره") == [deir_listing]  # stored as "قانونية للأسرة"
    assert _found(anonymous, q="وثائق مدنيه") == [deir_listing]  # in the description
    assert _found(anonymous, q="بصمه امل") == [deir_listing]  # the organization's name
    assert _found(anonymous, q="legal") == [deir_listing]


def test_the_sector_filter_narrows_the_search(anonymous, deir_listing, published_listing, sector):
    assert _found(anonymous, sector=sector.pk) == [published_listing]


def test_the_public_never_sees_a_listing_waiting_for_moderation(anonymous, pending_listing):
    assert _found(anonymous) == []
    assert _found(anonymous, q="نفسي") == []
    assert anonymous.get(reverse("directory:public_detail", args=[pending_listing.pk])).status_code == 404
    assert list(ServiceListingSitemap().items()) == []


def test_the_public_page_shows_what_the_organization_published(anonymous, published_listing):
    response = anonymous.get(reverse("directory:public_detail", args=[published_listing.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "جلسات دعم نفسي للأطفال" in page and "+963 944 123 456" in page and "شارع تل أبيض" in page
    assert gettext("Who is eligible") in page


def test_the_english_page_shows_the_english_texts(anonymous, published_listing):
    response = anonymous.get("/en" + reverse("directory:public_detail", args=[published_listing.pk]))
    assert "Psychosocial support sessions for children" in response.content.decode()


def test_the_sitemap_lists_published_listings_in_both_languages(published_listing, deir_listing):
    urls = [entry["location"] for entry in ServiceListingSitemap().get_urls(site=_Site(), protocol="https")]
    assert len(urls) == 4
    assert f"https://example.org/directory/{published_listing.pk}/" in urls
    assert f"https://example.org/en/directory/{deir_listing.pk}/" in urls


class _Site:
    domain = "example.org"
