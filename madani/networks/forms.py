from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.core.forms import DateInput
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization
from madani.people.models import Person
from madani.places.models import Place
from madani.places.widgets import PlacePicker

from madani.indicators.models import Indicator

from .models import (
    BoardSeat,
    Decision,
    LicensingVisit,
    Meeting,
    Membership,
    MembershipStatus,
    NetworkSite,
    OpinionArticle,
    PlanReview,
    StrategicPlan,
)


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


class MeetingForm(forms.ModelForm):
    program = forms.ModelChoiceField(label=_("Program"), queryset=None,
                                     help_text=_("The meeting is recorded as an activity of this program."))
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False,
                                   widget=PlacePicker)

    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "host", "agenda", "quorum_percent"]
        widgets = {"date": DateInput, "agenda": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user)
        self.fields["host"].queryset = Membership.objects.visible_to(user).filter(
            network=network).current().select_related("organization")
        self.fields["host"].label_from_instance = lambda m: str(m.organization)
        self.fields["quorum_percent"].validators.append(MaxValueValidator(100))
        self.fields["quorum_percent"].widget.attrs["max"] = 100


def attendance_choices(user, meeting):
    """``("<person>-<membership>", label)`` for the people of each current member organization."""
    memberships = Membership.objects.visible_to(user).filter(network=meeting.network).current().select_related(
        "organization")
    people = Person.objects.visible_to(user)
    choices = []
    for membership in memberships:
        for affiliation in membership.organization.affiliations.filter(person__in=people).select_related("person"):
            choices.append((f"{affiliation.person_id}-{membership.pk}",
                            f"{affiliation.person.full_name} — {membership.organization}"))
    return choices


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), widget=forms.CheckboxSelectMultiple, required=True)

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = attendance_choices(user, meeting)
        self.meeting, self.user = meeting, user

    def pairs(self):
        memberships = {m.pk: m for m in Membership.objects.visible_to(self.user).filter(network=self.meeting.network)}
        people = Person.objects.visible_to(self.user).in_bulk()
        pairs = []
        for value in self.cleaned_data["present"]:
            person_pk, membership_pk = (int(part) for part in value.split("-"))
            pairs.append((people[person_pk], memberships[membership_pk]))
        return pairs


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 12}), max_length=50000)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "votes_for", "votes_against", "votes_abstaining", "owner", "due_date"]
        widgets = {"due_date": DateInput, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Membership.objects.visible_to(user).filter(
            network=meeting.network).current().select_related("organization")
        self.fields["owner"].label_from_instance = lambda m: str(m.organization)


def _members_field(field, user, network):
    field.queryset = Membership.objects.visible_to(user).filter(network=network).select_related("organization")
    field.label_from_instance = lambda m: str(m.organization)


class PlanForm(forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["membership", "title", "period_start", "period_end", "summary", "status"]
        widgets = {"period_start": DateInput, "period_end": DateInput, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        _members_field(self.fields["membership"], user, network)


class PlanEditForm(forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["title", "period_start", "period_end", "summary", "status"]
        widgets = {"period_start": DateInput, "period_end": DateInput, "summary": forms.Textarea(attrs={"rows": 4})}


class ObjectiveForm(forms.Form):
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    indicators = forms.ModelMultipleChoiceField(label=_("Followed by the indicators"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = Indicator.objects.visible_to(user).order_by("name")


class PlanReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = ["reviewed_on", "meeting", "findings", "recommendations"]
        widgets = {"reviewed_on": DateInput, "findings": forms.Textarea(attrs={"rows": 4}),
                   "recommendations": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).filter(network=network)


class LicensingVisitForm(forms.ModelForm):
    class Meta:
        model = LicensingVisit
        fields = ["membership", "authority", "visited_on", "meeting", "outcome", "notes"]
        widgets = {"visited_on": DateInput, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, network, **kwargs):
        super().__init__(*args, **kwargs)
        _members_field(self.fields["membership"], user, network)
        self.fields["meeting"].queryset = Meeting.objects.visible_to(user).filter(network=network)


class LicensingOutcomeForm(forms.ModelForm):
    class Meta:
        model = LicensingVisit
        fields = ["outcome", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class SiteForm(forms.ModelForm):
    logo_upload = forms.ImageField(label=_("Logo"), required=False,
                                   help_text=_("JPEG, PNG or WebP; kept at most 120 pixels wide, without metadata."))

    class Meta:
        model = NetworkSite
        fields = ["slug", "name_ar", "name_en", "tagline_ar", "tagline_en", "about_ar", "about_en", "primary_colour",
                  "accent_colour", "disclaimer_ar", "disclaimer_en", "published"]
        widgets = {"about_ar": forms.Textarea(attrs={"rows": 6}), "about_en": forms.Textarea(attrs={"rows": 6}),
                   "disclaimer_ar": forms.Textarea(attrs={"rows": 2}),
                   "disclaimer_en": forms.Textarea(attrs={"rows": 2}),
                   "primary_colour": forms.TextInput(attrs={"type": "color"}),
                   "accent_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_logo_upload(self):
        from madani.core.images import validate_image

        upload = self.cleaned_data.get("logo_upload")
        if upload:
            validate_image(upload)
        return upload


class ArticleForm(forms.ModelForm):
    class Meta:
        model = OpinionArticle
        fields = ["language", "title", "summary", "body", "alias", "reply_to"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        replies = OpinionArticle.objects.published().filter(network=network)
        if self.instance.pk:
            replies = replies.exclude(pk=self.instance.pk)
        self.fields["reply_to"].queryset = replies


class ArticleNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=2000)
