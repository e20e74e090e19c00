from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from madani.activities.models import Participation
from madani.core.concurrency import StaleVersion
from madani.core.confirm import NoForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import require
from madani.organizations.models import Organization

from . import services
from .filters import PersonFilter
from .forms import AffiliationForm, MergeForm, PersonForm
from .models import Affiliation, Person
from .permissions import can_edit_people, can_merge_people
from .tables import PersonTable


def _get_person_for_user(user, pk) -> Person:
    return get_object_or_404(Person.objects.visible_to(user).select_related("home_place", "branch"), pk=pk)


def _require_editor(user):
    require(can_edit_people(user))


def _filtered(request):
    queryset = Person.objects.visible_to(request.user).select_related("home_place", "branch")
    return PersonFilter(request.GET or None, queryset=queryset, user=request.user)


@login_required
def person_list(request):
    return render_list(request, _filtered(request), ordering=["full_name", "pk"],
                       template="people/person_list.html", partial="people/partials/results.html",
                       context={"export_url": reverse("people:export")}, table=PersonTable(request.user))


@login_required
def person_export(request):
    queryset = filtered_queryset(_filtered(request)).order_by("pk")
    return PersonTable(request.user).export(request, "people", queryset)


@login_required
def person_detail(request, pk):
    person = _get_person_for_user(request.user, pk)
    affiliations = person.affiliations.filter(
        organization__in=Organization.objects.visible_to(request.user)
    ).select_related("organization")
    context = {
        "person": person,
        "affiliations": affiliations,
        "affiliation_form": AffiliationForm(user=request.user) if can_edit_people(request.user) else None,
        "duplicates": Person.objects.visible_to(request.user)
        .filter(name_key=person.name_key)
        .exclude(pk=person.pk)
        .exists(),
        "participations": Participation.objects.visible_to(request.user).filter(person=person)
        .select_related("activity", "organization").order_by("-activity__start_date"),
        "history": history_entries(person),
    }
    return render(request, "people/person_detail.html", context)


@login_required
def person_create(request):
    _require_editor(request.user)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(actor=request.user, data=form.person_data())
        messages.success(request, _("The person was saved."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "duplicates": form.duplicates})


@login_required
def person_edit(request, pk):
    person = _get_person_for_user(request.user, pk)
    _require_editor(request.user)
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.person_data(), version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("The person was saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
def person_delete(request, pk):
    person = _get_person_for_user(request.user, pk)
    _require_editor(request.user)
    return confirm_action(
        request, title=_("Delete person"), button=_("Delete"), form=NoForm,
        heading=_("Delete “%(name)s”?") % {"name": person.full_name},
        question=_("The record and its affiliations are removed; the change history is kept."),
        action=lambda form: services.person_delete(actor=request.user, person=person),
        done_message=_("The person was deleted."), done_url=reverse("people:list"),
        protected_message=_("This person took part in recorded activities; merge the record instead of deleting it."),
        back_url=reverse("people:detail", args=[person.pk]))


@login_required
def person_merge(request, pk):
    person = _get_person_for_user(request.user, pk)
    require(can_merge_people(request.user))
    visible = Person.objects.visible_to(request.user).exclude(pk=person.pk).select_related("home_place", "branch")
    query = request.GET.get("q", "").strip()
    if request.method == "POST":
        candidates = visible  # the chosen record may come from any earlier search
    else:
        matches = visible.search(query) if query else visible.filter(name_key=person.name_key)
        candidates = matches.order_by("full_name", "pk")[:25]
    form = MergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_merge(actor=request.user, keep=person, remove=form.cleaned_data["other"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The two records were merged."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_merge.html", {"person": person, "form": form, "query": query})


@login_required
def affiliation_add(request, pk):
    person = _get_person_for_user(request.user, pk)
    _require_editor(request.user)
    form = AffiliationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.affiliation_create(actor=request.user, person=person, data=form.cleaned_data)
        messages.success(request, _("The affiliation was added."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/affiliation_form.html", {"person": person, "form": form})


@login_required
def affiliation_remove(request, pk, affiliation_pk):
    person = _get_person_for_user(request.user, pk)
    _require_editor(request.user)
    affiliation = get_object_or_404(Affiliation, pk=affiliation_pk, person=person)
    if request.method == "POST":
        services.affiliation_delete(actor=request.user, affiliation=affiliation)
        messages.success(request, _("The affiliation was removed."))
    return redirect("people:detail", pk=person.pk)
