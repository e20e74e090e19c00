from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from madani.activities.journey import capacity_journey
from madani.core.concurrency import StaleVersion
from madani.core.confirm import ConfirmForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import ObjectAccess, require
from madani.people.models import Affiliation, Person

from . import services
from .filters import OrganizationFilter
from .forms import OrganizationForm
from .models import Organization
from .permissions import can_edit_organizations
from .tables import OrganizationTable


def _get_organization_for_user(user, pk) -> tuple[Organization, ObjectAccess]:
    """An organization ``user`` sees (404 otherwise), and what they may do with it: registry editors change
    their branches' records; center-wide ones only administrators."""
    organization = get_object_or_404(Organization.objects.visible_to(user), pk=pk)
    return organization, ObjectAccess(user, organization, edit=can_edit_organizations)


def _filtered(request):
    queryset = Organization.objects.visible_to(request.user).select_related("branch", "place")
    return OrganizationFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def organization_list(request):
    return render_list(request, _filtered(request), ordering=["name_ar", "pk"],
                       template="organizations/organization_list.html",
                       context={"export_url": reverse("organizations:export")}, table=OrganizationTable())


@login_required
def organization_export(request):
    return OrganizationTable().export(request, "organizations", filtered_queryset(_filtered(request)).order_by("pk"))


@login_required
def organization_detail(request, pk):
    organization, access = _get_organization_for_user(request.user, pk)
    affiliations = (
        Affiliation.objects.filter(organization=organization, person__in=Person.objects.visible_to(request.user))
        .select_related("person")
        .order_by("end_date", "person__full_name")
    )
    context = {
        "organization": organization, "access": access,
        "affiliations": affiliations,
        "members": organization.members.visible_to(request.user),
        "networks": organization.networks.visible_to(request.user),
        "history": history_entries(organization),
        "journey": capacity_journey(organization, request.user),
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
def organization_create(request):
    require(can_edit_organizations(request.user))
    form = OrganizationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        organization = services.organization_create(actor=request.user, data=form.cleaned_data)
        messages.success(request, _("The organization was saved."))
        return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form})


@login_required
def organization_edit(request, pk):
    organization, access = _get_organization_for_user(request.user, pk)
    require(access.can_edit)
    form = OrganizationForm(request.POST or None, instance=organization, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(actor=request.user, organization=organization, data=form.cleaned_data,
                                         version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("The organization was saved."))
            return redirect("organizations:detail", pk=organization.pk)
    return render(request, "organizations/organization_form.html", {"form": form, "organization": organization})


@login_required
def organization_delete(request, pk):
    organization, access = _get_organization_for_user(request.user, pk)
    require(access.can_edit)
    return confirm_action(
        request, title=_("Delete organization"), button=_("Delete"),
        heading=_("Delete “%(organization)s”?") % {"organization": organization},
        question=_("The record is removed from the registry; its change history is kept."),
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.organization_delete(actor=request.user, organization=organization),
        done_message=_("The organization was deleted."), done_url=reverse("organizations:list"),
        protected_message=_("This organization still has people affiliated with it; it cannot be deleted."),
        back_url=reverse("organizations:detail", args=[organization.pk]))
