from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.core.forms import DateInput
from madani.indicators.engine import period_bounds

from .models import ReportFormat, ReportLanguage

FIRST_YEAR = 2015


class PeriodKind:
    YEAR, QUARTER, CUSTOM = "year", "quarter", "custom"
    choices = [(YEAR, _("A year")), (QUARTER, _("A quarter")), (CUSTOM, _("Dates of my choice"))]


class DonorReportForm(forms.Form):
    """Which program, which period (a year, a quarter or two dates), in which language and format."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none())
    period = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.YEAR,
                               widget=forms.RadioSelect)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, required=False, choices=[
        ("", "—"), (1, _("Q1 (January–March)")), (2, _("Q2 (April–June)")), (3, _("Q3 (July–September)")),
        (4, _("Q4 (October–December)"))])
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    language = forms.ChoiceField(label=_("Language of the report"), choices=ReportLanguage.choices)
    format = forms.ChoiceField(label=_("Format"), choices=ReportFormat.choices, widget=forms.RadioSelect,
                               initial=ReportFormat.XLSX)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = Program.objects.visible_to(user).order_by("-start_date", "code")
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, year) for year in range(this_year, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = this_year
        self.fields["language"].initial = translation.get_language()

    def clean(self):
        cleaned = super().clean()
        kind, year, quarter = cleaned.get("period"), cleaned.get("year"), cleaned.get("quarter")
        if kind in (PeriodKind.YEAR, PeriodKind.QUARTER) and not year:
            self.add_error("year", _("Choose the year."))
        elif kind == PeriodKind.QUARTER and not quarter:
            self.add_error("quarter", _("Choose the quarter."))
        elif kind in (PeriodKind.YEAR, PeriodKind.QUARTER):
            quarter = quarter if kind == PeriodKind.QUARTER else None
            cleaned["date_from"], cleaned["date_to"] = period_bounds(year, quarter)
        elif kind == PeriodKind.CUSTOM:
            start, end = cleaned.get("date_from"), cleaned.get("date_to")
            if not start:
                self.add_error("date_from", _("Give the first day of the period."))
            if not end:
                self.add_error("date_to", _("Give the last day of the period."))
            if start and end and end < start:
                self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned

    def job_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("program", "date_from", "date_to", "language", "format")}
