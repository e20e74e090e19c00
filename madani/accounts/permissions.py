"""Who may do what with their own account, and the CSO member's portal."""


def can_create_api_tokens(user, obj=None) -> bool:
    """Everyone makes tokens for themselves; center staff only once they use two factors (a token opens what
    they may see without the second factor, so it is made behind it — the session passed it, or it would
    have been signed out: core/middleware.py)."""
    return not user.is_center_staff or not user.needs_two_factor_setup()


def can_use_portal(user, obj=None) -> bool:
    """Partner accounts of an organization (CSO members, network editors, forum moderators), not staff."""
    return bool(user.organization_id) and not user.is_center_staff
