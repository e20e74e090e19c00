"""Who may see which dashboard."""


def can_see_dashboard(user, obj=None) -> bool:
    """Every signed-in user: staff their branches' figures, trainers their activities', CSO members their
    organization's."""
    return True


def can_see_own_activities_only(user, obj=None) -> bool:
    return user.is_trainer


def can_see_every_branch(user, obj=None) -> bool:
    """The whole center's figures (no branch chosen): those whose work spans every branch."""
    return user.spans_all_branches


def can_see_precomputed_figures(user, obj=None) -> bool:
    """Staff who record or follow the ledger read the precomputed figures; trainers and CSO members see theirs
    counted live."""
    return user.is_center_staff and not user.is_trainer
