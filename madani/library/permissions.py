"""Who may do what in the library."""


def can_see_library_as_staff(user, obj=None) -> bool:
    return user.is_center_staff


def can_add_resources(user, obj=None) -> bool:
    return user.can_edit_registry
