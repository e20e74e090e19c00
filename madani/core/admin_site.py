from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class MadaniAdminSite(admin.AdminSite):
    """The Django admin without a login of its own: its login page takes no credentials and sends to
    allauth's (keeping ``next``), so the admin is reached only through the second factor like every
    other page (DESIGN.md §5)."""

    def login(self, request, extra_context=None):
        index = reverse("admin:index", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME) or index
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(index)
            raise PermissionDenied  # signed in, not admin staff: no loop back to the login
        return redirect_to_login(next_url, login_url=reverse("account_login"))
