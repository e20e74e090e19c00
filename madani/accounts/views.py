"""The signed-in user's own pages: their profile and API tokens, and a CSO member's portal."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from madani.core.confirm import confirm_action
from madani.core.permissions import require

from . import portal as sections
from . import services
from .forms import ApiTokenForm
from .models import ApiToken
from .permissions import can_create_api_tokens, can_use_portal


def _get_token_for_user(user, pk) -> ApiToken:
    """One of the user's own tokens (anyone else's is a 404, administrators' included: they revoke in the admin)."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def _profile(request, *, form=None, new_key=None, status=200):
    user = request.user
    context = {
        "branches": user.branches.order_by("name"),
        "tokens": user.api_tokens.all(),
        "may_create_tokens": can_create_api_tokens(user),
        "form": form or ApiTokenForm(),
        "new_key": new_key,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
def profile(request):
    return _profile(request)


@never_cache  # the page that shows a new key once is never kept by a browser or a proxy
@login_required
@require_POST
def token_create(request):
    require(can_create_api_tokens(request.user))
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _profile(request, form=form, status=400)
    token, key = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
    return _profile(request, new_key=(token, key))


@login_required
def token_revoke(request, pk):
    token = _get_token_for_user(request.user, pk)
    back = reverse("accounts:profile")
    return confirm_action(
        request, title=_("Revoke API token"), button=_("Revoke"),
        question=_("Scripts and tools that use the token “%(name)s” (it starts with %(prefix)s) will be refused from "
                   "now on. This cannot be undone; you can make a new token.") % {"name": token.name,
                                                                                  "prefix": token.prefix},
        action=lambda form: services.api_token_revoke(actor=request.user, token=token),
        done_message=_("The token was revoked."), done_url=back, back_url=back)


@login_required
def portal(request):
    """The CSO member's portal: their organization's certificates, the library, open trainings."""
    user = request.user
    require(can_use_portal(user))
    certificates = sections.certificates(user)
    resources = sections.library(user)
    return render(request, "accounts/portal.html", {
        "organization": user.organization,
        "certificates": certificates[:sections.PORTAL_ROWS], "certificate_count": certificates.count(),
        "resources": resources[:sections.PORTAL_ROWS], "resource_count": resources.count(),
        "trainings": sections.open_trainings(),
    })
