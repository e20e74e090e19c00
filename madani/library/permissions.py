"""Who may do what in the library."""


def can_see_library_as_staff(user, obj=None) -> bool:
    return user.is_center_staff


def can_add_resources(user, obj=None) -> bool:
    return user.can_edit_registry


def can_edit_resources(user, obj=None) -> bool:
    """Registry editors change their branches' resources (``obj``); only administrators change center-wide
    ones (no branch), as for center-wide partners (``Resource.objects.editable_by`` is the same rule)."""
    if not user.can_edit_registry:
        return False
    return (obj is None or can_edit_center_wide_resources(user)
            or (obj.branch_id is not None and obj.branch_id in user.branch_ids()))


def can_edit_center_wide_resources(user, obj=None) -> bool:
    """Resources of no branch (the whole center's): administrators only; the branch is optional for them."""
    return user.can_edit_registry and user.spans_all_branches
