from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from madani.core.registry import Mount, NavItem, PublicURL


class AccountsConfig(AppConfig):
    name = "madani.accounts"
    verbose_name = _("Accounts")
    mounts = [Mount("", "madani.accounts.urls")]

    nav_items = [
        NavItem(_("My portal"), "accounts:portal", "accounts.use_portal", order=5),
        NavItem(_("My profile"), "accounts:profile", order=900),
    ]
    public_urls = [
        PublicURL("account_login", "the sign-in form", robots=False),
        PublicURL("account_logout", "signs nobody out on GET; redirects home", robots=False),
        PublicURL("account_signup", "shows \"sign-up is closed\": accounts are created by administrators", robots=False),
        PublicURL("account_inactive", "a fixed message", robots=False),
        PublicURL("account_reset_password", "the password-reset form; says nothing about whether the address exists",
                  robots=False),
        PublicURL("account_reset_password_done", "a fixed message", robots=False),
        PublicURL("account_reset_password_from_key", "needs the key sent by email", robots=False),
        PublicURL("account_reset_password_from_key_done", "a fixed message", robots=False),
        PublicURL("account_email_verification_sent", "a fixed message", robots=False),
        PublicURL("account_confirm_email", "needs the key sent by email", robots=False),
        PublicURL("account_confirm_login_code", "only meaningful inside a pending login", robots=False),
        PublicURL("mfa_authenticate", "second step of a pending login", robots=False),
    ]

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        authenticator_added.connect(record_second_factor_on_setup, dispatch_uid="madani.accounts.mfa_setup")


def record_second_factor_on_setup(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP means typing a valid code from it: the session that did so has passed the
    second factor (core/middleware.py), as if it had signed in with it — no second sign-in needed."""
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, setup=True)
