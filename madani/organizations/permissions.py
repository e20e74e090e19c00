"""Who may do what in the registry of organizations."""


def can_see_organizations(user, obj=None) -> bool:
    """Every signed-in user: staff their branches', trainers those of their activities, CSO members their own."""
    return True


def can_edit_organizations(user, obj=None) -> bool:
    return user.can_edit_registry
