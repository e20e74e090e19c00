from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organization, Sector
from .services import organization_delete


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_ar", "name_en")


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "kind", "branch", "incubation_stage", "licensing_status")
    list_filter = ("kind", "branch", "incubation_stage", "licensing_status")
    search_fields = ("name_ar", "name_en", "acronym")
    autocomplete_fields = ("place", "places_of_work", "members")
    filter_horizontal = ("sectors",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    # Deleting an organization changes the organizations served: it goes through the service (a ledger write).
    def delete_model(self, request, obj):
        organization_delete(actor=request.user, organization=obj)

    def delete_queryset(self, request, queryset):
        for organization in queryset:
            organization_delete(actor=request.user, organization=organization)
