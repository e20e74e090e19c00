"""Write helpers every app's services share."""

from django.db import models


def _stored(instance, fields) -> dict:
    """What the database holds now, by field name (a model form may already have put the new values on
    ``instance``, so the instance itself cannot say what changed)."""
    row = type(instance)._base_manager.filter(pk=instance.pk).values(*(f.attname for f in fields)).first() or {}
    return {f.name: row.get(f.attname) for f in fields}


def _current(instance, field):
    """``field``'s value on ``instance`` as the database column would hold it."""
    if isinstance(field, models.FileField):
        value = getattr(instance, field.name)
        if value and not value._committed:
            return object()  # a new upload replaces the stored file, whatever its name
        return value.name or ""
    return getattr(instance, field.attname)


def _differs(field, stored, current) -> bool:
    if isinstance(field, models.FileField):
        stored = stored or ""
    return stored != current


def model_update(*, instance, fields, data, actor, reason=None, clean_exclude=(), check=None):
    """Set ``fields`` of ``instance`` from ``data`` (a field missing from ``data`` is left as it is: the
    service, or ``check``, may set it) and save only those of ``fields`` that changed (compared with
    what the database holds), with ``actor`` (and ``reason``) in its change history
    (django-simple-history's ``_history_user`` and ``_change_reason``). HackSoft styleguide's
    ``model_update``; it also saves a new instance (every field).

    Many-to-many fields are ``set()`` after the save. ``check(instance)`` runs once the values are set
    and before ``full_clean(exclude=clean_exclude)``: the service's own rules, raising ``ValidationError``.
    Nothing changed: nothing is saved and no history entry is written. The caller keeps its
    ``check_version(...)`` (core/concurrency.py) before this call.

    Returns ``(instance, has_updated)``.
    """
    adding = instance._state.adding
    given = [instance._meta.get_field(name) for name in fields]
    plain = [field for field in given if not field.many_to_many]
    stored = {} if adding else _stored(instance, plain)
    for field in plain:
        if field.name in data:
            setattr(instance, field.name, data[field.name])
    if check:
        check(instance)
    changed = [field.name for field in plain
               if adding or _differs(field, stored[field.name], _current(instance, field))]
    if adding or changed:
        instance.full_clean(exclude=list(clean_exclude))
        instance._history_user = actor
        if reason:
            instance._change_reason = reason
        if adding:
            instance.save()
        else:
            auto = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
            instance.save(update_fields=[*changed, *auto])
    for field in given:
        if field.many_to_many and data.get(field.name) is not None:
            manager, values = getattr(instance, field.name), data[field.name]
            if adding or {obj.pk for obj in manager.all()} != {getattr(v, "pk", v) for v in values}:
                manager.set(values)
                changed.append(field.name)
    return instance, adding or bool(changed)
