"""Pieces that several apps' forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The one date widget: the browser's date picker (ISO values, shown in the user's own calendar)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


class TimeInput(forms.TimeInput):
    """The one time widget: the browser's time picker, hours and minutes."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format)


class DatesInOrder:
    """A form with ``start_date`` and ``end_date``: the end cannot come before the start.
    Put it before the Django form class: ``class PhaseForm(DatesInOrder, forms.ModelForm)``."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned
