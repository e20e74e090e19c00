from django import forms
from django.utils.translation import gettext_lazy as _

from madani.organizations.models import Organization, Sector
from madani.places.widgets import MultiplePlacePicker

from .models import ServiceListing
from .permissions import can_see_moderation_queue

TEXTAREA = forms.Textarea(attrs={"rows": 3})
PUBLIC = _("Shown to the public.")


class ListingForm(forms.ModelForm):
    """A CSO describes one of its services, in Arabic and English; staff pick the organization."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", help_text=PUBLIC)

    class Meta:
        model = ServiceListing
        fields = ["organization", "title_ar", "title_en", "sector", "places", "description_ar", "description_en",
                  "eligibility_ar", "eligibility_en", "how_to_reach_ar", "how_to_reach_en", "phone", "email",
                  "website"]
        widgets = {"places": MultiplePlacePicker, **{
            name: TEXTAREA for name in ["description_ar", "description_en", "eligibility_ar", "eligibility_en",
                                        "how_to_reach_ar", "how_to_reach_en"]}}
        labels = {
            "title_ar": _("Service in Arabic"), "title_en": _("Service in English"),
            "description_ar": _("Description in Arabic"), "description_en": _("Description in English"),
            "eligibility_ar": _("Who is eligible (Arabic)"), "eligibility_en": _("Who is eligible (English)"),
            "how_to_reach_ar": _("How to reach the service (Arabic)"),
            "how_to_reach_en": _("How to reach the service (English)"),
        }
        help_texts = {
            "places": _("The communities, sub-districts or governorates the service reaches."),
            "phone": PUBLIC, "email": PUBLIC,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.order_by("name")
        if can_see_moderation_queue(user):
            self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("name")
        else:  # a CSO member writes for their own organization
            del self.fields["organization"]
        for name in ("title_ar", "title_en", "description_ar", "description_en"):
            self.fields[name].required = False  # one language is enough: checked by the service


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason, for the organization"), widget=TEXTAREA)
