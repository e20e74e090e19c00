from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Branch


@admin.register(Branch)
class BranchAdmin(TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_ar", "name_en")
