from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import BranchContact, CenterProfile, Registration


class BranchContactInline(TranslationTabularInline):
    model = BranchContact
    extra = 0


@admin.register(CenterProfile)
class CenterProfileAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """One profile: it can be added once and never deleted."""

    inlines = [BranchContactInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return not CenterProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "activity", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("full_name",)
    raw_id_fields = ("activity", "participation")
    autocomplete_fields = ("home_place",)
    readonly_fields = ("decided_by", "decided_at", "participation")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
