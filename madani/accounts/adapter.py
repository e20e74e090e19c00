import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit  # returns the usage, to take a success back
from django.conf import settings
from django.core import signing
from django.urls import reverse

from madani.core.net import client_ip

# A browser that has signed in to an account before carries a signed cookie that says so (OWASP's
# "device cookies"): the account-wide limit on failed logins, which a stranger can exhaust from anywhere,
# does not apply to it, so an attack on an account never locks its owner out of their own browser.
KNOWN_DEVICE_COOKIE = "madani_device"
KNOWN_DEVICE_SALT = "madani.accounts.known-device"
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 3600
KNOWN_DEVICE_MAX_ACCOUNTS = 5


def _account_digest(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:20]


def known_accounts(request) -> list[str]:
    try:
        value = signing.loads(request.COOKIES.get(KNOWN_DEVICE_COOKIE, ""), salt=KNOWN_DEVICE_SALT,
                              max_age=KNOWN_DEVICE_MAX_AGE)
    except signing.BadSignature:
        return []
    return value if isinstance(value, list) else []


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by the center's administrators, never by public sign-up.

    Failed logins are limited (ACCOUNT_RATE_LIMITS in settings.py) per address, per account *and*
    address ("login_failed", its "key" here includes the address, so a stranger elsewhere cannot use up
    the owner's attempts) and per account from browsers that never signed in to it
    ("login_failed_account").
    """

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        return client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys it on the site's domain, which without django.contrib.sites is the request's Host —
        # port included, and Django's ALLOWED_HOSTS ignores the port: "host:1", "host:2"… would each get
        # their own five tries (and two app servers reached on different ports their own counters).
        login = (credentials.get("email", credentials.get("username", "")) or "").strip().lower()
        return f"{login}:{client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        self._account_rl_usage = None
        login = credentials.get("email", credentials.get("username", "")) or ""
        if _account_digest(login) in known_accounts(request):
            return
        self._account_rl_usage = ratelimit.consume(request, app="allauth.account", action="login_failed_account",
                                                   key=f"account:{_account_digest(login)}")
        if not self._account_rl_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user and getattr(self, "_account_rl_usage", None):
            self._account_rl_usage.rollback()  # only failures count, as allauth does for its own limits
        return user

    def get_login_redirect_url(self, request):
        """A trainer lands on their sessions (today's and the coming ones); everyone else on the dashboard."""
        from madani.activities.permissions import can_lead_sessions

        if can_lead_sessions(request.user):
            return reverse("activities:my_sessions")
        return super().get_login_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        """Once every factor has passed, this browser is known to the account (see KNOWN_DEVICE_COOKIE)."""
        response = super().post_login(request, user, **kwargs)
        digest = _account_digest(user.email)
        accounts = [digest] + [a for a in known_accounts(request) if a != digest][: KNOWN_DEVICE_MAX_ACCOUNTS - 1]
        response.set_cookie(KNOWN_DEVICE_COOKIE, signing.dumps(accounts, salt=KNOWN_DEVICE_SALT),
                            max_age=KNOWN_DEVICE_MAX_AGE, httponly=True, samesite="Lax",
                            secure=settings.SESSION_COOKIE_SECURE)
        return response
