from django import forms
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.arabic import clean_spaces
from madani.core.concurrency import VersionedForm
from madani.core.forms import DateInput, DatesInOrder
from madani.organizations.models import Organization
from madani.places.widgets import PlacePicker

from .models import Affiliation, Gender, Person
from .permissions import can_see_contacts
from .services import MERGE_FIELDS

CONTACT_FIELDS = ("phone", "email")


class PersonForm(VersionedForm, forms.ModelForm):
    confirm_new = forms.BooleanField(
        label=_("I checked the likely duplicates: this is a different person."), required=False
    )

    class Meta:
        model = Person
        fields = [
            "full_name",
            "name_latin",
            "gender",
            "birth_year",
            "disability",
            "displacement",
            "home_place",
            "branch",
            "phone",
            "email",
            "consent_date",
            "notes",
        ]
        widgets = {
            "home_place": PlacePicker,
            "consent_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "gender": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates = []
        if "branch" in self.fields:
            self.fields["branch"].queryset = Branch.objects.visible_to(user)
        self.fields["birth_year"].widget.attrs.update(min=1920, max=2100)
        self.fields["gender"].choices = Gender.choices  # radio buttons: no empty "---------" choice
        if not can_see_contacts(user):
            for name in CONTACT_FIELDS:
                self.fields.pop(name, None)
        if self.instance.pk:
            del self.fields["confirm_new"]

    def clean_full_name(self):
        name = clean_spaces(self.cleaned_data.get("full_name"))
        if not name:
            raise forms.ValidationError(_("Enter the person's full name."))
        return name

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or self.errors:
            return cleaned
        duplicates = Person.objects.visible_to(self.user).likely_duplicates_of(
            full_name=cleaned.get("full_name", ""),
            birth_year=cleaned.get("birth_year"),
            home_place_id=getattr(cleaned.get("home_place"), "pk", None),
            phone=cleaned.get("phone") or "",
        )
        self.duplicates = list(duplicates.select_related("home_place", "branch")[:10])
        if self.duplicates and not cleaned.get("confirm_new"):
            # Beside the box to tick, not above the form: the page already lists the records and says why
            # (one message, not the same warning twice).
            self.add_error("confirm_new", forms.ValidationError(
                _("If none of the records above is this person, tick this box."), code="duplicate"))
        return cleaned

    def person_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("confirm_new", None)
        return data


class AffiliationForm(DatesInOrder, forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organization", "role", "start_date", "end_date"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


SIDES = [("this", _("this record")), ("other", _("the other record"))]


class MergeFieldsForm(forms.Form):
    """The field-by-field merge: which record survives, and for every field on which the two records
    differ, whose value the merged record takes. A value not taken is kept in the merge's history."""

    survivor = forms.ChoiceField(label=_("Record that stays"), choices=SIDES, initial="this",
                                 widget=forms.RadioSelect)
    confirm = forms.BooleanField(
        label=_("I understand: the other record is removed and everything attached to it moves to the record that stays."),
        required=True,
    )

    def __init__(self, *args, this: Person, other: Person, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.this, self.other, self.rows = this, other, []
        for name in MERGE_FIELDS:
            if name in CONTACT_FIELDS and not can_see_contacts(user):
                continue
            field = Person._meta.get_field(name)
            mine, theirs = _display(this, name), _display(other, name)
            row = {"name": name, "label": field.verbose_name, "this": mine, "other": theirs, "choose": False}
            if mine != "" and theirs != "" and _raw(this, name) != _raw(other, name):
                self.fields[f"field_{name}"] = forms.ChoiceField(
                    label=field.verbose_name, choices=SIDES, initial="this", widget=forms.RadioSelect,
                    error_messages={"required": _("Choose which value to keep.")})
                row["choose"] = True
                row["key"] = f"field_{name}"
            self.rows.append(row)

    def merge_arguments(self) -> dict:
        """``keep``, ``remove`` and ``choices`` for ``person_merge``."""
        survivor = self.cleaned_data["survivor"]
        keep, remove = (self.this, self.other) if survivor == "this" else (self.other, self.this)
        choices = {}
        for row in self.rows:
            if row["choose"]:
                choices[row["name"]] = "keep" if self.cleaned_data[row["key"]] == survivor else "remove"
        return {"keep": keep, "remove": remove, "choices": choices}

    def bound_rows(self):
        for row in self.rows:
            checked = self[row["key"]].value() if row["choose"] else None
            yield {**row, "checked": checked, "errors": self[row["key"]].errors if row["choose"] else []}


def _raw(person, name):
    value = getattr(person, f"{name}_id" if name == "home_place" else name)
    return None if value in (None, "") else value


def _display(person, name) -> str:
    value = getattr(person, name)
    if value in (None, ""):
        return ""
    if name in ("gender", "displacement"):
        return str(getattr(person, f"get_{name}_display")())
    if name == "home_place":
        return value.label()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
