"""Who may do what in the services directory."""


def can_moderate_listings(user, obj=None) -> bool:
    """Center staff see the directory as moderators."""
    return user.is_center_staff


def can_list_own_services(user, obj=None) -> bool:
    """CSO members list their organization's services."""
    return not user.is_center_staff and bool(user.organization_id)


def can_submit_listings(user, obj=None) -> bool:
    """Registry editors (branch managers, M&E officers, administrators), and CSO members for their organization."""
    return user.can_edit_registry or (not user.is_center_staff and bool(user.organization_id))
