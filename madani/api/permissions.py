"""Who may call what: the apps' own rules (``<app>/permissions.py``, asked by name through
``core.permissions.check``), never the user's role here.

A viewset names its rules: ``write_rule`` for writes (none: the view has no writes, and a write answers
405), and optionally ``marker_rule`` with ``marker_actions``, actions a wider group may do (trainers mark
attendance and completion). Objects are fetched through ``visible_to`` first, so a rule that lets a
trainer write lets them write only on what they may see (another's is a 404)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from madani.core.permissions import check


class RulePermission(BasePermission):
    """Signed-in users read what ``visible_to`` gives them (``read_rule`` if the view names one);
    writes need the view's ``write_rule`` (or its ``marker_rule`` for ``marker_actions``)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method in SAFE_METHODS:
            read_rule = getattr(view, "read_rule", "")
            return not read_rule or check(user, read_rule)
        write_rule = getattr(view, "write_rule", "")
        if not write_rule:
            return True  # a read-only view: the method is not allowed (405)
        if check(user, write_rule):
            return True
        marker_rule = getattr(view, "marker_rule", "")
        return bool(marker_rule) and view.action in getattr(view, "marker_actions", ()) and check(user, marker_rule)

    def has_object_permission(self, request, view, obj):
        """A write on one record asks the rule with the record (an organization without a branch: administrators)."""
        if request.method in SAFE_METHODS:
            return True
        write_rule = getattr(view, "write_rule", "")
        if not write_rule or check(request.user, write_rule, obj):
            return True
        marker_rule = getattr(view, "marker_rule", "")
        return (bool(marker_rule) and view.action in getattr(view, "marker_actions", ())
                and check(request.user, marker_rule, obj))
