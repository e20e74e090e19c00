from django import forms
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Kind, Program, Status, Topic
from madani.branches.models import Branch
from madani.core.forms import DateInput
from madani.organizations.models import Kind as OrganizationKind
from madani.organizations.models import Organization
from madani.places.widgets import PlacePicker

from .engine import Dimension, dimensions_for
from .models import Baseline, Indicator, Outcome, Output, Target, disaggregation_errors



class IndicatorForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(label=_("Activity kinds"), choices=Kind.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: every kind."))
    statuses = forms.MultipleChoiceField(label=_("Activity statuses"), choices=Status.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("None ticked: planned, ongoing and completed activities."))
    disaggregations = forms.MultipleChoiceField(
        label=_("Disaggregations"), choices=Dimension.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to two. Gender, age group, displacement and disability split figures about people only."),
    )

    class Meta:
        model = Indicator
        fields = ["code", "name_ar", "name_en", "metric", "program", "outcome", "output", "kinds", "statuses",
                  "topics", "programs", "donors", "branches", "place", "organizations", "date_from", "date_to",
                  "disaggregations"]
        widgets = {
            "place": PlacePicker,
            "date_from": DateInput(),
            "date_to": DateInput(),
            "topics": forms.CheckboxSelectMultiple,
            "programs": forms.CheckboxSelectMultiple,
            "donors": forms.CheckboxSelectMultiple,
            "branches": forms.CheckboxSelectMultiple,
        }
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English"),
                  "programs": _("Only the activities of these programs")}
        help_texts = {
            "program": _("The program whose logframe this indicator belongs to; it then counts that program's "
                         "activities unless other programs are chosen below."),
            "place": _("Where the activities took place, including every place inside it."),
            "organizations": _("For people: the organization they represented; otherwise the organization served."),
            "date_from": _("Activities overlapping the period; sessions and attendance inside it."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.visible_to(user)
        self.fields["program"].queryset = programs
        self.fields["programs"].queryset = programs
        self.fields["outcome"].queryset = Outcome.objects.filter(program__in=programs).select_related("program")
        self.fields["output"].queryset = Output.objects.filter(outcome__program__in=programs).select_related("outcome")
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["donors"].queryset = Organization.objects.filter(kind=OrganizationKind.DONOR)
        self.fields["branches"].queryset = Branch.objects.visible_to(user)
        self.fields["organizations"].queryset = Organization.objects.visible_to(user)

    def indicator_data(self) -> dict:
        return dict(self.cleaned_data)


class PeriodValueForm(forms.ModelForm):
    class Meta:
        fields = ["year", "quarter", "value"]


BaselineFormSet = forms.inlineformset_factory(Indicator, Baseline, form=PeriodValueForm, extra=1, can_delete=True)
TargetFormSet = forms.inlineformset_factory(Indicator, Target, form=PeriodValueForm, extra=2, can_delete=True)


class FigureForm(forms.Form):
    """The period and breakdown a reader picks on an indicator's page (GET); empty fields keep the
    indicator's own."""

    date_from = forms.DateField(label=_("From"), required=False,
                                widget=DateInput(attrs={"class": "form-control"}))
    date_to = forms.DateField(label=_("Until"), required=False,
                              widget=DateInput(attrs={"class": "form-control"}))
    by = forms.MultipleChoiceField(label=_("Disaggregate by"), required=False,
                                   widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.metric = indicator.metric
        self.fields["by"].choices = [(d, Dimension(d).label) for d in dimensions_for(indicator.metric)]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        error = disaggregation_errors(self.metric, cleaned.get("by") or []).get("disaggregations")
        if error:
            self.add_error("by", error)
        return cleaned

    def changes(self) -> dict:
        """The query fields to override: the breakdown and the dates the reader chose (the form is
        bound only when submitted, with its hidden ``custom`` field)."""
        if not self.is_bound or not self.is_valid():
            return {}
        changes = {name: self.cleaned_data[name] for name in ("date_from", "date_to") if self.cleaned_data[name]}
        return changes | {"by": tuple(self.cleaned_data["by"])}


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["number", "statement_ar", "statement_en"]
        widgets = {"statement_ar": forms.Textarea(attrs={"rows": 2}), "statement_en": forms.Textarea(attrs={"rows": 2})}
        labels = {"statement_ar": _("Statement in Arabic"), "statement_en": _("Statement in English")}


class OutputForm(OutcomeForm):
    class Meta(OutcomeForm.Meta):
        model = Output
