"""Who may do what in the activity ledger (``{% can "activities.<rule>" %}`` in templates)."""

from dataclasses import dataclass


def can_see_activities(user, obj=None) -> bool:
    """Center staff and CSO members (the activities their organization took part in)."""
    return user.is_center_staff or bool(user.organization_id)


def can_record_activities(user, obj=None) -> bool:
    """Branch managers, M&E officers and administrators record activities; trainers mark theirs."""
    return user.can_record_activities


def can_mark_attendance(user, obj=None) -> bool:
    """Marking attendance and completion: recorders, and trainers on the activities they facilitate
    (the activity was already fetched through visible_to, which limits trainers to their own)."""
    return user.can_record_activities or user.is_trainer


def can_see_programs(user, obj=None) -> bool:
    return user.is_center_staff


def can_manage_programs(user, obj=None) -> bool:
    """Programs are center-wide: administrators create and change them."""
    return user.can_manage_programs


def can_open_people(user, obj=None) -> bool:
    """The participants table links to people's pages for center staff only."""
    return user.is_center_staff


def can_lead_sessions(user, obj=None) -> bool:
    """Trainers: their home page lists the sessions they facilitate."""
    return user.is_trainer and bool(user.person_id)


@dataclass(frozen=True)
class ActivityAccess:
    """What a user may do with an activity they see (``_get_activity_for_user`` in views.py)."""

    record: bool  # change or delete it, add and delete its sessions
    mark: bool  # attendance, enrolment and completion of its participants


def activity_access(user, activity=None) -> ActivityAccess:
    return ActivityAccess(record=can_record_activities(user, activity), mark=can_mark_attendance(user, activity))
