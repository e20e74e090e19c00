"""Who may write and publish news."""

from madani.accounts.models import Role

WRITER_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER, Role.NETWORK_EDITOR}


def can_write_news(user, obj=None) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role in WRITER_ROLES))


def can_publish_news(user, post=None) -> bool:
    """Administrators publish every post; branch managers their branches' posts."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.spans_all_branches:
        return True
    if user.role != Role.BRANCH_MANAGER:
        return False
    return post is None or (post.branch_id is not None and post.branch_id in user.branch_ids())


def can_edit_news(user, post=None) -> bool:
    """Writers change drafts and posts in review; a published post only those who may publish it."""
    from .models import Status

    if not can_write_news(user):
        return False
    return post is None or post.status != Status.PUBLISHED or can_publish_news(user, post)


def can_manage_news(user, obj=None) -> bool:
    """The newsroom in the staff menu: recorders and network editors."""
    return user.can_record_activities or user.role == Role.NETWORK_EDITOR
