from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from madani.core.confirm import ReasonForm, confirm_action
from madani.core.exports import export_response
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import require
from madani.core.public_forms import public_form

from . import services
from .filters import RequestFilter
from .forms import AssignForm, PortalRequestForm, PublicRequestForm, SessionLogForm, StaffRequestForm
from .models import Request, RequestKind, RequestSource
from .permissions import can_log_sessions, can_see_own_requests, can_take_requests
from .selectors import per_branch

# Public forms: at most this many submissions per client IP, both forms together.


def _get_request_for_user(user, pk) -> Request:
    return get_object_or_404(
        Request.objects.visible_to(user).select_related("branch", "organization", "topic", "expert", "activity"),
        pk=pk,
    )


def _filtered(request):
    queryset = Request.objects.visible_to(request.user).select_related("branch", "organization", "topic", "expert")
    return RequestFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def request_list(request):
    """Staff: the queue of their branches, with requests and sessions counted per branch.
    CSO members: their organization's requests."""
    summary = per_branch(request.user) if request.user.is_center_staff and not request.htmx else None
    return render_list(request, _filtered(request), ordering=["-created_at", "-pk"],
                       template="consultations/request_list.html", partial="consultations/partials/results.html",
                       context={"summary": summary, "export_url": reverse("consultations:export")})


@login_required
def request_export(request):
    queryset = filtered_queryset(_filtered(request)).select_related("activity")
    contacts = request.user.can_see_contacts
    header = [_("ID"), _("Kind"), _("Status"), _("Source"), _("Branch"), pgettext("sender", "From"), _("Subject"), _("Received"),
              _("Expert"), _("Ledger activity")]
    if contacts:
        header += [_("Contact name"), _("Contact phone"), _("Contact email")]

    def rows():
        for r in queryset.order_by("pk").iterator(chunk_size=2000):
            row = [r.pk, r.get_kind_display(), r.get_status_display(), r.get_source_display(), r.branch,
                   r.organization or r.organization_name, r.topic_text or r.topic or "",
                   timezone.localdate(r.created_at), r.expert or "", r.activity_id or ""]
            yield row + [r.contact_name, r.contact_phone, r.contact_email] if contacts else row

    return export_response(request, "requests", header, rows())


@login_required
def request_detail(request, pk):
    support_request = _get_request_for_user(request.user, pk)
    activity = support_request.activity
    context = {
        "support_request": support_request,
        "sessions": activity.sessions.select_related("facilitator") if activity else [],
        "can_record": can_take_requests(request.user),
        "can_log": can_log_sessions(request.user, support_request),
        "can_see_contacts": request.user.can_see_contacts or support_request.requester_id == request.user.pk,
        "history": history_entries(support_request) if request.user.is_center_staff else None,
    }
    return render(request, "consultations/request_detail.html", context)


@login_required
def request_create(request):
    """Staff take a request in for one of their branches; a CSO member files one for their organization."""
    user = request.user
    if can_take_requests(user):
        form, source = StaffRequestForm(request.POST or None, user=user), RequestSource.STAFF
    elif can_see_own_requests(user):
        initial = {"branch": user.organization.branch_id}
        form, source = PortalRequestForm(request.POST or None, initial=initial), RequestSource.PORTAL
    else:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if source == RequestSource.PORTAL:
            data.update(contact_name=str(user), contact_email=user.email)
        try:
            support_request = services.request_create(actor=user, data=data, source=source)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request was received."))
            return redirect("consultations:detail", pk=support_request.pk)
    return render(request, "consultations/request_form.html", {"form": form})


@login_required
def request_assign(request, pk):
    support_request = _get_request_for_user(request.user, pk)
    require(can_take_requests(request.user))
    form = AssignForm(request.POST or None, user=request.user, support_request=support_request)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_assign(actor=request.user, support_request=support_request, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request was accepted and recorded in the activity ledger."))
            return redirect("consultations:detail", pk=support_request.pk)
    return render(request, "consultations/request_assign.html", {"form": form, "support_request": support_request})


@login_required
def request_log_session(request, pk):
    support_request = _get_request_for_user(request.user, pk)
    if not can_log_sessions(request.user, support_request):
        raise PermissionDenied
    form = SessionLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_log_session(actor=request.user, support_request=support_request, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("consultations:detail", pk=support_request.pk)
    return render(request, "consultations/request_session.html", {"form": form, "support_request": support_request})


def _decide(request, pk, service, *, title, heading, done_message, question=None, button_class="btn-danger"):
    support_request = _get_request_for_user(request.user, pk)
    require(can_take_requests(request.user))
    back = reverse("consultations:detail", args=[support_request.pk])
    return confirm_action(
        request, title=title, heading=heading, button=title, button_class=button_class,
        details=[support_request], question=question,
        form=partial(ReasonForm, label=_("Staff note"), required=False),
        action=lambda form: service(actor=request.user, support_request=support_request,
                                    note=form.cleaned_data["reason"]),
        done_message=done_message, done_url=back, back_url=back)


@login_required
def request_close(request, pk):
    support_request = _get_request_for_user(request.user, pk)
    question = _("The request's activity will be marked completed.") if support_request.activity_id else None
    return _decide(request, pk, services.request_close, title=_("Close as done"), heading=_("Close as done"),
                   question=question, button_class="btn-primary", done_message=_("The request was closed."))


@login_required
def request_decline(request, pk):
    return _decide(request, pk, services.request_decline, title=_("Decline"), heading=_("Decline the request"),
                   done_message=_("The request was declined."))


@public_form(group="consultations-public", rate="MADANI_PUBLIC_FORM_RATE", honeypot_redirect="consultations:thanks")
def _public_form(request, kind):
    """A public form: no login, rate-limited per IP, a honeypot against robots, nothing shown back."""
    form = PublicRequestForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        services.request_create(actor=None, data=form.request_data(), source=RequestSource.PUBLIC)
        return redirect("consultations:thanks")
    return render(request, "consultations/public_form.html", {"form": form, "kind": kind})


def public_training_suggestion(request):
    return _public_form(request, RequestKind.TRAINING_SUGGESTION)


def public_consultation_request(request):
    return _public_form(request, RequestKind.CONSULTATION)


def public_thanks(request):
    return render(request, "consultations/public_thanks.html")
