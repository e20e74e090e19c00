"""Who may do what with consultation and support requests."""


def can_see_request_queue(user, obj=None) -> bool:
    """Center staff work the queue of their branches."""
    return user.is_center_staff


def can_see_own_requests(user, obj=None) -> bool:
    """CSO members follow their organization's requests."""
    return not user.is_center_staff and bool(user.organization_id)


def can_take_requests(user, obj=None) -> bool:
    """Branch managers, M&E officers and administrators take requests in and assign them."""
    return user.can_record_activities


def can_log_sessions(user, obj=None) -> bool:
    """Recorders, and the expert assigned to the request ``obj`` (a trainer with that person record)."""
    return user.can_record_activities or (user.is_trainer and obj is not None and user.person_id == obj.expert_id)


def can_read_staff_notes(user, obj=None) -> bool:
    return user.is_center_staff


def can_see_contacts(user, obj=None) -> bool:
    """Who may reach the requester: those who see contact details (need-to-know), and the requester."""
    return user.can_see_contacts or (obj is not None and obj.requester_id == user.pk)
