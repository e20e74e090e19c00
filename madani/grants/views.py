"""Grants pages: thin views — fetch through ``visible_to`` (404 otherwise) with what the user may do,
check the rule, call a service."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from madani.core.concurrency import VERSION_FIELD, StaleVersion
from madani.core.confirm import NoForm, ReasonForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import require
from madani.core.uploads import attachment_response

from . import exports, selectors, services
from .filters import ApplicationFilter
from .forms import (
    ApplicationForm,
    AttachmentForm,
    BudgetLineFormSet,
    CallForm,
    CloseForm,
    CriterionEditFormSet,
    CriterionFormSet,
    DecisionForm,
    DeclarationForm,
    DisburseForm,
    EligibilityForm,
    ProjectActivityForm,
    ReportForm,
    ScoreForm,
    TrancheForm,
)
from .models import (
    Application,
    ApplicationSource,
    ApplicationStatus,
    Attachment,
    Award,
    AwardStatus,
    BudgetLine,
    Call,
    CallStatus,
    GrantReport,
    ReportStatus,
    Review,
    Tranche,
)
from .permissions import (
    can_apply,
    can_edit_application,
    can_manage_finances,
    can_manage_grants,
    can_review_applications,
    can_see_grants,
    can_see_own_applications,
    can_see_scores,
    can_submit_report,
)
from .scoring import criterion_means, weighted_total
from .services import award_balance
from .tables import ApplicationTable, AwardTable

# --- fetching, with what the user may do --------------------------------------------------------------


def _get_call_for_user(user, pk):
    call = get_object_or_404(Call.objects.visible_to(user).select_related("program"), pk=pk)
    manage = can_manage_grants(user)
    return call, {"manage": manage, "apply": call.is_open and can_apply(user),
                  "edit": manage and call.status == CallStatus.DRAFT,
                  "open": manage and call.status in (CallStatus.DRAFT, CallStatus.CLOSED),
                  "close": manage and call.status == CallStatus.OPEN,
                  "review": manage and call.status == CallStatus.CLOSED,
                  "decided": manage and call.status == CallStatus.REVIEWING}


def _get_application_for_user(user, pk):
    application = get_object_or_404(
        Application.objects.visible_to(user).select_related("call", "organization", "branch", "coach"), pk=pk)
    manage, status = can_manage_grants(user), application.status
    return application, {
        "manage": manage,
        "edit": can_edit_application(user, application),
        "submit": can_edit_application(user, application),
        "check": manage and status == ApplicationStatus.SUBMITTED,
        "request_info": manage and status == ApplicationStatus.IN_REVIEW,
        "decide": manage and status == ApplicationStatus.IN_REVIEW,
        "withdraw": can_edit_application(user) and status in WITHDRAWABLE,
        "see_scores": can_see_scores(user),
    }


WITHDRAWABLE = {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW,
                ApplicationStatus.MORE_INFO}
# Who may take each step (403 otherwise); whether it is the time for it is the application's state (the page
# then says so and a POST does nothing).
STEP_RULES = {"submit": can_edit_application, "check": can_manage_grants, "request_info": can_manage_grants,
              "decide": can_manage_grants, "withdraw": can_edit_application}


def _get_review_for_user(user, pk):
    """A panel member's own review (others' are 404, whoever they are)."""
    return get_object_or_404(Review.objects.select_related("application__call", "application__organization"),
                             pk=pk, reviewer=user)


def _get_award_for_user(user, pk):
    award = get_object_or_404(Award.objects.visible_to(user).select_related(
        "application__call__program", "organization", "branch", "project"), pk=pk)
    manage, active = can_manage_grants(user), award.status == AwardStatus.ACTIVE
    return award, {"manage": manage and active, "finance": can_manage_finances(user) and active,
                   "report": can_submit_report(user), "close": manage and active}


def _get_tranche_for_user(user, pk):
    return get_object_or_404(Tranche.objects.visible_to(user).select_related("award__application"), pk=pk)


def _get_report_for_user(user, pk):
    return get_object_or_404(GrantReport.objects.visible_to(user).select_related("award__application", "tranche"),
                             pk=pk)


# --- dashboard and lists --------------------------------------------------------------------------------


@login_required
def dashboard(request):
    require(can_see_grants(request.user))
    return render(request, "grants/dashboard.html", selectors.dashboard(request.user))


@login_required
def call_list(request):
    require(can_see_grants(request.user) or can_see_own_applications(request.user))
    calls = Call.objects.visible_to(request.user).select_related("program").order_by("-deadline")
    return render(request, "grants/call_list.html", {"calls": calls, "can_manage": can_manage_grants(request.user)})


def _filtered(request):
    queryset = Application.objects.visible_to(request.user).select_related("call", "organization", "branch")
    return ApplicationFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def application_list(request):
    require(can_see_grants(request.user) or can_see_own_applications(request.user))
    return render_list(request, _filtered(request), ordering=["-created_at", "-pk"],
                       template="grants/application_list.html", partial="grants/partials/applications.html",
                       context={"export_url": reverse("grants:application_export")}, table=ApplicationTable())


@login_required
def application_export(request):
    require(can_see_grants(request.user) or can_see_own_applications(request.user))
    return ApplicationTable().export(request, "grant-applications", filtered_queryset(_filtered(request)).order_by("pk"))


@login_required
def award_list(request):
    require(can_see_grants(request.user) or can_see_own_applications(request.user))
    awards = Award.objects.visible_to(request.user).select_related("application", "organization", "branch")
    awards = awards.prefetch_related("tranches__award").order_by("-awarded_on", "-pk")
    table = AwardTable()
    from django.core.paginator import Paginator

    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(request, "grants/award_list.html", {"table": table, "table_rows": table.page_rows(page),
                                                      "page": page})


@login_required
def awards_workbook(request):
    """Excel: every award with its budget lines, budgeted against spent (approved reports) and the variance."""
    require(can_see_grants(request.user))
    return exports.awards_workbook(Award.objects.visible_to(request.user))


@login_required
def giving_360(request):
    """The 360Giving data package of the awards the user may see (JSON)."""
    require(can_see_grants(request.user))
    response = HttpResponse(exports.giving_package(Award.objects.visible_to(request.user), request),
                            content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="grants-360giving.json"'
    return response


# --- calls ----------------------------------------------------------------------------------------------


@login_required
def call_create(request):
    require(can_manage_grants(request.user))
    form = CallForm(request.POST or None, user=request.user)
    criteria = CriterionFormSet(request.POST or None, prefix="criteria")
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        data = dict(form.cleaned_data)
        panel = data.pop("panel")
        data["title"] = data["title_ar"]
        rows = [{**row, "name": row["name_ar"]} for row in criteria.cleaned_data if row]
        try:
            call = services.call_create(actor=request.user, data=data, criteria=rows, panel=panel)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call was saved as a draft."))
            return redirect("grants:call_detail", pk=call.pk)
    return render(request, "grants/call_form.html", {"form": form, "criteria": criteria})


@login_required
def call_edit(request, pk):
    """The draft call's own form, rubric and panel; once opened, a call is not changed."""
    call, actions = _get_call_for_user(request.user, pk)
    require(actions["edit"])
    form = CallForm(request.POST or None, instance=call, user=request.user)
    initial = [{"name_ar": c.name_ar, "name_en": c.name_en, "weight": c.weight} for c in call.criteria.all()]
    criteria = CriterionEditFormSet(request.POST or None, prefix="criteria", initial=initial)
    if request.method == "POST" and form.is_valid() and criteria.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != VERSION_FIELD}
        panel = data.pop("panel")
        data["title"] = data["title_ar"]
        rows = [{"name": row["name_ar"], "name_ar": row["name_ar"], "name_en": row["name_en"], "weight": row["weight"]}
                for row in criteria.cleaned_data if row and not row.get("DELETE")]
        try:
            services.call_update(actor=request.user, call=call, data=data, criteria=rows, panel=panel,
                                 version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("grants:call_detail", pk=call.pk)
    return render(request, "grants/call_form.html", {"form": form, "criteria": criteria, "call": call})


@login_required
def call_detail(request, pk):
    call, actions = _get_call_for_user(request.user, pk)
    applications = None
    if actions["manage"]:
        applications = [(a, weighted_total(a)) for a in Application.objects.visible_to(request.user).filter(
            call=call).select_related("organization").order_by("status", "pk")]
    return render(request, "grants/call_detail.html", {
        "call": call, "actions": actions, "applications": applications,
        "criteria": call.criteria.all(), "panel": call.panel.all() if actions["manage"] else None,
        "history": history_entries(call) if actions["manage"] else None})


def _call_step(request, pk, status, *, title, question):
    call, actions = _get_call_for_user(request.user, pk)
    require(actions["manage"])
    back = reverse("grants:call_detail", args=[call.pk])
    return confirm_action(request, title=title, question=question, button=title, button_class="btn-primary",
                          details=[call], form=NoForm,
                          action=lambda form: services.call_move(actor=request.user, call=call, status=status),
                          done_message=_("The call's status was changed."), done_url=back, back_url=back)


@login_required
def call_open(request, pk):
    return _call_step(request, pk, CallStatus.OPEN, title=_("Open the call"),
                      question=_("The call will be shown on the public site and in the CSO portal."))


@login_required
def call_close(request, pk):
    return _call_step(request, pk, CallStatus.CLOSED, title=_("Close the call"),
                      question=_("No application can be submitted after this."))


@login_required
def call_start_review(request, pk):
    return _call_step(request, pk, CallStatus.REVIEWING, title=_("Start the review"), question=None)


@login_required
def call_decided(request, pk):
    return _call_step(request, pk, CallStatus.DECIDED, title=_("Mark as decided"),
                      question=_("Every application has its decision."))


# --- applications ---------------------------------------------------------------------------------------


def _lines(formset, currency):
    return [{**{k: v for k, v in row.items() if k not in ("id", "DELETE")}, "currency": currency}
            for row in formset.cleaned_data if row and not row.get("DELETE")]


@login_required
def application_create(request, pk):
    call, actions = _get_call_for_user(request.user, pk)
    require(can_apply(request.user))
    if not call.is_open:
        messages.error(request, _("This call is not open for applications."))
        return redirect("grants:call_detail", pk=call.pk)
    staff = can_manage_grants(request.user)
    form = ApplicationForm(request.POST or None, user=request.user, staff=staff)
    lines = BudgetLineFormSet(request.POST or None, queryset=BudgetLine.objects.none(), prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = dict(form.cleaned_data)
        organization = data.pop("organization", None) or request.user.organization
        try:
            application = services.application_create(
                actor=request.user, call=call, organization=organization, data=data,
                lines=_lines(lines, call.currency),
                source=ApplicationSource.STAFF if staff else ApplicationSource.PORTAL)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application was saved as a draft; add documents, then submit it."))
            return redirect("grants:application_detail", pk=application.pk)
    return render(request, "grants/application_form.html", {"form": form, "lines": lines, "call": call})


@login_required
def application_edit(request, pk):
    application, actions = _get_application_for_user(request.user, pk)
    require(can_edit_application(request.user))
    if not actions["edit"]:
        messages.info(request, _("The application can no longer be changed."))
        return redirect("grants:application_detail", pk=application.pk)
    form = ApplicationForm(request.POST or None, instance=application, user=request.user,
                           staff=can_manage_grants(request.user))
    lines = BudgetLineFormSet(request.POST or None, queryset=application.budget_lines.all(), prefix="lines")
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "organization"}
        try:
            services.application_update(actor=request.user, application=application, data=data,
                                        lines=_lines(lines, application.currency))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The application was saved."))
            return redirect("grants:application_detail", pk=application.pk)
    return render(request, "grants/application_form.html", {"form": form, "lines": lines, "call": application.call,
                                                            "application": application})


@login_required
def application_detail(request, pk):
    application, actions = _get_application_for_user(request.user, pk)
    context = {"application": application, "actions": actions,
               "budget_lines": application.budget_lines.all(), "attachments": application.attachments.all(),
               "award": Award.objects.visible_to(request.user).filter(application=application).first()}
    if actions["see_scores"]:
        criteria = list(application.call.criteria.all())
        means = criterion_means(application)
        context.update(total=weighted_total(application), criteria_means=[(c, means.get(c.pk)) for c in criteria],
                       reviews=application.reviews.select_related("reviewer").prefetch_related("scores"),
                       history=history_entries(application))
    if request.user.is_center_staff:
        from madani.activities.journey import capacity_journey
        from madani.organizations.models import Organization

        context["journey"] = capacity_journey(application.organization, request.user)[:12]
        context["organization_visible"] = Organization.objects.visible_to(request.user).filter(
            pk=application.organization_id).exists()
    return render(request, "grants/application_detail.html", context)


@login_required
def attachment_add(request, pk):
    application, actions = _get_application_for_user(request.user, pk)
    require(can_edit_application(request.user))
    if not actions["edit"]:
        messages.info(request, _("The application can no longer be changed."))
        return redirect("grants:application_detail", pk=application.pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(actor=request.user, application=application, upload=form.cleaned_data["file"],
                                    kind=form.cleaned_data["kind"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The document was added."))
            return redirect("grants:application_detail", pk=application.pk)
    return render(request, "grants/simple_form.html", {
        "form": form, "title": _("Add a document"), "multipart": True,
        "back_url": reverse("grants:application_detail", args=[application.pk])})


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    return attachment_response(attachment.file)


def _application_action(request, pk, allowed, service, *, title, question=None, form=NoForm, done_message,
                        button_class="btn-primary", **kwargs):
    application, actions = _get_application_for_user(request.user, pk)
    require(STEP_RULES[allowed](request.user))
    back = reverse("grants:application_detail", args=[application.pk])
    done = None if actions[allowed] else _("This step is not open for the application in its state (%(status)s).") % {
        "status": application.get_status_display()}
    return confirm_action(request, title=title, question=question, button=title, button_class=button_class,
                          details=[application], form=form, errors_on_form=True, done=done,
                          action=lambda f: service(actor=request.user, application=application,
                                                   **{k: v(f) for k, v in kwargs.items()}),
                          done_message=done_message, done_url=back, back_url=back)


@login_required
def application_submit(request, pk):
    return _application_action(request, pk, "submit", services.application_submit, title=_("Submit the application"),
                               question=_("The budget lines must add up to the requested amount."),
                               done_message=_("The application was submitted."))


@login_required
def application_request_info(request, pk):
    return _application_action(request, pk, "request_info", services.application_request_info,
                               title=_("Ask for more information"),
                               form=partial(ReasonForm, label=_("What information is needed")),
                               note=lambda f: f.cleaned_data["reason"],
                               done_message=_("The organization was asked for more information."))


@login_required
def application_withdraw(request, pk):
    return _application_action(request, pk, "withdraw", services.application_withdraw,
                               title=_("Withdraw the application"), button_class="btn-danger",
                               form=partial(ReasonForm, required=False), note=lambda f: f.cleaned_data["reason"],
                               done_message=_("The application was withdrawn."))


@login_required
def application_eligibility(request, pk):
    return _application_action(request, pk, "check", services.application_check_eligibility,
                               title=_("Eligibility check"), form=EligibilityForm,
                               question=_("The call's rules are checked again; an eligible application goes to the "
                                          "panel."),
                               eligible=lambda f: f.cleaned_data["eligible"], note=lambda f: f.cleaned_data["note"],
                               done_message=_("The eligibility check was recorded."))


@login_required
def application_decide(request, pk):
    return _application_action(request, pk, "decide", services.application_decide,
                                title=_("Record the decision"), form=DecisionForm,
                                award=lambda f: f.cleaned_data["decision"], reasons=lambda f: f.cleaned_data["reasons"],
                                amount=lambda f: f.cleaned_data["amount"],
                                done_message=_("The decision was recorded."))


# --- review ---------------------------------------------------------------------------------------------


@login_required
def review_list(request):
    require(can_review_applications(request.user))
    reviews = (Review.objects.filter(reviewer=request.user, application__status=ApplicationStatus.IN_REVIEW)
               .select_related("application__call", "application__organization").order_by("declared_at", "pk"))
    return render(request, "grants/review_list.html", {"reviews": reviews})


@login_required
def review_declare(request, pk):
    review = _get_review_for_user(request.user, pk)
    back = reverse("grants:review_list")
    done = _("You have already made your declaration on this application.") if review.conflict is not None else None
    return confirm_action(
        request, title=_("Conflict of interest"), heading=_("Declare before you read the application"),
        question=_("You will open the application only if you declare no conflict of interest. A declared conflict "
                   "recuses you: you will not see or score it."),
        details=[review.application.call, review.application.organization, review.application.title],
        button=_("Declare"), button_class="btn-primary", form=DeclarationForm, errors_on_form=True, done=done,
        action=lambda f: services.review_declare(actor=request.user, review=review, conflict=f.cleaned_data["conflict"],
                                                 note=f.cleaned_data["note"]),
        done_message=_("Your declaration was recorded."),
        done_url=lambda r: back if r.conflict else reverse("grants:review_score", args=[r.pk]), back_url=back)


@login_required
def review_score(request, pk):
    review = _get_review_for_user(request.user, pk)
    if review.conflict is not False:
        raise Http404  # undeclared or recused: the application stays closed to them
    criteria = review.application.call.criteria.all()
    initial = {"recommendation": review.recommendation, "comment": review.comment}
    for score in review.scores.all():
        initial[f"score_{score.criterion_id}"] = "" if score.value is None else str(score.value)
        initial[f"comment_{score.criterion_id}"] = score.comment
    form = ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_score(actor=request.user, review=review, scores=form.scores(),
                                  recommendation=form.cleaned_data["recommendation"],
                                  comment=form.cleaned_data["comment"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("grants:review_list")
    return render(request, "grants/review_score.html", {"form": form, "review": review,
                                                        "application": review.application,
                                                        "budget_lines": review.application.budget_lines.all()})


# --- awards, tranches, reports ----------------------------------------------------------------------------


@login_required
def award_detail(request, pk):
    award, actions = _get_award_for_user(request.user, pk)
    lines = []
    for line in award.application.budget_lines.all():
        actual = sum((a.actual for a in line.actuals.filter(report__status=ReportStatus.APPROVED)), 0)
        lines.append((line, actual, actual - line.grant_share))
    return render(request, "grants/award_detail.html", {
        "award": award, "actions": actions, "tranches": award.tranches.all(),
        "reports": award.reports.select_related("tranche"), "lines": lines,
        "activities": award.activities.all(), "disbursed": award.disbursed_total(), "balance": award_balance(award),
        "history": history_entries(award) if request.user.is_center_staff else None})


@login_required
def award_activity_add(request, pk):
    award, actions = _get_award_for_user(request.user, pk)
    require(can_manage_grants(request.user))
    form = ProjectActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "status": "completed"}
        try:
            activity = services.award_record_activity(actor=request.user, award=award, data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was recorded in the ledger."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "grants/simple_form.html", {
        "form": form, "title": _("Record an activity of the project"),
        "back_url": reverse("grants:award_detail", args=[award.pk])})


@login_required
def award_close(request, pk):
    award, actions = _get_award_for_user(request.user, pk)
    require(can_manage_grants(request.user))
    back = reverse("grants:award_detail", args=[award.pk])
    done = _("This grant is closed.") if award.status != AwardStatus.ACTIVE else None
    return confirm_action(
        request, title=_("Close out the grant"), button=_("Close out"), button_class="btn-primary",
        question=_("The balance to refund is %(balance)s %(currency)s.") % {
            "balance": max(award_balance(award), 0), "currency": award.currency},
        details=[award], form=CloseForm, errors_on_form=True, done=done,
        action=lambda f: services.award_close(actor=request.user, award=award, **f.cleaned_data),
        done_message=_("The grant was closed."), done_url=back, back_url=back)


@login_required
def tranche_add(request, pk):
    award, actions = _get_award_for_user(request.user, pk)
    require(can_manage_grants(request.user))
    form = TrancheForm(request.POST or None, initial={"currency": award.currency})
    if request.method == "POST" and form.is_valid():
        try:
            services.tranche_plan(actor=request.user, award=award, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The tranche was planned."))
            return redirect("grants:award_detail", pk=award.pk)
    return render(request, "grants/simple_form.html", {
        "form": form, "title": _("Plan a tranche"), "back_url": reverse("grants:award_detail", args=[award.pk])})


def _tranche_step(request, pk, service, *, title, allowed, done_message, button_class="btn-primary"):
    tranche = _get_tranche_for_user(request.user, pk)
    require(allowed(request.user))
    back = reverse("grants:award_detail", args=[tranche.award_id])
    return confirm_action(request, title=title, button=title, button_class=button_class,
                          details=[tranche.award, tranche, f"{tranche.amount} {tranche.currency}"], form=NoForm,
                          action=lambda f: service(actor=request.user, tranche=tranche),
                          done_message=done_message, done_url=back, back_url=back)


@login_required
def tranche_request(request, pk):
    return _tranche_step(request, pk, services.tranche_request, title=_("Request the tranche"),
                         allowed=lambda u: can_manage_grants(u) or can_see_own_applications(u),
                         done_message=_("The tranche was requested."))


@login_required
def tranche_approve(request, pk):
    return _tranche_step(request, pk, services.tranche_approve, title=_("Approve the tranche"),
                         allowed=can_manage_finances, done_message=_("The tranche was approved."))


@login_required
def tranche_cancel(request, pk):
    return _tranche_step(request, pk, services.tranche_cancel, title=_("Cancel the tranche"), button_class="btn-danger",
                         allowed=can_manage_grants, done_message=_("The tranche was cancelled."))


@login_required
def tranche_disburse(request, pk):
    tranche = _get_tranche_for_user(request.user, pk)
    require(can_manage_finances(request.user))
    form = DisburseForm(request.POST or None, request.FILES or None, initial={"method": tranche.method,
                                                                            "exchange_rate": tranche.exchange_rate})
    if request.method == "POST" and form.is_valid():
        try:
            services.tranche_disburse(actor=request.user, tranche=tranche, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The payment was recorded; its report is now due."))
            return redirect("grants:award_detail", pk=tranche.award_id)
    return render(request, "grants/simple_form.html", {
        "form": form, "title": _("Record the payment"), "multipart": True, "details": [tranche.award, tranche],
        "back_url": reverse("grants:award_detail", args=[tranche.award_id])})


@login_required
def tranche_receipt(request, pk):
    tranche = _get_tranche_for_user(request.user, pk)
    return attachment_response(tranche.receipt)


@login_required
def report_submit(request, pk):
    report = _get_report_for_user(request.user, pk)
    require(can_submit_report(request.user, report))
    back = reverse("grants:award_detail", args=[report.award_id])
    if report.status not in (ReportStatus.DUE, ReportStatus.CHANGES):
        messages.info(request, _("This report has already been submitted."))
        return redirect(back)
    lines = report.award.application.budget_lines.all()
    initial = {"narrative": report.narrative, "people_female": report.people_reached_female,
               "people_male": report.people_reached_male,
               **{f"actual_{line.budget_line_id}": line.actual for line in report.lines.all()}}
    form = ReportForm(request.POST or None, budget_lines=lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_submit(actor=request.user, report=report, narrative=form.cleaned_data["narrative"],
                                   actuals=form.actuals(), people_female=form.cleaned_data["people_female"],
                                   people_male=form.cleaned_data["people_male"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report was submitted."))
            return redirect(back)
    return render(request, "grants/simple_form.html", {"form": form, "title": str(report), "back_url": back,
                                                       "details": [report.award, report.review_note]})


def _report_step(request, pk, service, *, title, done_message, form=NoForm, **kwargs):
    report = _get_report_for_user(request.user, pk)
    require(can_manage_grants(request.user))
    back = reverse("grants:award_detail", args=[report.award_id])
    return confirm_action(request, title=title, button=title, button_class="btn-primary",
                          details=[report.award, report], form=form, errors_on_form=True,
                          action=lambda f: service(actor=request.user, report=report,
                                                   **{k: v(f) for k, v in kwargs.items()}),
                          done_message=done_message, done_url=back, back_url=back)


@login_required
def report_approve(request, pk):
    return _report_step(request, pk, services.report_approve, title=_("Approve the report"),
                        form=partial(ReasonForm, label=_("Note"), required=False),
                        note=lambda f: f.cleaned_data["reason"], done_message=_("The report was approved."))


@login_required
def report_changes(request, pk):
    return _report_step(request, pk, services.report_request_changes, title=_("Ask for changes"),
                        form=partial(ReasonForm, label=_("What must change")),
                        note=lambda f: f.cleaned_data["reason"], done_message=_("The organization was asked for changes."))


@login_required
def report_remind(request, pk):
    return _report_step(request, pk, services.report_remind, title=_("Remind the organization"),
                        done_message=_("The organization's members were reminded by email."))


# --- public ---------------------------------------------------------------------------------------------


def open_calls(request):
    calls = Call.objects.open().order_by("deadline")
    return render(request, "grants/open_calls.html", {"calls": calls})


def public_call(request, pk):
    call = get_object_or_404(Call.objects.open(), pk=pk)
    return render(request, "grants/public_call.html", {"call": call, "criteria": call.criteria.all()})


