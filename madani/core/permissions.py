"""Who may do what: each app's rules live in its ``permissions.py`` as ``can_<verb>_<noun>(user, obj=None)``
functions; everything else (views, templates through ``{% can %}``, the navigation) asks them by name.

``check(user, "activities.record_activities")`` calls ``madani.activities.permissions.can_record_activities``.
"""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import PermissionDenied


def rule(name: str):
    """The function behind ``"<app label>.<verb>_<noun>"``."""
    label, _, verb_noun = name.partition(".")
    module = import_module(f"{apps.get_app_config(label).name}.permissions")
    try:
        return getattr(module, f"can_{verb_noun}")
    except AttributeError:
        raise LookupError(f"{module.__name__} has no can_{verb_noun}") from None


def check(user, name: str, obj=None) -> bool:
    """Anonymous visitors and inactive accounts may do nothing a rule guards (the rules need not say so)."""
    if user is None or not user.is_authenticated or not user.is_active:
        rule(name)  # an unknown name fails for them too
        return False
    return bool(rule(name)(user, obj))


def require(allowed: bool) -> None:
    """``require(can_record_activities(request.user))``: 403 unless allowed."""
    if not allowed:
        raise PermissionDenied


class ObjectAccess:
    """What one user may do with one object, worked out once, where the view fetches it: a view's
    ``_get_<thing>_for_user(user, pk)`` returns the object (through ``visible_to``, 404 otherwise) and
    ``ObjectAccess(user, obj, edit=can_edit_organizations, …)``, whose ``access.can_edit`` is the app's rule asked
    with the object. Views ``require(access.can_edit)``; templates read ``access.can_edit``. Anonymous
    visitors and inactive accounts may do nothing, as with ``check``."""

    def __init__(self, user, obj, **rules):
        allowed = user is not None and user.is_authenticated and user.is_active
        for name, rule_function in rules.items():
            setattr(self, f"can_{name}", allowed and bool(rule_function(user, obj)))

    def __repr__(self):
        return f"ObjectAccess({', '.join(f'{k}={v}' for k, v in vars(self).items())})"
