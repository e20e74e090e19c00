"""Who may do what with networks, their memberships and board (issue 15).

The center's registry staff (administrators, branch managers, M&E officers) run the networks of their
branches; a network editor runs their own network (the organization their account belongs to). Which
network a user may open at all is ``networks_visible_to`` (models.py): the organizations they may see."""

from madani.accounts.models import REGISTRY_EDITOR_ROLES, Role


def _is_network_editor_of(user, network) -> bool:
    return user.role == Role.NETWORK_EDITOR and bool(user.organization_id) and (
        network is None or network.pk == user.organization_id)


def _sees(user, network) -> bool:
    from .models import networks_visible_to

    return network is None or networks_visible_to(user).filter(pk=network.pk).exists()


def _sees(user, network) -> bool:
    from .models import networks_visible_to

    return network is None or networks_visible_to(user).filter(pk=network.pk).exists()


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


def can_edit_site(user, obj=None) -> bool:
    """Run a network's website: its settings and the editorial review of its opinion articles (``obj``: the
    network). The network's own editor for their network only, and the center's registry staff of the
    network's branch."""
    return user.is_authenticated and can_manage_network(user, obj) and _sees(user, obj)


def is_member_staff(user, network) -> bool:
    """A CSO member whose organization is a current member of ``network``."""
    from .models import Membership

    return bool(user.is_authenticated and user.organization_id and network is not None
                and Membership.objects.filter(network=network, organization_id=user.organization_id)
                .current().exists())


def can_write_articles(user, obj=None) -> bool:
    """Write opinion articles for a network's site (``obj``: the network): its editors and its members'
    staff, who post as themselves (or under an alias the editors know)."""
    if not user.is_authenticated:
        return False
    if can_edit_site(user, obj):
        return True
    if obj is None:
        return Role.CSO_MEMBER == user.role and bool(user.organization_id)
    return user.role == Role.CSO_MEMBER and is_member_staff(user, obj)


def can_see_article_author(user, article) -> bool:
    """Who wrote an article under an alias: the network's editors (and the author)."""
    return user.is_authenticated and (article.author_id == user.pk or can_edit_site(user, article.network))
