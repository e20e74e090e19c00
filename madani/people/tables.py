"""The people list: its columns on the page and in the CSV/Excel export (core/lists.py)."""

from django.utils.translation import gettext_lazy as _

from madani.core.lists import Column, Table

from .permissions import can_see_contacts


class PersonTable(Table):
    empty = _("No one matches.")
    columns = (
        Column(_("ID"), "pk", page=False),
        Column(_("Full name"), "full_name", link="people:detail", isolate=True),
        Column(_("Gender"), "get_gender_display"),
        Column(_("Birth year"), "birth_year", page=False),
        Column(_("Age group"), "age_group"),
        Column(_("Disability"), lambda p: _("yes") if p.disability else _("no"), page=False),
        Column(_("Displacement status"), "get_displacement_display", page=False),
        Column(_("Home place"), "home_place", narrow=True),
        Column(_("Branch"), "branch", narrow=True),
    )
    # Contact details only for those who may see them (need-to-know, DESIGN.md §5).
    contact_columns = (Column(_("Phone"), "phone", page=False), Column(_("Email"), "email", page=False))

    def __init__(self, user):
        if can_see_contacts(user):
            self.columns = self.columns + self.contact_columns
