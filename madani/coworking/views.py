import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from madani.core.confirm import confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import ObjectAccess, require

from . import services
from .calendar import week_grid, week_start
from .filters import BookingFilter
from .forms import BookingForm, MarkUsedForm, ResourceForm
from .models import HOLDING_STATUSES, BookableResource, Booking
from .permissions import can_book, can_manage_space, can_see_space_as_staff
from .tables import BookingTable


def _get_resource_for_user(user, pk) -> tuple[BookableResource, ObjectAccess]:
    """A room or resource of a branch ``user`` may book in (404 otherwise), and what they may do with it."""
    resource = get_object_or_404(BookableResource.objects.visible_to(user).select_related("branch"), pk=pk)
    return resource, ObjectAccess(user, resource, book=can_book, manage=can_manage_space)


def _get_booking_for_user(user, pk) -> tuple[Booking, ObjectAccess]:
    """A booking ``user`` sees (their branches', their organization's; 404 otherwise), and what they may do with
    it: record its use or no-show (staff who manage the space), see its history (center staff)."""
    booking = get_object_or_404(
        Booking.objects.visible_to(user).select_related("resource__branch", "organization", "booked_by", "activity"),
        pk=pk,
    )
    return booking, ObjectAccess(user, booking, record=can_manage_space, see_history=can_see_space_as_staff)


@login_required
def index(request):
    """The rooms and resources of each branch the user may book in, with today's bookings counted."""
    resources = BookableResource.objects.visible_to(request.user)
    if not can_manage_space(request.user):
        resources = resources.filter(active=True)
    today = timezone.localdate()
    resources = resources.select_related("branch").annotate(
        today=Count("bookings", filter=Q(bookings__start__date=today, bookings__status__in=HOLDING_STATUSES))
    ).order_by("branch__code", "kind", "name_ar", "pk")
    by_branch = {}
    for resource in resources:
        by_branch.setdefault(resource.branch, []).append(resource)
    context = {"by_branch": by_branch.items(), "can_manage": can_manage_space(request.user)}
    return render(request, "coworking/index.html", context)


@login_required
def calendar(request, pk):
    resource, access = _get_resource_for_user(request.user, pk)
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    others = BookableResource.objects.visible_to(request.user).filter(branch_id=resource.branch_id, active=True)
    context = {
        "resource": resource, "access": access,
        "resources": others,
        "grid": week_grid(resource, week_start(day), request.user),
        "can_book": access.can_book and resource.active,
    }
    return render(request, "coworking/calendar.html", context)


@login_required
def booking_create(request, pk):
    resource, access = _get_resource_for_user(request.user, pk)
    require(access.can_book)
    initial = BookingForm.initial_for(request.GET.get("start"), request.user)
    form = BookingForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(actor=request.user, resource=resource, data=form.booking_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The slot is booked."))
            return redirect("coworking:booking_detail", pk=booking.pk)
    opens, closes = services.opening_hours()
    context = {"form": form, "resource": resource, "opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
    return render(request, "coworking/booking_form.html", context)


def _filtered(request):
    queryset = Booking.objects.visible_to(request.user).select_related("resource__branch", "organization")
    return BookingFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def booking_list(request):
    """Staff: their branches' bookings. CSO members: their organization's."""
    return render_list(request, _filtered(request), ordering=["-start", "-pk"], template="coworking/booking_list.html",
                       table=BookingTable(), context={"export_url": reverse("coworking:booking_export")})


@login_required
def booking_export(request):
    return BookingTable().export(request, "bookings", filtered_queryset(_filtered(request)).order_by("start", "pk"))


@login_required
def booking_detail(request, pk):
    booking, access = _get_booking_for_user(request.user, pk)
    context = {
        "booking": booking, "access": access,
        "begun": booking.start <= timezone.now(),
        "history": history_entries(booking) if access.can_see_history else None,
    }
    return render(request, "coworking/booking_detail.html", context)


def _close(request, booking, service, *, title, question, done_message, button_class="btn-danger"):
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    when = f"{date_format(start, 'DATE_FORMAT')}, {start:%H:%M}–{end:%H:%M}"
    back = reverse("coworking:booking_detail", args=[booking.pk])
    return confirm_action(
        request, title=title, button=title, button_class=button_class, question=question,
        details=[" · ".join(str(part) for part in (booking.resource, when, booking.organization))],
        action=lambda form: service(actor=request.user, booking=booking),
        done_message=done_message, done_url=back, back_url=back)


@login_required
def booking_cancel(request, pk):
    """The organization's member or the branch's staff cancel a booking that has not begun."""
    booking, _access = _get_booking_for_user(request.user, pk)
    return _close(request, booking, services.booking_cancel, title=_("Cancel the booking"),
                  question=_("The slot becomes free for others."),
                  done_message=_("The booking was cancelled; the slot is free again."))


@login_required
def booking_no_show(request, pk):
    booking, access = _get_booking_for_user(request.user, pk)
    require(access.can_record)
    return _close(request, booking, services.booking_mark_no_show, title=_("Mark as no-show"),
                  question=_("Nobody came: nothing is recorded in the ledger."), button_class="btn-warning",
                  done_message=_("The booking was marked as a no-show."))


@login_required
def booking_mark_used(request, pk):
    """Staff record that the organization used its booking: a service in the activity ledger."""
    booking, access = _get_booking_for_user(request.user, pk)
    require(access.can_record)
    day = timezone.localtime(booking.start).date()
    form = MarkUsedForm(request.POST or None, user=request.user,
                        initial={"program": services.default_program(booking.resource.branch, day)})
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_mark_used(actor=request.user, booking=booking, program=form.cleaned_data["program"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The use was recorded in the activity ledger."))
            return redirect("coworking:booking_detail", pk=booking.pk)
    return render(request, "coworking/booking_used.html", {"form": form, "booking": booking})


def _resource_form(request, resource, access=None):
    require(access.can_manage if access else can_manage_space(request.user))
    form = ResourceForm(request.POST or None, instance=resource, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_save(actor=request.user, resource=resource or BookableResource(),
                                              data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The room or resource was saved."))
            return redirect("coworking:calendar", pk=resource.pk)
    return render(request, "coworking/resource_form.html", {"form": form, "resource": resource})


@login_required
def resource_create(request):
    return _resource_form(request, None)


@login_required
def resource_edit(request, pk):
    return _resource_form(request, *_get_resource_for_user(request.user, pk))
