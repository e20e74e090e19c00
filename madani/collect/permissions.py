"""Who may do what with ODK Collect access and the submissions it brings."""


def can_use_collect(user, obj=None) -> bool:
    """Center staff (trainers too) fill their branches' forms in ODK Collect with their own device access."""
    return user.is_center_staff


def can_see_submissions(user, obj=None) -> bool:
    """Center staff see the submissions of their branches' forms (the rows through visible_to)."""
    return user.is_center_staff
