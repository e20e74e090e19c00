from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Request


@admin.register(Request)
class RequestAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "status", "source", "branch", "organization", "created_at")
    list_filter = ("kind", "status", "source", "branch")
    search_fields = ("topic_text", "description", "organization_name")
    autocomplete_fields = ("organization", "expert")
    raw_id_fields = ("activity", "requester")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
