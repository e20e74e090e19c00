import datetime
from functools import partial
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from madani.core.concurrency import StaleVersion
from madani.core.confirm import ConfirmForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import require
from madani.core.uploads import attachment_response
from madani.organizations.models import Organization
from madani.people.models import Gender, Person

from . import services
from .filters import ActivityFilter
from .forms import (
    ActivityForm,
    EnrolManyForm,
    ParticipantForm,
    ParticipationForm,
    PhaseFormSet,
    ProgramForm,
    RuleForm,
    SessionForm,
    WalkInForm,
)
from .models import Activity, Attendance, Participation, Phase, Program, Session
from .permissions import (
    ActivityAccess,
    activity_access,
    can_lead_sessions,
    can_manage_programs,
    can_record_activities,
    can_see_programs,
)
from .tables import ActivityTable, ProgramTable


def _get_activity_for_user(user, pk) -> tuple[Activity, ActivityAccess]:
    """An activity ``user`` sees (404 otherwise), and what they may do with it."""
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=pk)
    return activity, activity_access(user, activity)


def _get_program_for_user(user, pk) -> tuple[Program, bool]:
    """A program ``user`` sees (404 otherwise), and whether they may change it."""
    program = get_object_or_404(Program.objects.visible_to(user), pk=pk)
    return program, can_manage_programs(user, program)


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
                       context={"export_url": reverse("activities:export")}, table=ActivityTable())


@login_required
def activity_export(request):
    return ActivityTable().export(request, "activities", filtered_queryset(_filtered(request)).order_by("pk"))


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
    activity, may = _get_activity_for_user(request.user, pk)
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
        "can_record": may.record,
        "can_mark": may.mark,
    }
    return render(request, "activities/activity_detail.html", context)


@login_required
def activity_deliverable(request, pk):
    """The coaching deliverable (e.g. the strategic plan), downloaded by those who may see the activity."""
    activity, _may = _get_activity_for_user(request.user, pk)
    return attachment_response(activity.deliverable)


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
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.record)
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
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.record)
    return confirm_action(
        request, title=_("Delete activity"), button=_("Delete"),
        question=_("“%(title)s” will be deleted with its sessions, participants and attendance. This cannot be undone.")
        % {"title": activity},
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.activity_delete(actor=request.user, activity=activity),
        done_message=_("The activity was deleted."), done_url=reverse("activities:list"),
        protected_message=_("Other records depend on this activity; it cannot be deleted."),
        back_url=reverse("activities:detail", args=[activity.pk]))


def _get_session_for_user(user, pk, session_pk) -> tuple[Session, ActivityAccess]:
    """A session of an activity ``user`` sees (404 otherwise), and what they may do with the activity."""
    activity, may = _get_activity_for_user(user, pk)
    return get_object_or_404(activity.sessions.select_related("activity", "place"), pk=session_pk), may


@login_required
def session_add(request, pk):
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.record)
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
    session, may = _get_session_for_user(request.user, pk, session_pk)
    require(may.mark)
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
    session, may = _get_session_for_user(request.user, pk, session_pk)
    require(may.record)
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
    """Search the registry and enrol people: one click each (htmx), or several ticked at once (all or
    nothing: when one cannot be enrolled, nobody is, and each refusal is named). Each represents their
    current organization unless another is chosen."""
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    query = request.POST.get("q", "")
    if request.method == "POST" and "people" in request.POST:
        return _enrol_many(request, activity, query)
    if request.method == "POST":
        form = ParticipantForm(request.POST, user=request.user)
        if form.is_valid():
            person = form.cleaned_data["person"]
            organization = form.cleaned_data["organization"] or _current_organization(person, request.user)
            try:
                services.participations_enrol(actor=request.user, activity=activity, people=[(person, organization)])
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("%(person)s was enrolled.") % {"person": person})
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(f"{request.path}?{urlencode({'q': query})}")
    people, query = _candidates(request, activity)
    template = "activities/partials/candidates.html" if request.htmx else "activities/participant_add.html"
    return render(request, template, {"activity": activity, "people": people, "query": query})


def _enrol_many(request, activity, query):
    form = EnrolManyForm(request.POST, user=request.user)
    if not form.is_valid():
        for error in form.errors.get("people", []):
            messages.error(request, error)
    else:
        people = form.cleaned_data["people"]
        try:
            services.participations_enrol(actor=request.user, activity=activity, people=[
                (person, _current_organization(person, request.user)) for person in people])
        except ValidationError as error:
            messages.error(request, _("Nobody was enrolled:"))
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, ngettext("%(count)s person was enrolled.", "%(count)s people were enrolled.",
                                               len(people)) % {"count": len(people)})
    return redirect(f"{request.path}?{urlencode({'q': query})}")


def _current_organization(person, user):
    affiliation = (
        person.affiliations.filter(end_date__isnull=True, organization__in=Organization.objects.visible_to(user))
        .select_related("organization").first()
    )
    return affiliation.organization if affiliation else None


def _get_participation_for_user(user, pk, participation_pk) -> tuple[Participation, ActivityAccess]:
    """A participation in an activity ``user`` sees (404 otherwise), and what they may do with the activity."""
    activity, may = _get_activity_for_user(user, pk)
    participation = get_object_or_404(
        Participation.objects.visible_to(user).filter(activity=activity).select_related("person", "activity"),
        pk=participation_pk,
    )
    return participation, may


@login_required
def participant_edit(request, pk, participation_pk):
    participation, may = _get_participation_for_user(request.user, pk, participation_pk)
    require(may.mark)
    form = ParticipationForm(request.POST or None, instance=participation, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_update(actor=request.user, participation=participation, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error("completed", error)
        else:
            messages.success(request, _("The participation was saved."))
            return redirect("activities:detail", pk=pk)
    return render(request, "activities/participant_form.html",
                  {"form": form, "activity": participation.activity, "participation": participation})


@login_required
def participant_remove(request, pk, participation_pk):
    participation, may = _get_participation_for_user(request.user, pk, participation_pk)
    require(may.mark)
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


def _participations_with_presence(user, activity):
    """The participations ``user`` sees in ``activity``, each with ``sessions_present``."""
    present = (Attendance.objects.filter(session__activity=activity, person=OuterRef("person_id")).order_by()
               .values("person").annotate(n=Count("pk")).values("n"))
    return (
        Participation.objects.visible_to(user).filter(activity=activity)
        .select_related("person", "organization").order_by("person__full_name")
        .annotate(sessions_present=Coalesce(Subquery(present), 0))
    )


@login_required
def participants_complete(request, pk):
    """Mark who completed the activity, many at once: tick them, or preview the rule "present at N
    sessions or more" (it ticks exactly those who qualify; nothing is saved until Save)."""
    activity, may = _get_activity_for_user(request.user, pk)
    require(may.mark)
    participations = _participations_with_presence(request.user, activity)
    session_count = activity.sessions.count()
    errors = []
    if request.method == "POST":
        try:
            result = services.participations_complete(actor=request.user, activity=activity,
                                                      completed_ids=request.POST.getlist("completed"))
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, ngettext("%(count)s participant completed the activity.",
                                               "%(count)s participants completed the activity.",
                                               result["completed"]) % {"count": result["completed"]})
            return redirect("activities:detail", pk=activity.pk)
    rule = RuleForm(request.GET or None, session_count=session_count)
    at_least = rule.cleaned_data["at_least"] if rule.is_valid() else None
    if request.method == "POST":
        ticked = {int(v) for v in request.POST.getlist("completed") if v.isdigit()}
    elif at_least is not None:
        ticked = {p.person_id for p in participations if p.sessions_present >= at_least}
    else:
        ticked = {p.person_id for p in participations if p.completed}
    return render(request, "activities/participants_complete.html", {
        "activity": activity, "participations": participations, "session_count": session_count,
        "rule": rule, "at_least": at_least, "ticked": ticked, "errors": errors,
        "ended": services.last_day(activity) <= timezone.localdate(),
    })


def _neighbours(session):
    """The sessions of the same activity just before and just after ``session``."""
    siblings = session.activity.sessions.order_by("date", "start_time", "pk")
    later = siblings.filter(Q(date__gt=session.date) | Q(date=session.date, pk__gt=session.pk))
    earlier = siblings.filter(Q(date__lt=session.date) | Q(date=session.date, pk__lt=session.pk))
    return earlier.last(), later.first()


@login_required
def attendance_sheet(request, pk, session_pk):
    """The sheet a trainer fills on a phone: tick who is here, save; add a walk-in below. The page keeps
    the ticks in the browser until the server has them (static/madani/attendance.js)."""
    session, may = _get_session_for_user(request.user, pk, session_pk)
    require(may.mark)
    activity = session.activity
    participations = (
        Participation.objects.visible_to(request.user).filter(activity=activity)
        .select_related("person", "organization").order_by("person__full_name")
    )
    if request.method == "POST":
        try:
            result = services.attendance_record(actor=request.user, session=session,
                                                present_ids=request.POST.getlist("present"))
        except ValueError:
            messages.error(request, _("Only people enrolled in the activity can be marked present."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": result["present"]})
            return redirect("activities:attendance", pk=pk, session_pk=session.pk)
    previous, following = _neighbours(session)
    context = {
        "activity": activity,
        "session": session,
        "participations": participations,
        "present": set(session.attendance.values_list("person_id", flat=True)),
        "held": session.date <= timezone.localdate(),
        "previous": previous,
        "following": following,
        "walk_in_form": WalkInForm(user=request.user),
    }
    return render(request, "activities/attendance_sheet.html", context)


@login_required
def sign_in_sheet(request, pk, session_pk):
    """The paper sign-in sheet of a session, to print: the enrolled names, blank lines for walk-ins, a
    signature column (A4, right to left in Arabic)."""
    session, may = _get_session_for_user(request.user, pk, session_pk)
    require(may.mark)
    participations = list(
        Participation.objects.visible_to(request.user).filter(activity=session.activity)
        .select_related("person", "organization").order_by("person__full_name")
    )
    return render(request, "activities/sign_in_sheet.html", {
        "activity": session.activity, "session": session, "participations": participations,
        "blank_lines": range(len(participations) + 1, len(participations) + 1 + WALK_IN_LINES),
    })


# Blank lines the paper sheet leaves for walk-ins.
WALK_IN_LINES = 8


@login_required
def my_sessions(request):
    """A trainer's home: the sessions they facilitate today and in the coming weeks, each opening its
    attendance sheet, and those of the last week (whose attendance may still need saving)."""
    require(can_lead_sessions(request.user))
    today = timezone.localdate()
    person = request.user.person_id
    sessions = (
        Session.objects.visible_to(request.user)
        .filter(Q(facilitator_id=person) | Q(facilitator__isnull=True, activity__facilitators=person))
        .select_related("activity", "place", "activity__place").with_present_count(request.user)
        .annotate(enrolled=Count("activity__participations", distinct=True))
        .distinct()
    )
    ordered = sessions.order_by("date", "start_time", "pk")
    return render(request, "activities/my_sessions.html", {
        "today": today,
        "todays": ordered.filter(date=today),
        "upcoming": ordered.filter(date__gt=today)[:20],
        "recent": sessions.filter(date__lt=today, date__gte=today - datetime.timedelta(days=7))
        .order_by("-date", "-start_time", "-pk")[:10],
    })


@login_required
def people_search(request):
    """The facilitator picker's suggestions: people of the registry the user sees (htmx options)."""
    require(can_record_activities(request.user))
    field = request.GET.get("field", "facilitators")
    query = (request.GET.get(f"{field}-q") or request.GET.get("q") or "").strip()
    people = []
    if query:
        people = list(Person.objects.visible_to(request.user).search(query).select_related("home_place")
                      .order_by("full_name")[:15])
    return render(request, "activities/partials/people_options.html", {"people": people, "query": query})


@login_required
def phase_options(request):
    """The chosen program's phases, as the activity form's phase options (htmx)."""
    require(can_record_activities(request.user))
    program = request.GET.get("program", "")
    phases = Phase.objects.none()
    if program.isdigit():
        phases = Phase.objects.filter(program__in=Program.objects.visible_to(request.user), program_id=int(program))
    return render(request, "activities/partials/phase_options.html",
                  {"phases": phases.select_related("program").order_by("number")})


@login_required
def attendance_walk_in(request, pk, session_pk):
    """Register someone who was not enrolled: the registry's duplicate check comes first."""
    session, may = _get_session_for_user(request.user, pk, session_pk)
    require(may.mark)
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


def _programs(request):
    require(can_see_programs(request.user))
    return (
        Program.objects.visible_to(request.user).select_related("donor").prefetch_related("branches", "phases")
        .annotate(activity_count=Count("activities", filter=Q(activities__in=Activity.objects.visible_to(request.user)),
                                       distinct=True))
    )


@login_required
def program_list(request):
    table = ProgramTable()
    return render(request, "activities/program_list.html", {
        "table": table, "table_rows": table.page_rows(_programs(request)),
        "export_url": reverse("activities:program_export")})


@login_required
def program_export(request):
    return ProgramTable().export(request, "programs", _programs(request).order_by("pk"))


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
    program, may_manage = _get_program_for_user(request.user, pk)
    activities = (
        Activity.objects.visible_to(request.user).filter(program=program).select_related("branch", "phase")
        .with_participant_count(request.user).order_by("-start_date")
    )
    context = {
        "program": program,
        "activities": activities[:100],
        "totals": _program_totals(program, request.user),
        "may_manage": may_manage,
    }
    return render(request, "activities/program_detail.html", context)


def _program_form(request, program=None):
    require(can_manage_programs(request.user, program))
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
    program, may_manage = _get_program_for_user(request.user, pk)
    require(may_manage)
    return _program_form(request, program)
