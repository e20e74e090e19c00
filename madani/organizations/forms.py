from django import forms
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.arabic import clean_spaces
from madani.core.concurrency import VersionedForm
from madani.places.widgets import MultiplePlacePicker, PlacePicker

from .models import Kind, Organization, Sector
from .permissions import can_edit_center_wide_organizations


class OrganizationForm(VersionedForm, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = [
            "name_ar",
            "name_en",
            "acronym",
            "kind",
            "branch",
            "place",
            "places_of_work",
            "sectors",
            "incubation_stage",
            "licensing_status",
            "founded_year",
            "members",
            "contact_name",
            "phone",
            "email",
            "website",
            "address",
            "description_ar",
            "description_en",
        ]
        widgets = {
            "place": PlacePicker,
            "places_of_work": MultiplePlacePicker,
            "sectors": forms.CheckboxSelectMultiple,
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        self.fields["branch"].required = not can_edit_center_wide_organizations(user)
        if self.fields["branch"].required:  # "leave empty for center-wide partners" is for those who may
            self.fields["branch"].help_text = _("Center-wide partners (donors, INGOs) are added by an administrator.")
        self.fields["sectors"].queryset = Sector.objects.all()
        members = Organization.objects.visible_to(user).exclude(kind=Kind.NETWORK)
        if self.instance.pk:
            members = members.exclude(pk=self.instance.pk)
        self.fields["members"].queryset = members
        self.fields["members"].help_text = _("Only for networks and coalitions.")
        self.fields["founded_year"].widget.attrs.update(min=1900, max=2100)

    def clean_name_ar(self):
        return clean_spaces(self.cleaned_data.get("name_ar"))

    def clean_name_en(self):
        return clean_spaces(self.cleaned_data.get("name_en"))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name_ar") and not cleaned.get("name_en"):
            self.add_error("name_ar", _("Give the organization's name in Arabic or English."))
        if cleaned.get("members") and cleaned.get("kind") != Kind.NETWORK:
            self.add_error("members", _("Only a network can have member organizations."))
        return cleaned
