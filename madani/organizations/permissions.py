"""Who may do what in the registry of organizations."""


def can_see_organizations(user, obj=None) -> bool:
    """Every signed-in user: staff their branches', trainers those of their activities, CSO members their own."""
    return True


def can_edit_organizations(user, obj=None) -> bool:
    """Registry editors change their branches' records; center-wide ones (no branch) only administrators."""
    if not user.can_edit_registry:
        return False
    return obj is None or obj.branch_id is not None or user.spans_all_branches
