from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import ServiceListing


@admin.register(ServiceListing)
class ServiceListingAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "organization", "sector", "status", "updated_at")
    list_filter = ("status", "sector")
    search_fields = ("title_ar", "title_en", "organization__name_ar", "organization__name_en")
    autocomplete_fields = ("organization", "places")
    raw_id_fields = ("moderated_by", "submitted_by")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
