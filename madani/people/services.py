from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.ledger import ledger_write
from madani.core.services import model_update

from .models import Affiliation, Person

# Names as they are stored: single spaces, no bidi override controls (madani.core.arabic.clean_spaces).
NAME_FIELDS = ("full_name", "name_latin")
# Fields copied from the removed record when the kept one has no value.
MERGE_FILL_FIELDS = ("name_latin", "birth_year", "home_place", "phone", "email", "consent_date")


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


@ledger_write
def person_merge(*, actor, keep: Person, remove: Person) -> Person:
    """Merge ``remove`` into ``keep``: every record attached to ``remove`` (affiliations now,
    participations and attendance as the ledger grows) is re-attached to ``keep``; empty fields of
    ``keep`` take ``remove``'s values; ``remove`` is deleted with the reason in its history."""
    if keep.pk == remove.pk:
        raise ValidationError(_("A person cannot be merged with themself."))
    if keep.branch_id != remove.branch_id and not actor.spans_all_branches:
        raise ValidationError(_("Only an administrator can merge people registered in different branches."))

    keep = Person.objects.select_for_update().get(pk=keep.pk)
    remove = Person.objects.select_for_update().get(pk=remove.pk)
    for name in MERGE_FILL_FIELDS:
        if getattr(keep, name) in (None, "") and getattr(remove, name) not in (None, ""):
            setattr(keep, name, getattr(remove, name))
    keep.disability = keep.disability or remove.disability
    if remove.notes:
        keep.notes = "\n".join(filter(None, [keep.notes, remove.notes]))

    for relation in Person._meta.related_objects:
        if relation.many_to_many:
            continue  # many-to-many through models are moved through their own foreign keys
        _move_rows(relation.related_model, relation.field.name, remove, keep)

    reason = _("Merged record #%(removed)s into #%(kept)s") % {"removed": remove.pk, "kept": keep.pk}
    keep._history_user = actor
    keep.save()
    update_change_reason(keep, reason)
    remove._history_user = actor
    remove._change_reason = reason
    remove.delete()
    return keep
