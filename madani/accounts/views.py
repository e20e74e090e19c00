from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from madani.core.permissions import require

from . import portal as sections
from .permissions import can_use_portal


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
