from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Affiliation, Person
from .services import person_update


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "gender", "birth_year", "home_place", "branch")
    list_filter = ("gender", "displacement", "branch")
    search_fields = ("full_name", "name_latin")
    autocomplete_fields = ("home_place",)
    readonly_fields = ("name_key",)
    inlines = [AffiliationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    # A person's gender and age are part of the figures: a change goes through the service (a ledger write,
    # announced after commit).
    def save_model(self, request, obj, form, change):
        if change:
            person_update(actor=request.user, person=obj, data={})  # the form has set the new values on obj
        else:
            super().save_model(request, obj, form, change)
