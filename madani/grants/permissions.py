"""Who may do what with calls, applications, reviews, awards, tranches and reports (issue 14).

Finance actions — approving and disbursing a tranche — belong to the roles in ``FINANCE_ROLES``:
administrators and branch managers (the branch's budget holder). Program / M&E officers run calls,
eligibility, decisions, tranche planning and reports, but do not move money: the separation a donor's
audit asks for."""

from madani.accounts.models import Role

# Staff who run calls and applications (eligibility, decisions, awards, reports).
GRANT_MANAGER_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER}
# Staff who approve and disburse tranches.
FINANCE_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER}


def can_see_grants(user, obj=None) -> bool:
    """The grants dashboard, calls and applications of the staff's branches (not trainers: they review)."""
    return user.is_superuser or user.role in GRANT_MANAGER_ROLES


def can_manage_grants(user, obj=None) -> bool:
    return user.is_superuser or user.role in GRANT_MANAGER_ROLES


def can_manage_finances(user, obj=None) -> bool:
    """Approve and disburse tranches."""
    return user.is_superuser or user.role in FINANCE_ROLES


def can_see_own_applications(user, obj=None) -> bool:
    """CSO members follow and file their organization's applications and reports through the portal."""
    return not user.is_center_staff and bool(user.organization_id)


def can_apply(user, obj=None) -> bool:
    return can_manage_grants(user) or can_see_own_applications(user)


def can_review_applications(user, obj=None) -> bool:
    """Panel members: whoever sits on a call's panel."""
    return user.is_center_staff and user.grant_panels.exists()


def can_edit_application(user, obj=None) -> bool:
    """Staff who run grants, or a member of the applying organization; while it can still change."""
    if obj is not None and not obj.is_editable:
        return False
    if can_manage_grants(user):
        return True
    return can_see_own_applications(user) and (obj is None or obj.organization_id == user.organization_id)


def can_submit_report(user, obj=None) -> bool:
    """Staff who run grants, or the grantee organization's members."""
    if can_manage_grants(user):
        return True
    return can_see_own_applications(user) and (obj is None or obj.award.organization_id == user.organization_id)


def can_see_scores(user, obj=None) -> bool:
    """Applicants never see the reviewers' scores or names."""
    return can_manage_grants(user)
