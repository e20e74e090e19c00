"""Who may do what in the registry of people."""


def can_see_people(user, obj=None) -> bool:
    return user.is_center_staff or bool(user.organization_id)


def can_edit_people(user, obj=None) -> bool:
    return user.can_edit_registry


def can_merge_people(user, obj=None) -> bool:
    return user.can_merge_people


def can_see_contacts(user, obj=None) -> bool:
    return user.can_see_contacts
