"""Who may do what with certificates."""


def can_issue_certificates(user, obj=None) -> bool:
    return user.can_record_activities
