from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Booking, BookableResource


@admin.register(BookableResource)
class ResourceAdmin(TranslationAdmin):
    list_display = ("name", "kind", "branch", "capacity", "active")
    list_filter = ("kind", "branch", "active")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Booking)
class BookingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "organization", "status", "start", "end")
    list_filter = ("status", "resource__branch")
    autocomplete_fields = ("organization",)
    raw_id_fields = ("resource", "booked_by", "activity")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
