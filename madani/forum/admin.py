"""The forums in the admin: read-only. Moderation goes through the forum's own pages (the services), which
check the rules and write the history."""

from django.contrib import admin

from madani.core.admin import WrittenThroughServicesAdmin

from .models import Forum, Post, Thread


@admin.register(Forum)
class ForumAdmin(WrittenThroughServicesAdmin, admin.ModelAdmin):
    list_display = ("network", "slug")


@admin.register(Thread)
class ThreadAdmin(WrittenThroughServicesAdmin, admin.ModelAdmin):
    list_display = ("title", "forum", "category", "author", "status", "locked")
    list_filter = ("status", "locked")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Post)
class PostAdmin(WrittenThroughServicesAdmin, admin.ModelAdmin):
    list_display = ("thread", "author", "status", "created_at")
    list_filter = ("status",)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


