import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.branches.models import Branch
from madani.core.forms import DateInput, TimeInput
from madani.organizations.models import Organization

from .models import BookableResource
from .permissions import can_see_space_as_staff

TIME = TimeInput(attrs={"step": 900})  # quarter hours


class BookingForm(forms.Form):
    """A slot (day, from, to) of one resource; staff choose the organization, a CSO member books for theirs."""

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=Organization.objects.none())
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TIME)
    end_time = forms.TimeField(label=_("To"), widget=TIME)
    contact_name = forms.CharField(label=_("Who comes"), max_length=160, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=255, required=False,
                              help_text=_("For example: board meeting, training of our volunteers."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if can_see_space_as_staff(user):  # staff book for any organization of their branches
            self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("name")
        else:
            del self.fields["organization"]

    def booking_data(self) -> dict:
        data = dict(self.cleaned_data)
        day = data.pop("date")
        data["start"] = timezone.make_aware(datetime.datetime.combine(day, data.pop("start_time")))
        data["end"] = timezone.make_aware(datetime.datetime.combine(day, data.pop("end_time")))
        return data

    @staticmethod
    def initial_for(slot: str | None, user) -> dict:
        """The form prefilled from a free slot of the calendar (``?start=2026-03-02T10:00``): one hour."""
        initial = {"contact_name": "" if can_see_space_as_staff(user) else str(user)}
        try:
            start = datetime.datetime.fromisoformat(slot or "")
        except ValueError:
            return initial
        return {**initial, "date": start.date(), "start_time": start.time(),
                "end_time": (start + datetime.timedelta(hours=1)).time()}


class MarkUsedForm(forms.Form):
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(),
                                     help_text=_("The use is recorded in the activity ledger under this program."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user)


class ResourceForm(forms.ModelForm):
    class Meta:
        model = BookableResource
        fields = ["branch", "kind", "name_ar", "name_en", "capacity", "active"]
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
