"""What the Django admin of several apps shares."""


class WrittenThroughServicesAdmin:
    """Records written only through their app's services (the ledger's ``@ledger_write``, the grants'
    state changes with their history): the admin shows them and changes nothing. Put it before the admin
    class: ``class ActivityAdmin(WrittenThroughServicesAdmin, SimpleHistoryAdmin)``."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
