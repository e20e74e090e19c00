from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils.translation import gettext
from django.utils.cache import patch_cache_control


# Browser features no Madani page uses, refused to every page and to anything embedded in it (a script
# that got in cannot turn on the camera, read the position of a person at risk or track the visitor).
# Left at the browsers' default (this origin only): fullscreen (the library's video player) and the
# publickey-credentials ones (passkeys). Add a feature here only with the page that needs it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
        "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
)


class PermissionsPolicyMiddleware:
    """Every response says which browser features its page may use: none (PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RefuseNulCharactersMiddleware:
    """A query string holding a NUL character is refused with 400 before any view reads it: no text a person
    types holds one, and PostgreSQL refuses to even compare such a string (every search box and filter would
    answer 500). Form fields refuse NUL themselves (Django's and DRF's character fields)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            message = gettext("The address holds a character that is not allowed (NUL).")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages shown to a signed-in user are never stored by shared caches (DESIGN.md §5)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


def passed_second_factor(request, user) -> bool:
    """allauth's login records in the session each factor it checked ("password", "mfa"); only a session
    whose "mfa" step passed — at login or when the authenticator was set up (accounts/apps.py) — did."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, user))


class RequireTwoFactorMiddleware:
    """Two factors on every way in (DESIGN.md §5).

    A user who has an authenticator is signed in only by a session that passed it: a session made any
    other way — the Django admin's login, a ``login()`` without allauth's second step — is signed out
    here, whatever the role and MADANI_REQUIRE_2FA, so the request goes on as anonymous (a page sends
    to the login, the API answers 401).

    With MADANI_REQUIRE_2FA on (off in the demo), staff roles without an authenticator must set one up
    before they can use anything but the account pages.
    """

    ALLOWED_URL_NAMES_PREFIXES = ("account_", "mfa_")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not passed_second_factor(request, user):
            from allauth.mfa.utils import is_mfa_enabled

            if is_mfa_enabled(user):
                logout(request)
            elif settings.REQUIRE_2FA and user.needs_two_factor_setup():
                match = resolve(request.path_info)
                name = match.url_name or ""
                is_static = request.path_info.startswith(settings.STATIC_URL)
                if not is_static and not name.startswith(self.ALLOWED_URL_NAMES_PREFIXES) and name != "set_language":
                    return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
