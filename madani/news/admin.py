from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import NewsPost, Tag


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ("slug", "name")
    search_fields = ("slug", "name_ar", "name_en")


@admin.register(NewsPost)
class NewsPostAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """For repairs only: covers are processed and the workflow is checked in the newsroom pages."""

    list_display = ("__str__", "status", "published_at", "branch", "author")
    list_filter = ("status", "branch", "tags")
    search_fields = ("title_ar", "title_en", "slug")
    readonly_fields = ("cover", "cover_thumbnail", "source_activity", "author")
    filter_horizontal = ("tags",)
