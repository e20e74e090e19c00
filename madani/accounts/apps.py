from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "madani.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        authenticator_added.connect(record_second_factor_on_setup, dispatch_uid="madani.accounts.mfa_setup")


def record_second_factor_on_setup(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP means typing a valid code from it: the session that did so has passed the
    second factor (core/middleware.py), as if it had signed in with it — no second sign-in needed."""
    from allauth.account.internal.flows.login import record_authentication

    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, setup=True)
