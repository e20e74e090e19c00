"""The grants in the admin: read-only. Every state change goes through the services (the staff pages),
which check the rules and write the history; the admin shows the records and their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from madani.core.admin import WrittenThroughServicesAdmin

from .models import Application, Award, Call, GrantReport, Review, Tranche


class ReadOnlyAdmin(WrittenThroughServicesAdmin, SimpleHistoryAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("code", "title", "status", "currency", "ceiling", "deadline")
    list_filter = ("status",)
    search_fields = ("code", "title_ar", "title_en")


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("title", "organization", "call", "branch", "status", "requested_amount", "currency")
    list_filter = ("status", "branch", "call")
    search_fields = ("title", "organization__name_ar", "organization__name_en")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("application", "reviewer", "conflict", "recommendation", "submitted_at")
    list_filter = ("conflict", "recommendation")


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ("application", "organization", "branch", "amount", "currency", "awarded_on", "status")
    list_filter = ("status", "branch", "currency")


@admin.register(Tranche)
class TrancheAdmin(ReadOnlyAdmin):
    list_display = ("award", "number", "status", "amount", "currency", "method", "exchange_rate", "disbursed_on")
    list_filter = ("status", "method", "currency")


@admin.register(GrantReport)
class GrantReportAdmin(ReadOnlyAdmin):
    list_display = ("award", "__str__", "status", "due_date", "submitted_at")
    list_filter = ("status", "final")
