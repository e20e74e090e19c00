from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from madani.core.concurrency import StaleVersion
from madani.core.confirm import ConfirmForm, confirm_action
from madani.core.exports import export_response
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import require
from madani.core.uploads import attachment_response
from madani.organizations.models import Organization
from madani.people.models import Gender, Person

from . import services
from .filters import ActivityFilter
from .forms import ActivityForm, ParticipantForm, ParticipationForm, PhaseFormSet, ProgramForm, SessionForm, WalkInForm
from .models import Activity, Participation, Program, Session
from .permissions import can_manage_programs, can_mark_attendance, can_record_activities, can_see_programs


def _get_activity_for_user(user, pk) -> Activity:
    return get_object_or_404(Activity.objects.visible_to(user), pk=pk)


def _get_program_for_user(user, pk) -> Program:
    return get_object_or_404(Program.objects.visible_to(user), pk=pk)


def _filtered(request):
    queryset = (
        Activity.objects.visible_to(request.user)
        .select_related("branch", "place", "program")
        .with_participant_count(request.user)
    )
    return ActivityFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def activity_list(request):
    return render_list(request, _filtered(request), ordering=["-start_date", "-pk"],
                       template="activities/activity_list.html", partial="activities/partials/results.html",
                       context={"export_url": reverse("activities:export")})


@login_required
def activity_export(request):
    queryset = filtered_queryset(_filtered(request))
    header = [_("ID"), _("Kind"), _("Title in Arabic"), _("Title in English"), _("Program"), _("Branch"), _("Place"),
              _("Start date"), _("End date"), _("Status"), _("Participants")]
    rows = (
        [a.pk, a.get_kind_display(), a.title_ar, a.title_en, a.program, a.branch, a.place or "", a.start_date,
         a.end_date, a.get_status_display(), a.participant_count]
        for a in queryset.order_by("pk").iterator(chunk_size=2000)
    )
    return export_response(request, "activities", header, rows)


def participation_summary(participations):
    """Participants by gender, with how many completed: what a trainer reports after a course."""
    return participations.aggregate(
        total=Count("pk"),
        women=Count("pk", filter=Q(person__gender="female")),
        men=Count("pk", filter=Q(person__gender="male")),
        completed=Count("pk", filter=Q(completed=True)),
    )


@login_required
def activity_detail(request, pk):
    activity = _get_activity_for_user(request.user, pk)
    participations = (
        Participation.objects.visible_to(request.user).filter(activity=activity)
        .select_related("person", "organization")
    )
    sessions = activity.sessions.select_related("place", "facilitator").with_present_count(request.user)
    context = {
        "activity": activity,
        "organizations_served": activity.organizations_served_visible_to(request.user),
        "sessions": sessions,
        "participations": participations,
        "summary": participation_summary(participations),
        "reached": _reached(activity, request.user),
        "history": history_entries(activity),
        "can_record": can_record_activities(request.user),
        "can_mark": can_mark_attendance(request.user),
    }
    return render(request, "activities/activity_detail.html", context)


@login_required
def activity_deliverable(request, pk):
    """The coaching deliverable (e.g. the strategic plan), downloaded by those who may see the activity."""
    return attachment_response(_get_activity_for_user(request.user, pk).deliverable)


@login_required
def activity_create(request):
    require(can_record_activities(request.user))
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, data=form.activity_data(),
                                                session_per_day=form.cleaned_data.get("session_per_day", False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form})


@login_required
def activity_edit(request, pk):
    activity = _get_activity_for_user(request.user, pk)
    require(can_record_activities(request.user))
    form = ActivityForm(request.POST or None, request.FILES or None, instance=activity, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, data=form.activity_data(),
                                     version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@login_required
def activity_delete(request, pk):
    activity = _get_activity_for_user(request.user, pk)
    require(can_record_activities(request.user))
    return confirm_action(
        request, title=_("Delete activity"), button=_("Delete"),
        question=_("“%(title)s” will be deleted with its sessions, participants and attendance. This cannot be undone.")
        % {"title": activity},
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.activity_delete(actor=request.user, activity=activity),
        done_message=_("The activity was deleted."), done_url=reverse("activities:list"),
        protected_message=_("Other records depend on this activity; it cannot be deleted."),
        back_url=reverse("activities:detail", args=[activity.pk]))


def _get_session(request, pk, session_pk) -> Session:
    activity = _get_activity_for_user(request.user, pk)
    return get_object_or_404(activity.sessions.select_related("activity"), pk=session_pk)


@login_required
def session_add(request, pk):
    activity = _get_activity_for_user(request.user, pk)
    require(can_record_activities(request.user))
    form = SessionForm(request.POST or None, user=request.user,
                       initial={"date": activity.start_date, "place": activity.place})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_create(actor=request.user, activity=activity, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("activities:detail", pk=activity.pk)
    return render(request, "activities/session_form.html", {"form": form, "activity": activity})


@login_required
def session_edit(request, pk, session_pk):
    session = _get_session(request, pk, session_pk)
    require(can_mark_attendance(request.user))
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(actor=request.user, session=session, data=form.cleaned_data,
                                    version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("activities:detail", pk=pk)
    return render(request, "activities/session_form.html",
                  {"form": form, "activity": session.activity, "session": session})


@login_required
def session_delete(request, pk, session_pk):
    session = _get_session(request, pk, session_pk)
    require(can_record_activities(request.user))
    back = reverse("activities:detail", args=[pk])
    return confirm_action(
        request, title=_("Delete session"), button=_("Delete"),
        question=_("The session of %(day)s of “%(title)s” will be deleted with its attendance.")
        % {"day": session.date.isoformat(), "title": session.activity},
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.session_delete(actor=request.user, session=session),
        done_message=_("The session was deleted."), done_url=back, back_url=back)


def _candidates(request, activity):
    """People of the registry matching the search box, not yet enrolled (at most 20)."""
    query = request.GET.get("q", "").strip()
    if not query:
        return Person.objects.none(), query
    people = (
        Person.objects.visible_to(request.user).search(query)
        .exclude(participations__activity=activity)
        .select_related("home_place")
        .prefetch_related("affiliations__organization")
        .order_by("full_name")[:20]
    )
    return people, query


@login_required
def participant_add(request, pk):
    """Search the registry and enrol people, one click each (htmx), representing their current
    organization unless another is chosen."""
    activity = _get_activity_for_user(request.user, pk)
    require(can_mark_attendance(request.user))
    if request.method == "POST":
        form = ParticipantForm(request.POST, user=request.user)
        if form.is_valid():
            person = form.cleaned_data["person"]
            organization = form.cleaned_data["organization"] or _current_organization(person, request.user)
            services.participation_add(actor=request.user, activity=activity, person=person, organization=organization)
            messages.success(request, _("%(person)s was enrolled.") % {"person": person})
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{request.path}?q={request.POST.get('q', '')}")
    people, query = _candidates(request, activity)
    template = "activities/partials/candidates.html" if request.htmx else "activities/participant_add.html"
    return render(request, template, {"activity": activity, "people": people, "query": query})


def _current_organization(person, user):
    affiliation = (
        person.affiliations.filter(end_date__isnull=True, organization__in=Organization.objects.visible_to(user))
        .select_related("organization").first()
    )
    return affiliation.organization if affiliation else None


def _get_participation(request, pk, participation_pk) -> Participation:
    activity = _get_activity_for_user(request.user, pk)
    return get_object_or_404(
        Participation.objects.visible_to(request.user).filter(activity=activity).select_related("person", "activity"),
        pk=participation_pk,
    )


@login_required
def participant_edit(request, pk, participation_pk):
    participation = _get_participation(request, pk, participation_pk)
    require(can_mark_attendance(request.user))
    form = ParticipationForm(request.POST or None, instance=participation, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.participation_update(actor=request.user, participation=participation, data=form.cleaned_data)
        messages.success(request, _("The participation was saved."))
        return redirect("activities:detail", pk=pk)
    return render(request, "activities/participant_form.html",
                  {"form": form, "activity": participation.activity, "participation": participation})


@login_required
def participant_remove(request, pk, participation_pk):
    participation = _get_participation(request, pk, participation_pk)
    require(can_mark_attendance(request.user))
    back = reverse("activities:detail", args=[pk])
    return confirm_action(
        request, title=_("Remove participant"), button=_("Remove"),
        question=_("%(person)s will be removed from “%(title)s”, with their attendance at its sessions. "
                   "The person stays in the registry.")
        % {"person": participation.person, "title": participation.activity},
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.participation_remove(actor=request.user, participation=participation),
        done_message=_("%(person)s was removed from the activity.") % {"person": participation.person},
        done_url=back, back_url=back)


@login_required
def attendance_sheet(request, pk, session_pk):
    """The sheet a trainer fills on a phone: tick who is here, save; add a walk-in below."""
    session = _get_session(request, pk, session_pk)
    require(can_mark_attendance(request.user))
    activity = session.activity
    participations = (
        Participation.objects.visible_to(request.user).filter(activity=activity)
        .select_related("person", "organization").order_by("person__full_name")
    )
    if request.method == "POST":
        try:
            result = services.attendance_record(actor=request.user, session=session,
                                                present_ids=request.POST.getlist("present"))
        except (ValidationError, ValueError):
            messages.error(request, _("Only people enrolled in the activity can be marked present."))
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": result["present"]})
            return redirect("activities:attendance", pk=pk, session_pk=session.pk)
    present = set(session.attendance.values_list("person_id", flat=True))
    context = {
        "activity": activity,
        "session": session,
        "participations": participations,
        "present": present,
        "walk_in_form": WalkInForm(user=request.user),
    }
    return render(request, "activities/attendance_sheet.html", context)


@login_required
def attendance_walk_in(request, pk, session_pk):
    """Register someone who was not enrolled: the registry's duplicate check comes first."""
    session = _get_session(request, pk, session_pk)
    require(can_mark_attendance(request.user))
    if request.method == "POST" and request.POST.get("existing"):  # "this is them" on a listed duplicate
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=request.POST["existing"])
        chosen = Organization.objects.visible_to(request.user).filter(
            pk=request.POST.get("organization") if str(request.POST.get("organization", "")).isdigit() else None).first()
        services.attendance_walk_in(actor=request.user, session=session, person=person,
                                    organization=chosen or _current_organization(person, request.user))
        messages.success(request, _("%(person)s was marked present.") % {"person": person})
        return redirect("activities:attendance", pk=pk, session_pk=session.pk)
    form = WalkInForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.attendance_walk_in(actor=request.user, session=session, person_data=form.person_data(),
                                    organization=form.cleaned_data.get("organization"))
        messages.success(request, _("The walk-in was added and marked present."))
        return redirect("activities:attendance", pk=pk, session_pk=session.pk)
    return render(request, "activities/walk_in.html",
                  {"form": form, "activity": session.activity, "session": session, "duplicates": form.duplicates})


def _require_program_manager(user):
    require(can_manage_programs(user))


def _programs(request):
    require(can_see_programs(request.user))
    return (
        Program.objects.visible_to(request.user).select_related("donor").prefetch_related("branches", "phases")
        .annotate(activity_count=Count("activities", filter=Q(activities__in=Activity.objects.visible_to(request.user)),
                                       distinct=True))
    )


@login_required
def program_list(request):
    return render(request, "activities/program_list.html",
                  {"programs": _programs(request), "export_url": reverse("activities:program_export")})


@login_required
def program_export(request):
    header = [_("ID"), _("Code"), _("Name in Arabic"), _("Name in English"), _("Donor"), _("Start date"),
              _("End date"), _("Branches"), _("Phases"), _("Activities")]
    rows = (
        [p.pk, p.code, p.name_ar, p.name_en, p.donor or "", p.start_date, p.end_date,
         ", ".join(str(b) for b in p.branches.all()) or _("All branches"), len(p.phases.all()), p.activity_count]
        for p in _programs(request).order_by("pk")
    )
    return export_response(request, "programs", header, rows)


def _reached(activity, user) -> int:
    """The people the activity reached (present at one of its sessions), from the indicator engine."""
    from madani.indicators.engine import IndicatorQuery, Metric, compute

    return compute(IndicatorQuery(Metric.PEOPLE, activities=(activity.pk,)), user=user).total


def _program_totals(program, user) -> dict:
    """People reached (and the women among them) and enrolments, from the indicator engine."""
    from madani.indicators.engine import IndicatorQuery, Metric, compute

    people = compute(IndicatorQuery(Metric.PEOPLE, programs=(program.pk,), by=("gender",)), user=user)
    women = sum(row.value for row in people.rows if row.keys[0].value == Gender.FEMALE)
    participations = compute(IndicatorQuery(Metric.PARTICIPATIONS, programs=(program.pk,)), user=user).total
    return {"people": people.total, "women": women, "participations": participations}


@login_required
def program_detail(request, pk):
    program = _get_program_for_user(request.user, pk)
    activities = (
        Activity.objects.visible_to(request.user).filter(program=program).select_related("branch", "phase")
        .with_participant_count(request.user).order_by("-start_date")
    )
    context = {
        "program": program,
        "activities": activities[:100],
        "totals": _program_totals(program, request.user),
    }
    return render(request, "activities/program_detail.html", context)


def _program_form(request, program=None):
    _require_program_manager(request.user)
    instance = program or Program()
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    phases = PhaseFormSet(request.POST or None, instance=instance, prefix="phases")
    if request.method == "POST" and form.is_valid() and phases.is_valid():
        try:
            program = services.program_save(actor=request.user, program=instance, data=dict(form.cleaned_data),
                                            phases=phases, version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The program was saved."))
            return redirect("activities:program_detail", pk=program.pk)
    return render(request, "activities/program_form.html", {"form": form, "phases": phases, "program": program})


@login_required
def program_create(request):
    return _program_form(request)


@login_required
def program_edit(request, pk):
    return _program_form(request, _get_program_for_user(request.user, pk))
