from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils.cache import patch_cache_control


class PrivateCacheMiddleware:
    """Pages shown to a signed-in user are never stored by shared caches (DESIGN.md §5)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class RequireTwoFactorMiddleware:
    """Staff roles must set up TOTP before they can use anything but the account pages.

    Off when MADANI_REQUIRE_2FA is off (the demo).
    """

    ALLOWED_URL_NAMES_PREFIXES = ("account_", "mfa_")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if settings.REQUIRE_2FA and user.is_authenticated and user.needs_two_factor_setup():
            match = resolve(request.path_info)
            name = match.url_name or ""
            is_static = request.path_info.startswith(settings.STATIC_URL)
            if not is_static and not name.startswith(self.ALLOWED_URL_NAMES_PREFIXES) and name != "set_language":
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
