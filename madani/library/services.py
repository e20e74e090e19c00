"""Writes to the library. All or nothing; a replaced or deleted file leaves the store once the change
is committed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madani.core.arabic import clean_spaces
from madani.core.concurrency import check_version
from madani.core.services import model_update
from madani.core.uploads import validate_upload

from .models import ACCEPTED_EXTENSIONS, Kind, Resource, max_bytes

FIELDS = ("kind", "title_ar", "title_en", "summary_ar", "summary_en", "authors", "year", "language", "access",
          "url", "branch", "network")


def _delete_after_commit(storage, name) -> None:
    transaction.on_commit(lambda: storage.delete(name))


def _save(*, actor, resource: Resource, data: dict, upload=None) -> Resource:
    # The name stored before this change (a model form may already have put the upload on the instance).
    previous = Resource.objects.filter(pk=resource.pk).values_list("file", flat=True).first() if resource.pk else None
    values = {name: clean_spaces(data[name]) if name in ("title_ar", "title_en", "authors") else data[name]
              for name in (*FIELDS, "topics") if name in data}

    def check(resource):
        if not (actor.spans_all_branches or resource.branch_id in actor.branch_ids()):
            raise ValidationError({"branch": _("Choose one of your branches.")})
        if resource.kind == Kind.LINK:
            if upload is not None:
                raise ValidationError({"file": _("A link has no file; choose another kind or remove the file.")})
            resource.file, resource.size, resource.content_type = None, None, ""
        elif upload is not None:
            try:
                resource.content_type = validate_upload(upload, extensions=ACCEPTED_EXTENSIONS[resource.kind],
                                                        max_bytes=max_bytes(resource.kind))
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from None
            resource.file, resource.size = upload, upload.size  # written to the store by save()

    model_update(instance=resource, fields=[*values, "file", "size", "content_type"], data=values, actor=actor,
                 clean_exclude=["search_key"], check=check)
    if previous and previous != resource.file.name:
        _delete_after_commit(resource.file.storage, previous)
    return resource


@transaction.atomic
def resource_create(*, actor, data: dict, upload=None) -> Resource:
    """Add a resource: a file of its kind (checked by content, its size and type recorded) or a link."""
    return _save(actor=actor, resource=Resource(added_by=actor), data=data, upload=upload)


@transaction.atomic
def resource_update(*, actor, resource: Resource, data: dict, upload=None, version=None) -> Resource:
    """Change a resource; a new upload replaces the stored file. A stale ``version`` raises
    ``StaleVersion`` (madani/core/concurrency.py)."""
    check_version(resource, version)
    return _save(actor=actor, resource=resource, data=data, upload=upload)


@transaction.atomic
def resource_delete(*, actor, resource: Resource) -> None:
    if resource.file:
        _delete_after_commit(resource.file.storage, resource.file.name)
    resource._history_user = actor
    resource.delete()
