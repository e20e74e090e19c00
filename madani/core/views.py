from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from madani.branches.models import Branch
from madani.organizations.models import Organization
from madani.people.models import Person


def home(request):
    """The public front door: who the center is, and the way in for staff and CSO members."""
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    user = request.user
    context = {
        "branches": Branch.objects.visible_to(user),
        "organization_count": Organization.objects.visible_to(user).count(),
        "person_count": Person.objects.visible_to(user).count(),
    }
    return render(request, "core/dashboard.html", context)
