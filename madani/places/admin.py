from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Place


@admin.register(Place)
class PlaceAdmin(TranslationAdmin):
    list_display = ("pcode", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("pcode", "name_ar", "name_en")
    autocomplete_fields = ("parent",)
    readonly_fields = ("search_key", "compact_key")
    fields = ("pcode", "level", "parent", "name_ar", "name_en", "alternate_names", "search_key", "compact_key")
