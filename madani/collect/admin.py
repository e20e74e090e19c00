from django.contrib import admin

from .models import Credential, Submission


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["name", "username", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["username", "secret_sha256", "user", "created_at", "last_used_at"]


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ["instance_id", "questionnaire", "submitted_by", "received_at", "score"]
    readonly_fields = [field.name for field in Submission._meta.fields]
