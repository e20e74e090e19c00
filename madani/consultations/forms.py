import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program, Topic
from madani.branches.models import Branch
from madani.core.forms import DateInput
from madani.core.public_forms import HoneypotField
from madani.organizations.models import Organization
from madani.people.models import Person

from .models import Request, RequestKind

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class _RequestForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topic" in self.fields:
            self.fields["topic"].queryset = Topic.objects.order_by("name")
            self.fields["topic"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind", self.instance.kind) != RequestKind.TRAINING_SUGGESTION:
            return cleaned
        if not cleaned.get("topic") and not cleaned.get("topic_text"):
            self.add_error("topic_text", _("Say which training you suggest: choose a topic or describe it."))
        return cleaned


class StaffRequestForm(_RequestForm):
    """A request taken by staff (a phone call, a visit to the center)."""

    class Meta:
        model = Request
        fields = ["kind", "branch", "organization", "organization_name", "contact_name", "contact_phone",
                  "contact_email", "topic", "topic_text", "description"]
        widgets = {"description": TEXTAREA}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


class PortalRequestForm(_RequestForm):
    """A CSO member asks for a consultation or technical support for their organization."""

    kind = forms.ChoiceField(label=_("What do you need?"), choices=[
        (RequestKind.CONSULTATION, RequestKind.CONSULTATION.label),
        (RequestKind.TECHNICAL_SUPPORT, RequestKind.TECHNICAL_SUPPORT.label),
    ])

    class Meta:
        model = Request
        fields = ["kind", "branch", "topic", "topic_text", "contact_phone", "description"]
        widgets = {"description": TEXTAREA}
        labels = {"branch": _("Which branch of the center?"), "description": _("What is the question or need?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.all()


class PublicRequestForm(_RequestForm):
    """The public forms: suggest a training, or ask for a consultation. ``website`` is the
    honeypot (core/public_forms.py)."""

    website = HoneypotField()

    class Meta:
        model = Request
        fields = ["branch", "contact_name", "contact_phone", "contact_email", "organization_name", "topic",
                  "topic_text", "description"]
        widgets = {"description": TEXTAREA}
        labels = {"contact_name": _("Your name"), "contact_phone": _("Your phone"), "contact_email": _("Your email"),
                  "branch": _("Which branch of the center?")}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind  # fixed by the page
        self.fields["branch"].queryset = Branch.objects.all()
        self.fields["contact_name"].required = True
        self.fields["organization_name"].help_text = ""
        if kind == RequestKind.TRAINING_SUGGESTION:
            self.fields["topic_text"].label = _("Training you suggest")
            self.fields["description"].label = _("Why is it needed, and for whom?")
        else:
            self.fields["description"].label = _("What is the question or need?")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("contact_phone") and not cleaned.get("contact_email"):
            self.add_error("contact_phone", _("Give a phone number or an email address so that we can answer."))
        return cleaned

    def request_data(self) -> dict:
        data = dict(self.cleaned_data, kind=self.instance.kind)
        data.pop("website", None)
        return data


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Person.objects.none(),
                                    help_text=_("The expert is the activity's facilitator; experts are people in the registry."))
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.all())
    organization = forms.ModelChoiceField(label=_("Organization served"), queryset=Organization.objects.none())
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())

    def __init__(self, *args, user, support_request, **kwargs):
        super().__init__(*args, initial={"start_date": datetime.date.today()}, **kwargs)
        self.fields["expert"].queryset = Person.objects.visible_to(user).order_by("full_name")
        self.fields["organization"].queryset = Organization.objects.visible_to(user)
        if support_request.organization_id:  # it may be another branch's: the request names it, nothing to choose
            del self.fields["organization"]


class SessionLogForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=255)
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, initial={"date": datetime.date.today()}, **kwargs)
