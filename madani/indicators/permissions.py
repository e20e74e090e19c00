"""Who may do what with indicators and logframes."""

from madani.accounts.models import Role


def can_see_indicators(user, obj=None) -> bool:
    return user.is_center_staff


def can_manage_indicators(user, obj=None) -> bool:
    return user.spans_all_branches or user.role == Role.ME_OFFICER
