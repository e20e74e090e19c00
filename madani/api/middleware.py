"""What every ``/api/`` request gets before and after DRF:

- the client's language: ``/api/`` is outside ``i18n_patterns``, where Django's ``LocaleMiddleware`` always
  picks the default language (Arabic). Here the ``Accept-Language`` header decides — errors, messages and
  the schema's titles — and the default stays Arabic without it;
- JSON for a path the API does not have (``/api/v1/people/abc/``): Django's 404 page is HTML."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import get_supported_language_variant, parse_accept_lang_header


def language_from_header(request) -> str:
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class ApiMiddleware:
    """After ``LocaleMiddleware``; acts on ``/api/`` paths only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = language_from_header(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if response.status_code == 404 and not response.get("Content-Type", "").startswith("application/"):
            response = JsonResponse({"detail": _("Not found.")}, status=404)
        response.headers.setdefault("Content-Language", language)
        return response
