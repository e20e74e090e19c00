"""Who may do what in a network's forum (issue 15).

- Anyone reads published threads.
- **Post** (as themselves): the staff of the network's member organizations (a signed-in account whose
  organization is a current member), the network's own accounts, and the center's staff — unless
  silenced or banned in that forum.
- **Moderate**: the network's forum moderator (their account belongs to the network), the registry staff
  of the network's branch, administrators. A moderator of another network may not (403; the network's
  posts are looked up in the forum of the address, so another forum's post is a 404).
- A moderator's posts, and a trusted author's (``MADANI_FORUM_TRUSTED_AFTER`` approved posts in the
  forum), are published at once; everyone else's wait for approval."""

from django.conf import settings
from django.utils import timezone

from madani.accounts.models import REGISTRY_EDITOR_ROLES, Role


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_moderate_forum(user, obj=None) -> bool:
    """``obj``: the forum (without one: whether the user moderates any forum)."""
    if not _signed_in(user):
        return False
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        return True
    if user.role == Role.FORUM_MODERATOR and user.organization_id:
        return obj is None or obj.network_id == user.organization_id
    if user.is_center_staff and user.role in REGISTRY_EDITOR_ROLES:
        return obj is None or obj.network.branch_id in user.branch_ids()
    return False


def _participates(user, forum) -> bool:
    if user.is_center_staff or user.is_superuser:
        return True
    if not user.organization_id:
        return False
    if user.organization_id == forum.network_id:
        return True
    from madani.networks.models import Membership

    return Membership.objects.current().filter(network_id=forum.network_id,
                                               organization_id=user.organization_id).exists()


def active_sanction(user, forum):
    from .models import Sanction

    now = timezone.now()
    return Sanction.objects.filter(forum=forum, user=user, lifted_at__isnull=True, starts_at__lte=now,
                                   ends_at__gt=now).order_by("-ends_at").first()


def can_post_in_forum(user, obj=None) -> bool:
    """``obj``: the forum."""
    if not _signed_in(user) or obj is None:
        return False
    return _participates(user, obj) and active_sanction(user, obj) is None


def can_flag_posts(user, obj=None) -> bool:
    """``obj``: the forum. Anyone who may take part, unless banned (a silenced user may still flag)."""
    if not _signed_in(user) or obj is None or not _participates(user, obj):
        return False
    sanction = active_sanction(user, obj)
    return sanction is None or sanction.kind != "ban"


def is_trusted(user, forum) -> bool:
    """Whether ``user``'s posts in ``forum`` are published without waiting for approval."""
    if can_moderate_forum(user, forum) or user.is_center_staff:
        return True
    from .models import Post, PostStatus

    approved = Post.objects.filter(author=user, thread__forum=forum, approved_at__isnull=False,
                                   status=PostStatus.VISIBLE).count()
    return approved >= settings.MADANI_FORUM_TRUSTED_AFTER
