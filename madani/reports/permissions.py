"""Who may do what with reports."""


def can_request_donor_reports(user, obj=None) -> bool:
    """Branch managers, M&E officers and administrators (not trainers: a program's report covers
    activities they do not facilitate)."""
    return user.is_authenticated and user.can_record_activities


def can_see_reports(user, obj=None) -> bool:
    return user.is_center_staff and user.can_record_activities


def can_see_every_branch(user, obj=None) -> bool:
    return user.spans_all_branches
