"""Who may do what with accounts: the CSO member's portal."""


def can_use_portal(user, obj=None) -> bool:
    """Partner accounts of an organization (CSO members, network editors, forum moderators), not staff."""
    return bool(user.organization_id) and not user.is_center_staff
