import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from madani.accounts.models import REGISTRY_EDITOR_ROLES, User
from madani.activities.models import Program
from madani.branches.models import Branch
from madani.core.forms import DateInput, TimeInput
from madani.networks.models import networks_visible_to
from madani.people.models import Person
from madani.places.models import Place
from madani.places.widgets import PlacePicker

from .models import Category, IncidentStatus, PollingCenter, PromotionKind, Severity, Verification
from .models import Election as ElectionModel
from .models import Observer as ObserverModel


class ElectionCreateForm(forms.ModelForm):
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), widget=PlacePicker,
                                   help_text=_("The sub-district (P-code) where the election is held."))

    class Meta:
        model = ElectionModel
        fields = ["title_ar", "title_en", "body", "branch", "place", "town_ar", "town_en", "date", "seats", "program",
                  "network", "coordinator", "organizations"]
        widgets = {"date": DateInput}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        branches = Branch.objects.all() if user.is_superuser else Branch.objects.filter(pk__in=user.branch_ids())
        self.fields["branch"].queryset = branches
        self.fields["program"].queryset = Program.objects.visible_to(user)
        self.fields["network"].queryset = networks_visible_to(user)
        self.fields["coordinator"].queryset = User.objects.filter(
            is_active=True, role__in=REGISTRY_EDITOR_ROLES, branches__in=branches).distinct().order_by("email")
        self.fields["organizations"].queryset = self.fields["organizations"].queryset.model.objects.visible_to(user)


class CenterForm(forms.ModelForm):
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), widget=PlacePicker)

    class Meta:
        model = PollingCenter
        fields = ["code", "name", "place", "location", "registered_voters", "stations"]


class ObserverForm(forms.ModelForm):
    class Meta:
        model = ObserverModel
        fields = ["person", "organization", "code", "center", "accreditation", "accredited_on", "training"]
        widgets = {"accredited_on": DateInput}

    def __init__(self, *args, user, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(branch=election.branch).exclude(
            election_observations__election=election).order_by("full_name")
        organizations = self.fields["organization"].queryset.model.objects.visible_to(user)
        if election.network_id:
            organizations = organizations.filter(memberships__network=election.network).distinct()
        self.fields["organization"].queryset = organizations
        self.fields["center"].queryset = election.centers.all()
        self.fields["training"].queryset = self.fields["training"].queryset.model.objects.visible_to(user).filter(
            election_promotion__election=election)
        self.fields["code"].required = False


class CandidateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("female", _("Female")), ("male", _("Male"))])


class IncidentForm(forms.Form):
    """The staff's incident report (a call from an observer): its hidden instanceID makes a second post of
    the same page the same incident."""

    instance_id = forms.CharField(widget=forms.HiddenInput)
    center = forms.ModelChoiceField(label=_("Polling center"), queryset=None)
    observer = forms.ModelChoiceField(label=_("Observer code"), queryset=None, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, initial=Severity.MEDIUM)
    occurred_at = forms.DateTimeField(label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = election.centers.all()
        self.fields["observer"].queryset = election.observers.all()
        self.fields["observer"].label_from_instance = lambda o: o.code
        if not self.is_bound:
            self.initial.setdefault("instance_id", f"uuid:{uuid.uuid4()}")


class IncidentMoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[c for c in IncidentStatus.choices
                                                               if c[0] != IncidentStatus.REPORTED])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=255)


class VerifyForm(forms.Form):
    status = forms.ChoiceField(label=_("Verification"), choices=[c for c in Verification.choices
                                                                 if c[0] != Verification.UNVERIFIED])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TurnoutForm(forms.Form):
    center = forms.ModelChoiceField(label=_("Polling center"), queryset=None)
    slot = forms.TimeField(label=_("Time"), widget=TimeInput)
    voters = forms.IntegerField(label=_("Voters so far"), min_value=0)
    women_voters = forms.IntegerField(label=_("Women voters so far"), min_value=0)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = election.centers.all()


class ResultForm(forms.Form):
    voters = forms.IntegerField(label=_("Voters"), min_value=0)
    women_voters = forms.IntegerField(label=_("Women voters"), min_value=0)
    ballots = forms.IntegerField(label=_("Ballots in the box"), min_value=0)
    valid = forms.IntegerField(label=_("Valid ballots"), min_value=0)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0)
    blank = forms.IntegerField(label=_("Blank ballots"), min_value=0)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(election.candidates.order_by("name"))
        for candidate in self.candidates:
            self.fields[f"votes_{candidate.pk}"] = forms.IntegerField(
                label=_("Votes for %(name)s") % {"name": candidate.name}, min_value=0, initial=0)

    def data_for_service(self):
        data = {name: self.cleaned_data[name] for name in ("voters", "women_voters", "ballots", "valid", "invalid", "blank")}
        data["votes"] = {str(c.pk): self.cleaned_data[f"votes_{c.pk}"] for c in self.candidates}
        return data


class PromotionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PromotionKind.choices)
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), widget=PlacePicker, required=False)
    leaflets = forms.IntegerField(label=_("Leaflets distributed"), min_value=0, initial=0, required=False)
