from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Questionnaire, Response


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    list_display = ("title", "kind", "version", "activity", "is_active", "created_at")
    list_filter = ("kind", "is_active")
    search_fields = ("title_ar", "title_en")
    raw_id_fields = ("activity",)
    readonly_fields = ("definition",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ("questionnaire", "organization", "participation", "date", "score")
    list_filter = ("questionnaire__kind",)
    raw_id_fields = ("organization", "participation")
    readonly_fields = ("answers", "domain_scores", "score")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
