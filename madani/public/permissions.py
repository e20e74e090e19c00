"""Who may do what on the public site's staff side."""


def can_edit_center_profile(user, obj=None) -> bool:
    return user.spans_all_branches


def can_handle_registrations(user, obj=None) -> bool:
    """Registrations hold phone numbers: only the staff who record activities."""
    return user.can_record_activities
