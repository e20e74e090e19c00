"""Who may do what in the co-working space."""


def can_use_space(user, obj=None) -> bool:
    """The space's pages: center staff, and CSO members who book for their organization."""
    return user.is_center_staff or bool(user.organization_id)


def can_see_space_as_staff(user, obj=None) -> bool:
    return user.is_center_staff


def can_book_as_member(user, obj=None) -> bool:
    return not user.is_center_staff and bool(user.organization_id)


def can_book(user, obj=None) -> bool:
    """Center staff of the branch, for any organization; CSO members for their own."""
    return user.is_center_staff or bool(user.organization_id)


def can_manage_space(user, obj=None) -> bool:
    """Branch managers, M&E officers and administrators manage resources and record uses."""
    return user.can_record_activities
