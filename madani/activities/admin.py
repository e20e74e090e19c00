from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from madani.core.admin import WrittenThroughServicesAdmin

from .models import Activity, ImportMapping, Phase, Program, Session, Topic


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("code", "name", "donor", "start_date", "end_date")
    search_fields = ("code", "name_ar", "name_en")
    filter_horizontal = ("branches",)
    inlines = [PhaseInline]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ("code", "name", "assessment_domain")
    search_fields = ("code", "name_ar", "name_en")


class SessionInline(WrittenThroughServicesAdmin, admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Activity)
class ActivityAdmin(WrittenThroughServicesAdmin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "kind", "branch", "start_date", "end_date", "status")
    list_filter = ("kind", "status", "branch")
    search_fields = ("title_ar", "title_en")
    inlines = [SessionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    """Remembered column mappings of imported sheets; delete one to be asked again."""

    list_display = ("__str__", "updated_by", "updated_at")
    readonly_fields = ("signature", "headers", "updated_by", "updated_at")
