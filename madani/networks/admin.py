"""Networks in the admin: read-only. Every change goes through the services (the staff pages), which
check the rules and write the history; the admin shows the records and their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from madani.core.admin import WrittenThroughServicesAdmin

from .models import BoardSeat, Membership


class ReadOnlyAdmin(WrittenThroughServicesAdmin, SimpleHistoryAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("organization", "network", "kind", "status", "applied_on", "joined_on", "left_on",
                    "shown_publicly")
    list_filter = ("status", "kind", "shown_publicly")


@admin.register(BoardSeat)
class BoardSeatAdmin(ReadOnlyAdmin):
    list_display = ("person", "role", "membership", "network", "term_start", "term_end", "ended_on")
    list_filter = ("role",)
