"""Election pages: thin views — fetch through ``visible_to`` (404 otherwise) with what the user may do,
check the rule, call a service. The public report is the one page anyone may open (once published)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from madani.core.confirm import NoForm, confirm_action
from madani.core.history import history_entries
from madani.core.pdf import font_faces, html_to_pdf
from madani.core.permissions import ObjectAccess, require

from . import selectors, services
from .forms import (
    CandidateForm,
    CenterForm,
    ElectionCreateForm,
    IncidentForm,
    IncidentMoveForm,
    ObserverForm,
    PromotionForm,
    ResultForm,
    TurnoutForm,
    VerifyForm,
)
from .models import CenterResult, Checklist, Election, Incident, PollingCenter, ResultStatus, Status
from .permissions import can_manage_elections, can_publish_results, can_see_elections
from .tables import ChecklistTable, IncidentTable, ResultTable

SIMPLE_FORM = "elections/simple_form.html"


def _access(user, election):
    access = ObjectAccess(user, election, see=can_see_elections, manage=can_manage_elections,
                          publish=can_publish_results)
    require(access.can_see)
    return access


def _get_election_for_user(user, pk):
    election = get_object_or_404(Election.objects.visible_to(user).select_related("branch", "place", "program"), pk=pk)
    return election, _access(user, election)


def _get_checklist_for_user(user, pk):
    checklist = get_object_or_404(Checklist.objects.visible_to(user).select_related("election", "center", "observer"),
                                  pk=pk)
    return checklist, _access(user, checklist.election)


def _get_incident_for_user(user, pk):
    incident = get_object_or_404(Incident.objects.visible_to(user).select_related("election", "center", "observer",
                                                                                   "place"), pk=pk)
    return incident, _access(user, incident.election)


def _get_center_for_user(user, pk):
    center = get_object_or_404(PollingCenter.objects.visible_to(user).select_related("election"), pk=pk)
    return center, _access(user, center.election)


def _form_page(request, form, title, back_url, **extra):
    return render(request, SIMPLE_FORM, {"form": form, "title": title, "back_url": back_url, **extra})


def _save(request, form, action, message, done_url):
    """Run ``action(cleaned_data)`` for a valid posted form; ValidationError goes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, message)
            return redirect(done_url)
    return None


@login_required
def election_list(request):
    require(can_see_elections(request.user))
    elections = Election.objects.visible_to(request.user).select_related("branch", "place")
    return render(request, "elections/election_list.html", {
        "elections": elections, "may_create": can_manage_elections(request.user)})


@login_required
def election_create(request):
    require(can_manage_elections(request.user))
    form = ElectionCreateForm(request.POST or None, user=request.user)
    created = {}

    def create(data):
        created["election"] = services.election_create(actor=request.user, data=dict(data))

    if request.method == "POST" and form.is_valid():
        try:
            create(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The election was recorded."))
            return redirect("elections:election_detail", pk=created["election"].pk)
    return _form_page(request, form, _("New election"), reverse("elections:election_list"))


@login_required
def election_detail(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    return render(request, "elections/election_detail.html", {
        "election": election, "access": access,
        "centers": election.centers.select_related("place", "result").order_by("code"),
        "observers": election.observers.select_related("person", "organization", "center"),
        "candidates": election.candidates.all(),
        "forms": election.forms.select_related("questionnaire"),
        "promotion": election.promotion.select_related("activity"),
        "next_status": services._NEXT.get(election.status),
        "publish_problems": services.publish_problems(election) if election.status == Status.COUNTING else [],
        "checklist_count": election.checklists.count(), "incident_count": election.incidents.count(),
        "history": history_entries(election)})


@login_required
def election_advance(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    status = services._NEXT.get(election.status)
    back = reverse("elections:election_detail", args=[election.pk])
    label = Status(status).label if status else ""
    return confirm_action(
        request, title=_("Move the election on"), button=_("Move on"), button_class="btn-primary", form=NoForm,
        question=_("Move “%(election)s” to “%(status)s”?") % {"election": election, "status": label},
        done=None if status else _("Results are published from the election's page."),
        action=lambda form: services.election_move(actor=request.user, election=election, status=status),
        done_message=_("The election moved on."), done_url=back, back_url=back)


@login_required
def forms_install(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    back = reverse("elections:election_detail", args=[election.pk])
    return confirm_action(
        request, title=_("Load the checklists and incident form"), button=_("Load"), button_class="btn-primary",
        form=NoForm, question=_("Load the shipped checklists and incident report as forms of this election's branch, "
                                "for ODK Collect and the web form?"),
        action=lambda form: services.election_forms_install(actor=request.user, election=election),
        done_message=_("The forms are ready."), done_url=back, back_url=back)


@login_required
def center_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    form = CenterForm(request.POST or None)
    back = reverse("elections:election_detail", args=[election.pk])
    return _save(request, form, lambda data: services.center_create(actor=request.user, election=election, data=data),
                 _("The polling center was added."), back) or _form_page(request, form, _("Add a polling center"), back)


@login_required
def observer_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    form = ObserverForm(request.POST or None, user=request.user, election=election)
    back = reverse("elections:election_detail", args=[election.pk])
    return _save(request, form, lambda data: services.observer_assign(actor=request.user, election=election, data=data),
                 _("The observer was assigned."), back) or _form_page(request, form, _("Assign an observer"), back)


@login_required
def candidate_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    form = CandidateForm(request.POST or None)
    back = reverse("elections:election_detail", args=[election.pk])
    return _save(request, form, lambda data: services.candidate_add(actor=request.user, election=election, data=data),
                 _("The candidate was added."), back) or _form_page(request, form, _("Add a candidate"), back)


@login_required
def promotion_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage and request.user.can_record_activities)
    form = PromotionForm(request.POST or None)
    back = reverse("elections:election_detail", args=[election.pk])

    def record(data):
        data = dict(data)
        kind, leaflets = data.pop("kind"), data.pop("leaflets") or 0
        if not data.get("place"):
            data.pop("place")
        services.promotion_record(actor=request.user, election=election, kind=kind, data=data, leaflets=leaflets)

    return _save(request, form, record, _("The campaign activity was recorded in the ledger."), back) or _form_page(
        request, form, _("Record a campaign activity"), back)


@login_required
def live(request, pk):
    """The coordinator's election-day page: phone-sized, light, refreshing itself (htmx every 30 seconds;
    without JavaScript, a meta refresh)."""
    election, _access = _get_election_for_user(request.user, pk)
    context = {"election": election, "live": selectors.live(election), "now": timezone.localtime()}
    if request.headers.get("HX-Request"):
        return render(request, "elections/partials/live_panel.html", context)
    return render(request, "elections/live.html", context)


@login_required
def checklist_list(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    rows = selectors.checklists_for_export(election)
    table = ChecklistTable()
    if request.GET.get("format"):
        return table.export(request, f"election-{election.pk}-checklists", rows)
    return render(request, "elections/table_page.html", {
        "election": election, "table": table, "table_rows": table.page_rows(rows), "title": _("Checklists"),
        "export_url": reverse("elections:checklist_list", args=[election.pk])})


@login_required
def checklist_detail(request, pk):
    checklist, access = _get_checklist_for_user(request.user, pk)
    form = VerifyForm(request.POST or None)
    if request.method == "POST":
        require(access.can_manage)
        if form.is_valid():
            try:
                services.checklist_verify(actor=request.user, checklist=checklist, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The checklist was reviewed."))
                return redirect("elections:checklist_detail", pk=checklist.pk)
    return render(request, "elections/checklist_detail.html", {
        "checklist": checklist, "access": access, "form": form, "election": checklist.election,
        "problems": [services.problem_text(code) for code in checklist.problems],
        "answers": sorted(checklist.answers.items())})


@login_required
def incident_list(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    rows = selectors.incidents_for_export(election)
    table = IncidentTable()
    if request.GET.get("format"):
        return table.export(request, f"election-{election.pk}-incidents", rows)
    return render(request, "elections/table_page.html", {
        "election": election, "table": table, "table_rows": table.page_rows(rows), "title": _("Incidents"),
        "export_url": reverse("elections:incident_list", args=[election.pk]),
        "add_url": reverse("elections:incident_add", args=[election.pk]) if access.can_manage else "",
        "add_label": _("Report an incident")})


@login_required
def incident_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    form = IncidentForm(request.POST or None, election=election, initial={"occurred_at": timezone.localtime()})
    back = reverse("elections:incident_list", args=[election.pk])

    def report(data):
        data = dict(data)
        instance_id = data.pop("instance_id")
        services.incident_report(actor=request.user, election=election, instance_id=instance_id, data=data)

    return _save(request, form, report, _("The incident was recorded."), back) or _form_page(
        request, form, _("Report an incident"), back)


@login_required
def incident_detail(request, pk):
    incident, access = _get_incident_for_user(request.user, pk)
    form = IncidentMoveForm(request.POST or None)
    if request.method == "POST":
        require(access.can_manage)
        if form.is_valid():
            try:
                services.incident_move(actor=request.user, incident=incident, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The incident was updated."))
                return redirect("elections:incident_detail", pk=incident.pk)
    return render(request, "elections/incident_detail.html", {
        "incident": incident, "access": access, "form": form, "election": incident.election,
        "history": history_entries(incident)})


@login_required
def turnout_add(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_manage)
    form = TurnoutForm(request.POST or None, election=election)
    back = reverse("elections:live", args=[election.pk])
    return _save(request, form, lambda data: services.turnout_record(actor=request.user, **data),
                 _("The turnout count was recorded."), back) or _form_page(request, form, _("Record turnout"), back)


@login_required
def result_list(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    rows = CenterResult.objects.filter(election=election).select_related("center__place__parent")
    table = ResultTable()
    if request.GET.get("format"):
        return table.export(request, f"election-{election.pk}-results", rows)
    return render(request, "elections/table_page.html", {
        "election": election, "table": table, "table_rows": table.page_rows(rows), "title": _("Results"),
        "export_url": reverse("elections:result_list", args=[election.pk])})


@login_required
def result_enter(request, pk):
    """A center's result: the first or the second entry; when they differ, the reconciliation."""
    center, access = _get_center_for_user(request.user, pk)
    require(access.can_manage)
    election = center.election
    result = CenterResult.objects.filter(center=center).first()
    reconciling = result is not None and result.status == ResultStatus.DIFFER
    form = ResultForm(request.POST or None, election=election)
    back = reverse("elections:election_detail", args=[election.pk])

    def act(data):
        if reconciling:
            services.result_reconcile(actor=request.user, result=result, data=form.data_for_service())
        else:
            services.result_enter(actor=request.user, center=center, data=form.data_for_service())

    entries = list(result.entries.select_related("entered_by")) if result else []
    title = (_("Reconcile the result of %(center)s") if reconciling else _("Enter the result of %(center)s")) % {
        "center": center}
    return _save(request, form, act, _("The result was saved."), back) or render(
        request, "elections/result_form.html", {"form": form, "title": title, "back_url": back, "center": center,
                                                "result": result, "entries": entries, "reconciling": reconciling,
                                                "election": election})


@login_required
def results_publish(request, pk):
    election, access = _get_election_for_user(request.user, pk)
    require(access.can_publish)
    back = reverse("elections:election_detail", args=[election.pk])
    return confirm_action(
        request, title=_("Publish the results"), button=_("Publish"), button_class="btn-primary", form=NoForm,
        question=_("Publish the results of “%(election)s”? The seats are allocated and the public report opens.")
        % {"election": election}, details=services.publish_problems(election),
        action=lambda form: services.results_publish(actor=request.user, election=election),
        done_message=_("The results are published."), done_url=back, back_url=back)


# --- public ----------------------------------------------------------------------------------------

def _published(pk):
    election = Election.objects.published().select_related("place__parent").filter(pk=pk).first()
    if election is None:
        raise Http404
    return election


def public_report(request, pk):
    election = _published(pk)
    return render(request, "elections/public_report.html", {"report": selectors.public_report(election),
                                                            "election": election})


def public_report_pdf(request, pk):
    election = _published(pk)
    html = render_to_string("elections/public_report_pdf.html", {
        "report": selectors.public_report(election), "election": election, "font_faces": font_faces(),
        "bidi": translation.get_language_bidi()}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="election-{election.pk}-report.pdf"'
    return response
