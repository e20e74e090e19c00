from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsStaffMember(BasePermission):
    """Signed-in users read what ``visible_to`` gives them; registry editors may write."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if request.method in SAFE_METHODS:
            return True
        return user.can_edit_registry
