from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write
from madani.core.services import model_update

from .models import Affiliation, DistinctPair, MergeRecord, Person

# Names as they are stored: single spaces, no bidi override controls (madani.core.arabic.clean_spaces).
NAME_FIELDS = ("full_name", "name_latin")
# The fields staff choose field by field when two records are merged (``person_merge``'s ``choices``);
# notes are always joined, a disability recorded on either record is kept.
MERGE_FIELDS = ("full_name", "name_latin", "gender", "birth_year", "displacement", "home_place", "phone", "email",
                "consent_date")


@transaction.atomic
def person_create(*, actor, data: dict) -> Person:
    """Register a person. Duplicate detection happens before (``Person.objects.likely_duplicates_of``)."""
    person = Person(**{**data, **{name: clean_spaces(data.get(name)) for name in NAME_FIELDS if name in data}})
    person._history_user = actor
    person.full_clean(exclude=["name_key"])
    person.save()
    return person


@ledger_write
def person_update(*, actor, person: Person, data: dict, version=None) -> Person:
    """Change a person (a ledger write: their gender and age are part of the figures); a stale ``version`` raises ``StaleVersion`` (madani/core/concurrency.py)."""
    check_version(person, version)
    values = {name: clean_spaces(value) if name in NAME_FIELDS else value for name, value in data.items()}
    model_update(instance=person, fields=list(values), data=values, actor=actor, clean_exclude=["name_key"])
    return person


@transaction.atomic
def person_delete(*, actor, person: Person) -> None:
    """Delete a person (refused while they take part in the ledger: ``PROTECT``)."""
    person._history_user = actor
    person.delete()


@transaction.atomic
def affiliation_create(*, actor, person: Person, data: dict) -> Affiliation:
    affiliation = Affiliation(person=person, **data)
    affiliation._history_user = actor
    affiliation.full_clean()
    affiliation.save()
    return affiliation


@transaction.atomic
def affiliation_ensure(*, actor, person: Person, organization) -> Affiliation:
    """The person's current affiliation with ``organization``, recorded now if they had none (a walk-in
    or an enrolment for an organization the registry did not know them at)."""
    current = person.affiliations.filter(organization=organization, end_date__isnull=True).first()
    return current or affiliation_create(actor=actor, person=person, data={"organization": organization})


@transaction.atomic
def affiliation_delete(*, actor, affiliation: Affiliation) -> None:
    affiliation._history_user = actor
    affiliation.delete()


def _move_rows(model, field: str, remove: Person, keep: Person) -> None:
    """Point ``model`` rows at ``keep`` instead of ``remove``. A row that would break a uniqueness
    rule (both records attended the same session, say) already exists for ``keep``: it is dropped."""
    rows = model._base_manager.filter(**{field: remove})
    try:
        with transaction.atomic():
            rows.update(**{field: keep})
        return
    except IntegrityError:
        pass
    for pk in list(rows.values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                model._base_manager.filter(pk=pk).update(**{field: keep})
        except IntegrityError:
            model._base_manager.filter(pk=pk).delete()


def _merge_value(person: Person, name: str):
    value = getattr(person, f"{name}_id" if name == "home_place" else name)
    return None if value in (None, "") else value


def _shown(person: Person, name: str):
    """A value as the merge history shows it (a place by its P-code and name, a date in ISO)."""
    value = getattr(person, name)
    if hasattr(value, "pcode"):
        return f"{value.pcode} {value.name_ar or value.name}"
    return value.isoformat() if hasattr(value, "isoformat") else value


@ledger_write
def person_merge(*, actor, keep: Person, remove: Person, choices: dict | None = None) -> Person:
    """Merge ``remove`` into ``keep``: every record attached to ``remove`` (affiliations, participations,
    attendance…) is re-attached to ``keep``; ``remove`` is deleted with the reason in its history.

    ``choices`` says, field by field (``MERGE_FIELDS``), whose value the merged record takes: ``"keep"`` or
    ``"remove"``. A field without a choice keeps ``keep``'s value, or takes ``remove``'s when ``keep`` has
    none. Notes are joined; a disability recorded on either record is kept. Every value of either record
    that the merged record does not carry is written to its ``MergeRecord``, so nothing is dropped silently."""
    choices = choices or {}
    unknown = set(choices) - set(MERGE_FIELDS)
    if unknown or set(choices.values()) - {"keep", "remove"}:
        raise ValidationError(_("The choice of values to keep is not valid."))
    if keep.pk == remove.pk:
        raise ValidationError(_("A person cannot be merged with themself."))
    if keep.branch_id != remove.branch_id and not actor.spans_all_branches:
        raise ValidationError(_("Only an administrator can merge people registered in different branches."))

    keep = Person.objects.select_for_update(of=("self",)).select_related("home_place").get(pk=keep.pk)
    remove = Person.objects.select_for_update(of=("self",)).select_related("home_place").get(pk=remove.pk)
    discarded = {}
    for name in MERGE_FIELDS:
        kept_value, other_value = _merge_value(keep, name), _merge_value(remove, name)
        choice = choices.get(name) or ("keep" if kept_value is not None else "remove")
        source, loser = (keep, remove) if choice == "keep" else (remove, keep)
        if _merge_value(loser, name) is not None and _merge_value(loser, name) != _merge_value(source, name):
            discarded[name] = _shown(loser, name)
        if source is remove and kept_value != other_value:
            setattr(keep, name, getattr(remove, name))
    keep.disability = keep.disability or remove.disability
    if remove.notes and remove.notes not in keep.notes:
        keep.notes = "\n".join(filter(None, [keep.notes, remove.notes]))

    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            continue  # many-to-many through models are moved through their own foreign keys
        _move_rows(relation.related_model, relation.field.name, remove, keep)

    reason = _("Merged record #%(removed)s into #%(kept)s") % {"removed": remove.pk, "kept": keep.pk}
    keep._history_user = actor
    keep.full_clean(exclude=["name_key"])
    keep.save()
    update_change_reason(keep, reason)
    MergeRecord.objects.create(kept=keep, removed_id=remove.pk, removed_name=remove.full_name,
                               discarded=discarded, merged_by=actor)
    remove._history_user = actor
    remove._change_reason = reason
    remove.delete()
    return keep


@transaction.atomic
def distinct_pair_record(*, actor, first: Person, second: Person) -> DistinctPair:
    """Staff checked two records of the queue of likely duplicates: they are different people (remembered)."""
    if first.pk == second.pk:
        raise ValidationError(_("A person cannot be merged with themself."))
    first, second = sorted([first, second], key=lambda p: p.pk)
    pair, _created = DistinctPair.objects.get_or_create(first=first, second=second, defaults={"decided_by": actor})
    return pair
