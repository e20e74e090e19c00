from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from madani.branches.models import Branch
from madani.organizations.models import Organization
from madani.people.models import Person


@login_required
def index(request):
    user = request.user
    context = {
        "branches": Branch.objects.visible_to(user),
        "organization_count": Organization.objects.visible_to(user).count(),
        "person_count": Person.objects.visible_to(user).count(),
    }
    return render(request, "dashboard/index.html", context)
