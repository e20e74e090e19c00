from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Resource


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("title", "kind", "access", "year", "language", "branch")
    list_filter = ("kind", "access", "language")
    search_fields = ("title_ar", "title_en", "authors")
    filter_horizontal = ("topics",)
    readonly_fields = ("file", "size", "content_type", "added_by")  # files go through the checked page
