"""Who may do what with elections (issue 16). The center's registry staff (administrators, branch managers,
M&E officers) of the election's branch run its monitoring: centers, observers, checklists, incidents,
turnout and results. Trainers, CSO members and network editors see nothing of it (observers' names and
their safety are need-to-know); the public sees only the published report."""

from madani.accounts.models import REGISTRY_EDITOR_ROLES


def _staff(user) -> bool:
    return user.is_superuser or user.role in REGISTRY_EDITOR_ROLES


def can_see_elections(user, obj=None) -> bool:
    return _staff(user)


def can_manage_elections(user, obj=None) -> bool:
    """Create an election, its centers, observers and candidates, move its status, verify checklists and
    incidents, record turnout; enter results (each entry by a different person)."""
    return _staff(user) and user.can_record_activities


def can_publish_results(user, obj=None) -> bool:
    return can_manage_elections(user, obj)
