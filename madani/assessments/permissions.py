"""Who may do what with questionnaires and assessments."""


def can_see_assessments(user, obj=None) -> bool:
    return user.is_center_staff or bool(user.organization_id)


def can_upload_questionnaires(user, obj=None) -> bool:
    return user.can_record_activities


def can_assess(user, obj=None) -> bool:
    """Registry editors assess their branches' organizations; CSO members fill their own's (portal)."""
    return user.can_record_activities or (
        obj is not None and user.organization_id is not None and user.organization_id == obj.pk)


def can_fill_own_assessment(user, obj=None) -> bool:
    """CSO members reach their own organization's assessments from the list."""
    return bool(user.organization_id) and not user.is_center_staff


def can_see_test_results(user, obj=None) -> bool:
    """The pre/post-test gain on an activity's page: center staff only."""
    return user.is_center_staff


def can_open_organization(user, obj=None) -> bool:
    """Assessment pages link to the organization's record for center staff only."""
    return user.is_center_staff


def can_enrol(user, obj=None) -> bool:
    """Enrolling an organization in a needs assessment: those who record activities."""
    return user.can_record_activities


def can_fill_tests(user, obj=None) -> bool:
    """Pre- and post-tests: recorders, and trainers on the activities they facilitate (the activity was
    already fetched through visible_to)."""
    return user.can_record_activities or user.is_trainer
