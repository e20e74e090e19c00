from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Baseline, Indicator, Outcome, Output, Target


class BaselineInline(admin.TabularInline):
    model = Baseline
    extra = 0


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ("code", "name", "metric", "program")
    list_filter = ("metric", "program")
    search_fields = ("code", "name_ar", "name_en")
    filter_horizontal = ("topics", "programs", "donors", "branches", "organizations")
    autocomplete_fields = ("place",)
    inlines = [BaselineInline, TargetInline]


class OutputInline(admin.TabularInline):
    model = Output
    extra = 0


@admin.register(Outcome)
class OutcomeAdmin(TranslationAdmin):
    list_display = ("program", "number", "statement")
    list_filter = ("program",)
    inlines = [OutputInline]
