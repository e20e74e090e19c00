"""Who may do what with networks, their memberships and board (issue 15).

The center's registry staff (administrators, branch managers, M&E officers) run the networks of their
branches; a network editor runs their own network (the organization their account belongs to). Which
network a user may open at all is ``networks_visible_to`` (models.py): the organizations they may see."""

from madani.accounts.models import REGISTRY_EDITOR_ROLES, Role


def _is_network_editor_of(user, network) -> bool:
    return user.role == Role.NETWORK_EDITOR and bool(user.organization_id) and (
        network is None or network.pk == user.organization_id)


def can_see_networks(user, obj=None) -> bool:
    """The networks list and a network's members and board."""
    if user.is_superuser or user.role in REGISTRY_EDITOR_ROLES:
        return True
    return _is_network_editor_of(user, obj)


def can_manage_network(user, obj=None) -> bool:
    """Add members, change their membership, seat and unseat the board (``obj``: the network)."""
    return can_see_networks(user, obj)


def can_record_meetings(user, obj=None) -> bool:
    """Schedule meetings, record attendance, minutes and decisions (``obj``: the network). A meeting is a
    ledger activity: the center's staff who record activities, not the network editor."""
    return can_manage_network(user, obj) and user.can_record_activities
