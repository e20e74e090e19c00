"""Who may do what in the registry of organizations."""


def can_see_organizations(user, obj=None) -> bool:
    """Every signed-in user: staff their branches', trainers those of their activities, CSO members their own."""
    return True


def can_edit_organizations(user, obj=None) -> bool:
    """Registry editors change their branches' records; center-wide ones (no branch) only administrators."""
    if not user.can_edit_registry:
        return False
    return obj is None or obj.branch_id is not None or can_edit_center_wide_organizations(user)


def can_edit_center_wide_organizations(user, obj=None) -> bool:
    """Center-wide partners (donors, INGOs: no branch) are changed by administrators only; for them the
    branch of a record is optional."""
    return user.can_edit_registry and user.spans_all_branches
