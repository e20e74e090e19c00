from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from madani.core.confirm import ConfirmForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import ObjectAccess, require

from . import services
from .filters import ListingFilter, PublicListingFilter
from .forms import ListingForm, RejectForm
from .models import ServiceListing, Status
from .permissions import can_moderate_listings, can_see_moderation_queue, can_submit_listings
from .tables import ListingTable

# --- The public directory: published listings only, no login. ---


def public_search(request):
    queryset = ServiceListing.objects.published().select_related("organization", "sector")
    return render_list(request, PublicListingFilter(request.GET or None, queryset=queryset),
                       ordering=["title", "pk"], template="directory/public_search.html",
                       partial="directory/partials/public_results.html")


def public_detail(request, pk):
    listing = get_object_or_404(
        ServiceListing.objects.published().select_related("organization", "sector").prefetch_related("places"), pk=pk
    )
    return render(request, "directory/public_detail.html", {"listing": listing})


# --- Managing listings: staff of the organization's branch, and the organization's own members. ---


def _get_listing_for_user(user, pk) -> tuple[ServiceListing, ObjectAccess]:
    """A listing ``user`` sees (404 otherwise: staff of the organization's branch, its own members), and what
    they may do with it."""
    listing = get_object_or_404(
        ServiceListing.objects.visible_to(user).select_related("organization", "sector", "moderated_by"), pk=pk
    )
    return listing, ObjectAccess(user, listing, submit=can_submit_listings, moderate=can_moderate_listings,
                                 see_history=can_see_moderation_queue)


def _filtered(request):
    queryset = ServiceListing.objects.visible_to(request.user).select_related("organization", "sector")
    return ListingFilter(request.GET or None, queryset=queryset)


@login_required
def listing_list(request):
    """Staff: the moderation queue of their branches, counted by status. CSO members: their own services."""
    counts = dict(ServiceListing.objects.visible_to(request.user).values_list("status").annotate(n=Count("pk")))
    summary = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
    return render_list(request, _filtered(request), ordering=["status", "-updated_at", "-pk"],
                       template="directory/listing_list.html", table=ListingTable(),
                       context={"summary": summary, "can_submit": can_submit_listings(request.user),
                                "export_url": reverse("directory:export")})


@login_required
def listing_export(request):
    queryset = filtered_queryset(_filtered(request)).prefetch_related("places").order_by("pk")
    return ListingTable().export(request, "service-listings", queryset)


@login_required
def listing_detail(request, pk):
    listing, access = _get_listing_for_user(request.user, pk)
    context = {
        "listing": listing, "access": access,
        "history": history_entries(listing) if access.can_see_history else None,
    }
    return render(request, "directory/listing_detail.html", context)


def _submit(request, listing=None, access=None):
    require(access.can_submit if access else can_submit_listings(request.user))
    form = ListingForm(request.POST or None, instance=listing, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.listing_submit(actor=request.user, data=form.cleaned_data, listing=listing)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The listing was saved; it appears in the public directory once a moderator "
                                        "of the center has published it."))
            return redirect("directory:detail", pk=listing.pk)
    return render(request, "directory/listing_form.html", {"form": form, "listing": listing})


@login_required
def listing_create(request):
    return _submit(request)


@login_required
def listing_edit(request, pk):
    return _submit(request, *_get_listing_for_user(request.user, pk))


@login_required
def listing_publish(request, pk):
    listing, access = _get_listing_for_user(request.user, pk)
    require(access.can_moderate)
    if request.method == "POST":
        try:
            services.listing_publish(actor=request.user, listing=listing)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The listing is published."))
        return redirect("directory:detail", pk=listing.pk)
    return render(request, "directory/listing_publish.html", {"listing": listing})


@login_required
def listing_reject(request, pk):
    listing, access = _get_listing_for_user(request.user, pk)
    require(access.can_moderate)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_reject(actor=request.user, listing=listing, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The listing was rejected; the organization sees the reason."))
            return redirect("directory:detail", pk=listing.pk)
    return render(request, "directory/listing_reject.html", {"form": form, "listing": listing})


@login_required
def listing_withdraw(request, pk):
    listing, access = _get_listing_for_user(request.user, pk)
    require(access.can_submit)
    back = reverse("directory:detail", args=[listing.pk])
    return confirm_action(
        request, title=_("Withdraw"), button=_("Withdraw"), button_class="btn-secondary",
        heading=_("Withdraw “%(listing)s”") % {"listing": listing},
        form=partial(ConfirmForm, label=_("Yes, withdraw this listing from the public directory")),
        action=lambda form: services.listing_withdraw(actor=request.user, listing=listing),
        done_message=_("The listing was withdrawn from the public directory."), done_url=back, back_url=back)
