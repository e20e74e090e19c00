"""Protection of the pages anyone may post to without an account (open-training registration, the
public consultation and training-suggestion forms, certificate checks): one decorator.

- **Rate limit** per client address (django-ratelimit on the shared cache, so every process counts the
  same; ``RATELIMIT_IP_META_KEY`` names the proxy's header). The rate is read from a ``MADANI_*`` setting
  at each request (listed in the README), so a test or an operator can change it. Beyond it the page
  answers 429 with a page that says why, and the view is not called.
- **Honeypot**: forms carry a ``website`` field people never see (``HoneypotField``); robots fill it in.
  A post with it filled is sent to the thanks page as if it had worked, and the view is not called:
  nothing is saved.

    @public_form(group="public-registration", rate="MADANI_PUBLIC_FORM_RATE",
                 honeypot_redirect="public:register_thanks")
    def register(request, pk): ...
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

HONEYPOT = "website"


class HoneypotField(forms.CharField):
    """The honeypot: a text field hidden from people (``website`` by name, see the form templates)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
        super().__init__(**kwargs)


def public_form(*, group, rate, methods=("POST",), honeypot_redirect=None,
                limited_template="core/public_limited.html", retry_after=None):
    """Rate-limit ``methods`` of the view per client address at the rate in setting ``rate`` (its name),
    counted in ``group`` (views sharing a group share the count); with ``honeypot_redirect`` (a URL
    name), drop posts whose honeypot is filled."""

    def current_rate(_group, _request):
        return getattr(settings, rate)

    def decorator(view):
        @wraps(view)
        def protected(request, *args, **kwargs):
            if request.method in methods:
                if is_ratelimited(request, group=group, key="ip", rate=current_rate, increment=True):
                    response = render(request, limited_template, status=429)
                    if retry_after:
                        response["Retry-After"] = str(retry_after)
                    return response
                if honeypot_redirect and request.method == "POST" and request.POST.get(HONEYPOT):
                    return redirect(honeypot_redirect)
            return view(request, *args, **kwargs)

        return protected

    return decorator
