from django import forms
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.arabic import clean_spaces
from madani.core.concurrency import VersionedForm
from madani.core.forms import DateInput, DatesInOrder
from madani.organizations.models import Organization
from madani.places.widgets import PlacePicker

from .models import Affiliation, Gender, Person

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
        if not user.can_see_contacts:
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


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        label=_("Record to merge into this one"),
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the listed people.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand: the other record is removed and everything attached to it moves here."), required=True
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = candidates
        self.fields["other"].label_from_instance = lambda p: (
            f"#{p.pk} {p.full_name} · {p.birth_year or '—'} · {p.home_place or '—'} · {p.branch}"
        )
