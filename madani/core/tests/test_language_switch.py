import re

from django.urls import reverse


def _html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def test_arabic_is_the_default_and_right_to_left(anonymous, db):
    response = anonymous.get("/")
    assert _html_tag(response) == '<html lang="ar" dir="rtl">'
    assert "bootstrap.rtl.min.css" in response.content.decode()


def test_english_lives_under_en_and_is_left_to_right(anonymous, db):
    response = anonymous.get("/en/")
    assert _html_tag(response) == '<html lang="en" dir="ltr">'
    assert "bootstrap.rtl.min.css" not in response.content.decode()


def test_the_switch_keeps_the_user_on_the_same_page(client_a, organization_a):
    path = reverse("organizations:detail", args=[organization_a.pk])
    arabic = client_a.get(path)
    switch = re.search(r'<a[^>]*id="language-switch"[^>]*href="([^"]+)"', arabic.content.decode()).group(1)
    assert switch == f"/en{path}"
    english = client_a.get(switch)
    assert _html_tag(english) == '<html lang="en" dir="ltr">'
    assert "Tutul" in english.content.decode()
    back = re.search(r'<a[^>]*id="language-switch"[^>]*href="([^"]+)"', english.content.decode()).group(1)
    assert back == path


def test_the_switch_keeps_search_filters(client_a):
    response = client_a.get(reverse("organizations:list"), {"q": "توتول", "kind": "cso"})
    switch = re.search(r'id="language-switch"[^>]*href="([^"]+)"', response.content.decode()).group(1)
    assert switch.startswith("/en/organizations/?")
    assert "kind=cso" in switch


def test_an_unprefixed_url_is_arabic_even_for_an_english_browser(anonymous, db):
    response = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="ar"' in _html_tag(response)


def test_labels_are_translated(anonymous):
    assert "تسجيل الدخول" in anonymous.get(reverse("account_login")).content.decode()
    assert "Sign in" in anonymous.get("/en" + reverse("account_login")).content.decode()
