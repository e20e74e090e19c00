from django import forms
from django.utils.translation import gettext_lazy as _

from madani.core.forms import DateInput
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization
from madani.people.models import Person

from .models import BoardSeat, Membership, MembershipStatus


class MembershipForm(forms.ModelForm):
    status = forms.ChoiceField(label=_("Status"), choices=[
        (MembershipStatus.APPLIED, MembershipStatus.APPLIED.label),
        (MembershipStatus.ACTIVE, MembershipStatus.ACTIVE.label)])

    class Meta:
        model = Membership
        fields = ["organization", "kind", "status", "applied_on", "joined_on", "shown_publicly", "notes"]
        widgets = {"applied_on": DateInput, "joined_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user).exclude(
            pk=network.pk).exclude(kind=OrganizationKind.NETWORK).exclude(
            memberships__network=network).order_by("name")


class MembershipEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["kind", "shown_publicly", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class MembershipMoveForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)


class SeatForm(forms.ModelForm):
    class Meta:
        model = BoardSeat
        fields = ["membership", "person", "role", "term_start", "term_end"]
        widgets = {"term_start": DateInput, "term_end": DateInput}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = Membership.objects.visible_to(user).filter(
            network=network, status=MembershipStatus.ACTIVE).select_related("organization")
        self.fields["membership"].label_from_instance = lambda m: str(m.organization)
        # The people who work for a current member organization.
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(
            affiliations__organization__memberships__network=network,
            affiliations__organization__memberships__status=MembershipStatus.ACTIVE).distinct().order_by("full_name")


class SeatEndForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)
