from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madani.activities.models import Participation
from madani.core.concurrency import StaleVersion
from madani.core.confirm import NoForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import ObjectAccess, require
from madani.organizations.models import Organization

from . import services
from .filters import PersonFilter
from .forms import AffiliationForm, MergeFieldsForm, PersonForm
from .models import Affiliation, Person
from .permissions import can_edit_people, can_merge_people, can_see_contacts
from .tables import PersonTable

DUPLICATE_QUEUE_LIMIT = 200


def _get_person_for_user(user, pk) -> tuple[Person, ObjectAccess]:
    """The person (404 unless the user sees them) and what the user may do with them."""
    person = get_object_or_404(Person.objects.visible_to(user).select_related("home_place", "branch"), pk=pk)
    return person, ObjectAccess(user, person, edit=can_edit_people, merge=can_merge_people,
                                see_contacts=can_see_contacts)


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
    person, access = _get_person_for_user(request.user, pk)
    affiliations = person.affiliations.filter(
        organization__in=Organization.objects.visible_to(request.user)
    ).select_related("organization")
    context = {
        "person": person,
        "affiliations": affiliations,
        "access": access,
        "affiliation_form": AffiliationForm(user=request.user) if access.can_edit else None,
        "duplicates": Person.objects.visible_to(request.user)
        .filter(name_key=person.name_key)
        .exclude(pk=person.pk)
        .exists(),
        "participations": Participation.objects.visible_to(request.user).filter(person=person)
        .select_related("activity", "organization").order_by("-activity__start_date"),
        "history": history_entries(person),
        "merges": [(merge, merge.discarded_items(show_contacts=access.can_see_contacts))
                   for merge in person.merges.select_related("merged_by")],
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
    person, access = _get_person_for_user(request.user, pk)
    require(access.can_edit)
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
    person, access = _get_person_for_user(request.user, pk)
    require(access.can_edit)
    return confirm_action(
        request, title=_("Delete person"), button=_("Delete"), form=NoForm,
        heading=_("Delete “%(name)s”?") % {"name": person.full_name},
        question=_("The record and its affiliations are removed; the change history is kept."),
        action=lambda form: services.person_delete(actor=request.user, person=person),
        done_message=_("The person was deleted."), done_url=reverse("people:list"),
        protected_message=_("This person took part in recorded activities; merge the record instead of deleting it."),
        back_url=reverse("people:detail", args=[person.pk]))


def _merge_candidates(request, person):
    return Person.objects.visible_to(request.user).exclude(pk=person.pk).select_related("home_place", "branch")


@login_required
def person_merge(request, pk):
    """Merge a duplicate: first find the other record (``?q=``), then compare the two field by field
    (``?other=<id>``): staff choose which record stays and whose value each field keeps."""
    person, access = _get_person_for_user(request.user, pk)
    require(access.can_merge)
    visible = _merge_candidates(request, person)
    other_id = request.POST.get("other") or request.GET.get("other")
    if other_id:
        other = get_object_or_404(visible, pk=other_id) if str(other_id).isdigit() else None
        if other is None:
            raise Http404
        return _merge_fields(request, person, other)
    query = request.GET.get("q", "").strip()
    matches = visible.search(query) if query else visible.filter(name_key=person.name_key)
    candidates = matches.order_by("full_name", "pk")[:25]
    return render(request, "people/person_merge.html", {"person": person, "candidates": candidates, "query": query})


def _merge_fields(request, person, other):
    form = MergeFieldsForm(request.POST if request.method == "POST" else None, this=person, other=other,
                           user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            kept = services.person_merge(actor=request.user, **form.merge_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        except Person.DoesNotExist:  # the other tab merged or deleted one of them first
            messages.error(request, _("One of the two records no longer exists: it was merged or deleted."))
            return redirect("people:list")
        else:
            messages.success(request, _("The two records were merged."))
            return redirect("people:detail", pk=kept.pk)
    return render(request, "people/person_merge_fields.html",
                  {"person": person, "other": other, "form": form, "rows": list(form.bound_rows())})


@login_required
def duplicate_queue(request):
    """Likely duplicates across the registry the user may see (the registration's duplicate rule), each
    pair with the field-by-field merge and "not the same person"."""
    require(can_merge_people(request.user))
    pairs = Person.objects.visible_to(request.user).duplicate_pairs(limit=DUPLICATE_QUEUE_LIMIT)
    return render(request, "people/duplicate_queue.html",
                  {"pairs": pairs, "limit": DUPLICATE_QUEUE_LIMIT, "full": len(pairs) >= DUPLICATE_QUEUE_LIMIT})


@login_required
@require_POST
def duplicate_dismiss(request):
    """"Not the same person": the pair leaves the queue for good."""
    require(can_merge_people(request.user))
    visible = Person.objects.visible_to(request.user)
    ids = [value for value in (request.POST.get("first"), request.POST.get("second")) if str(value or "").isdigit()]
    people = list(visible.filter(pk__in=ids)) if len(ids) == 2 else []
    if len(people) != 2:
        raise Http404
    services.distinct_pair_record(actor=request.user, first=people[0], second=people[1])
    messages.success(request, _("The two records are marked as different people."))
    return redirect("people:duplicates")


@login_required
def affiliation_add(request, pk):
    person, access = _get_person_for_user(request.user, pk)
    require(access.can_edit)
    form = AffiliationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.affiliation_create(actor=request.user, person=person, data=form.cleaned_data)
        messages.success(request, _("The affiliation was added."))
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/affiliation_form.html", {"person": person, "form": form})


@login_required
def affiliation_remove(request, pk, affiliation_pk):
    person, access = _get_person_for_user(request.user, pk)
    require(access.can_edit)
    affiliation = get_object_or_404(Affiliation, pk=affiliation_pk, person=person)
    if request.method == "POST":
        services.affiliation_delete(actor=request.user, affiliation=affiliation)
        messages.success(request, _("The affiliation was removed."))
    return redirect("people:detail", pk=person.pk)
