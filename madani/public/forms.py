from django import forms
from django.db import models
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from madani.core.arabic import clean_spaces
from madani.core.public_forms import HoneypotField
from madani.organizations.models import Organization
from madani.people.models import Gender
from madani.places.models import Level, Place

from .models import BranchContact, CenterProfile, Registration

NEW_PERSON = "new"


def subdistrict_choices():
    """Sub-districts grouped under "district — governorate", in the active language (a select that
    works on any phone, without the signed-in place search)."""
    groups: dict[str, list] = {}
    for place in Place.objects.filter(level=Level.SUBDISTRICT).select_related("parent__parent").order_by("pcode"):
        district = place.parent
        groups.setdefault(f"{district} — {district.parent}", []).append((place.pk, str(place)))
    return [("", "---------"), *groups.items()]


class RegistrationForm(forms.ModelForm):
    """The public registration form. ``website`` is the honeypot (core/public_forms.py)."""

    home_place = forms.TypedChoiceField(
        label=_("Where you live"), coerce=int,
        help_text=_("Your sub-district (the district and governorate are shown above it)."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the center records these details to organise the training and contact me."),
    )
    website = HoneypotField()

    class Meta:
        model = Registration
        fields = ["full_name", "gender", "birth_year", "phone", "organization_name", "home_place"]
        widgets = {"gender": forms.RadioSelect}
        labels = {"full_name": _("Your full name"), "phone": _("Your phone")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].choices = Gender.choices
        self.fields["home_place"].choices = subdistrict_choices()
        self.fields["birth_year"].widget.attrs.update(min=1920, max=2100)
        self.fields["phone"].widget.attrs.update(type="tel", autocomplete="tel")
        self.fields["full_name"].widget.attrs.update(autocomplete="name")

    def clean_full_name(self):
        name = clean_spaces(self.cleaned_data.get("full_name"))
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        return name

    def clean_home_place(self):
        place = Place.objects.filter(pk=self.cleaned_data["home_place"], level=Level.SUBDISTRICT).first()
        if place is None:
            raise forms.ValidationError(_("Choose your sub-district from the list."))
        return place

    def registration_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AcceptForm(forms.Form):
    """Who the registrant is in the registry (one of the likely duplicates, or a new person), and the
    organization they represent."""

    person = forms.ChoiceField(label=_("Person"), widget=forms.RadioSelect)
    organization = forms.ModelChoiceField(label=_("Representing"), queryset=Organization.objects.none(),
                                          required=False)

    def __init__(self, *args, user, registration, duplicates, **kwargs):
        super().__init__(*args, **kwargs)
        self.duplicates = {str(p.pk): p for p in duplicates}
        self.fields["person"].choices = [
            *((pk, f"#{p.pk} {p} · {p.birth_year or '—'} · {p.home_place or '—'}")
              for pk, p in self.duplicates.items()),
            (NEW_PERSON, _("A new person: register them in the registry")),
        ]
        self.fields["person"].initial = NEW_PERSON if not duplicates else None
        organizations = Organization.objects.visible_to(user)
        self.fields["organization"].queryset = organizations
        # Help texts are rendered unescaped: what the registrant typed is escaped here.
        self.fields["organization"].help_text = _("They wrote: %(name)s") % {
            "name": escape(registration.organization_name or "—")}
        if registration.organization_name:
            self.fields["organization"].initial = organizations.search(registration.organization_name).first()

    def accept_arguments(self) -> dict:
        choice = self.cleaned_data["person"]
        person = self.duplicates.get(choice)
        return {"person": person, "organization": self.cleaned_data["organization"],
                "confirm_new": choice == NEW_PERSON}


def _https_by_default(field, **kwargs):
    """Social links typed without a scheme are https:// (as organizations' websites)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CenterProfileForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_by_default
        model = CenterProfile
        fields = ["name_ar", "name_en", "tagline_ar", "tagline_en", "about_ar", "about_en", "email", "phone",
                  "facebook_url", "x_url", "youtube_url", "telegram_url"]
        widgets = {"about_ar": forms.Textarea(attrs={"rows": 6}), "about_en": forms.Textarea(attrs={"rows": 6})}
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English"),
                  "tagline_ar": _("Tagline in Arabic"), "tagline_en": _("Tagline in English"),
                  "about_ar": _("About the center, in Arabic"), "about_en": _("About the center, in English")}


BranchContactFormSet = forms.inlineformset_factory(
    CenterProfile, BranchContact, fields=["branch", "address_ar", "address_en", "phone", "email"], extra=1,
    can_delete=True, labels={"address_ar": _("Address in Arabic"), "address_en": _("Address in English")},
)
