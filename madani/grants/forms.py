from django import forms
from django.utils.translation import gettext_lazy as _

from madani.accounts.models import STAFF_ROLES, User
from madani.activities.models import Kind as ActivityKind
from madani.activities.models import Program
from madani.branches.models import Branch
from madani.core.concurrency import VersionedForm
from madani.core.forms import DateInput, DatesInOrder
from madani.organizations.models import Organization
from madani.places.widgets import MultiplePlacePicker, PlacePicker

from .models import Application, AttachmentKind, BudgetLine, Call, Method, Recommendation, Tranche


class CallForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Call
        fields = ["code", "title_ar", "title_en", "description_ar", "description_en", "program", "branches",
                  "currency", "ceiling", "deadline", "incubated_only", "minimum_stage", "places", "panel"]
        widgets = {"deadline": DateInput, "places": MultiplePlacePicker,
                   "description_ar": forms.Textarea(attrs={"rows": 4}),
                   "description_en": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user)
        self.fields["branches"].queryset = Branch.objects.visible_to(user)
        self.fields["branches"].required = False
        self.fields["panel"].queryset = User.objects.filter(is_active=True, role__in=STAFF_ROLES).order_by("email")
        self.fields["panel"].required = True
        self.fields["title_ar"].required = True


class CriterionForm(forms.Form):
    name_ar = forms.CharField(label=_("Criterion (Arabic)"), max_length=200)
    name_en = forms.CharField(label=_("Criterion (English)"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, initial=1)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=4, min_num=1, validate_min=True)
# A draft call's rubric: its criteria, two more rows, and a box to remove one.
CriterionEditFormSet = forms.formset_factory(CriterionForm, extra=2, min_num=1, validate_min=True, can_delete=True)


class ApplicationForm(DatesInOrder, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["organization", "title", "need", "plan", "places", "beneficiaries_female", "beneficiaries_male",
                  "start_date", "end_date", "requested_amount", "coach"]
        widgets = {"places": MultiplePlacePicker, "start_date": DateInput, "end_date": DateInput,
                   "need": forms.Textarea(attrs={"rows": 4}), "plan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if staff and not self.instance.pk:
            self.fields["organization"].queryset = Organization.objects.visible_to(user).filter(branch__isnull=False)
        else:
            del self.fields["organization"]
        if staff:
            from madani.people.models import Person

            self.fields["coach"].queryset = Person.objects.visible_to(user).filter(user__role="trainer")
        else:
            del self.fields["coach"]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "quantity", "unit_cost", "co_funding"]


BudgetLineFormSet = forms.modelformset_factory(BudgetLine, form=BudgetLineForm, extra=3, min_num=1,
                                               validate_min=True, can_delete=True)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt)."))


class EligibilityForm(forms.Form):
    eligible = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes", choices=[
        ("yes", _("Meets the call's rules: send to the panel")), ("no", _("Not eligible"))], widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)


class DecisionForm(forms.Form):
    decision = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "award", choices=[
        ("award", _("Award")), ("reject", _("Reject"))], widget=forms.RadioSelect)
    amount = forms.DecimalField(label=_("Amount awarded"), max_digits=14, decimal_places=2, required=False,
                                help_text=_("Empty: the amount requested."))
    reasons = forms.CharField(label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 4}),
                              max_length=4000)


class DeclarationForm(forms.Form):
    conflict = forms.TypedChoiceField(label=_("Conflict of interest"), coerce=lambda v: v == "yes", choices=[
        ("no", _("I have no conflict of interest with this organization or its people")),
        ("yes", _("I have a conflict of interest: I recuse myself"))], widget=forms.RadioSelect)
    note = forms.CharField(label=_("Describe the conflict"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=2000)


SCORE_CHOICES = [("", _("n/a"))] + [(str(n), str(n)) for n in range(6)]


class ScoreForm(forms.Form):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              max_length=4000)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)") % {"criterion": criterion, "weight": criterion.weight},
                choices=SCORE_CHOICES, required=False, coerce=int, empty_value=None)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(label=_("Comment"), required=False,
                                                                     max_length=2000)

    def scores(self):
        return {c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"]) for c in self.criteria}


class TrancheForm(forms.ModelForm):
    class Meta:
        model = Tranche
        fields = ["amount", "currency", "method", "exchange_rate", "planned_date"]
        widgets = {"planned_date": DateInput}


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    method = forms.ChoiceField(label=_("Method"), choices=Method.choices)
    exchange_rate = forms.DecimalField(label=_("Exchange rate of the day"), max_digits=14, decimal_places=4,
                                       required=False, min_value=0.0001,
                                       help_text=_("Units of the tranche's currency for one unit of the award's "
                                                   "currency. Required for cash and hawala."))
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)
    receipt = forms.FileField(label=_("Receipt"), required=False, help_text=_("PDF, Word, Excel or OpenDocument."))


class ReportForm(forms.Form):
    narrative = forms.CharField(label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    people_female = forms.IntegerField(label=_("Women and girls served"), min_value=0, initial=0)
    people_male = forms.IntegerField(label=_("Men and boys served"), min_value=0, initial=0)

    def __init__(self, *args, budget_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_lines = list(budget_lines)
        for line in self.budget_lines:
            self.fields[f"actual_{line.pk}"] = forms.DecimalField(
                label=_("Spent on “%(line)s” (budget %(budget)s)") % {"line": line, "budget": line.grant_share},
                max_digits=14, decimal_places=2, min_value=0, initial=0)

    def actuals(self):
        return {line.pk: self.cleaned_data[f"actual_{line.pk}"] for line in self.budget_lines}


class CloseForm(forms.Form):
    refund = forms.DecimalField(label=_("Balance refunded"), max_digits=14, decimal_places=2, min_value=0)
    lessons = forms.CharField(label=_("Lessons learned"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


PROJECT_ACTIVITY_KINDS = [(k.value, k.label) for k in (ActivityKind.ADVOCACY, ActivityKind.DIALOGUE,
                                                       ActivityKind.NETWORKING, ActivityKind.WORKSHOP)]


class ProjectActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PROJECT_ACTIVITY_KINDS)
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=255)
    title_en = forms.CharField(label=_("Title (English)"), max_length=255, required=False)
    place = forms.ModelChoiceField(label=_("Place"), queryset=None, widget=PlacePicker)
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    end_date = forms.DateField(label=_("End date"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        from madani.places.models import Place

        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_date") and cleaned.get("end_date") and cleaned["end_date"] < cleaned["start_date"]:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned
