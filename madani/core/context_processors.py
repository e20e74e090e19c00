from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_bidi, get_language_info


def page_languages(request) -> list[str]:
    """The languages this page exists in: all of them, unless the view said otherwise (a news post
    written in Arabic only sets ``request.page_languages = ["ar"]``)."""
    available = getattr(request, "page_languages", None)
    return [code for code, _name in settings.LANGUAGES if available is None or code in available]


def madani(request):
    """Language switch links (same page, other language — or that language's home page when this page
    does not exist in it), direction, demo flag."""
    path = request.get_full_path()
    current = get_language()
    available = page_languages(request)
    switch = [
        {"code": code, "name": get_language_info(code)["name_local"],
         "url": translate_url(path if code in available else reverse("public:home"), code), "current": code == current}
        for code, _name in settings.LANGUAGES
    ]
    demo = {}
    if settings.DEMO:
        from madani.sampledata.demo.core import DEMO_PASSWORD, demo_logins

        demo = {"demo_logins": demo_logins(), "demo_password": DEMO_PASSWORD}
    return {
        **demo,
        "LANGUAGE_SWITCH": switch,
        "TEXT_DIRECTION": "rtl" if get_language_bidi() else "ltr",
        "MADANI_DEMO": settings.DEMO,
        "MADANI_REQUIRE_2FA": settings.REQUIRE_2FA,
    }
