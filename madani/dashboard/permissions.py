"""Who may see which dashboard."""


def can_see_dashboard(user, obj=None) -> bool:
    """Every signed-in user: staff their branches' figures, trainers their activities', CSO members their
    organization's."""
    return True


def can_see_own_activities_only(user, obj=None) -> bool:
    return user.is_trainer
