"""Who may do what in the services directory."""


def can_see_moderation_queue(user, obj=None) -> bool:
    """Center staff see the directory as moderators (its menu item and titles)."""
    return user.is_center_staff


def can_moderate_listings(user, obj=None) -> bool:
    """Staff of the organization's branch who edit the registry moderate (the listing was already fetched
    through visible_to, which limits them to their branches)."""
    return user.can_edit_registry


def can_list_own_services(user, obj=None) -> bool:
    """CSO members list their organization's services."""
    return not user.is_center_staff and bool(user.organization_id)


def can_submit_listings(user, obj=None) -> bool:
    """Registry editors (branch managers, M&E officers, administrators), and CSO members for their organization."""
    return user.can_edit_registry or (not user.is_center_staff and bool(user.organization_id))
