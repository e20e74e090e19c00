from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ("code", "participation", "issued_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("code", "participation__person__full_name", "participation__activity__title_ar",
                     "participation__activity__title_en")
    readonly_fields = ("code", "participation", "issued_at", "issued_by", "revoked_by")

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).select_related(
            "participation__person", "participation__activity"
        )

    def has_add_permission(self, request):
        return False  # issued from the activity page (services.certificate_issue), never typed in
