"""Pieces that several apps' forms share."""

from django.utils.translation import gettext_lazy as _


class DatesInOrder:
    """A form with ``start_date`` and ``end_date``: the end cannot come before the start.
    Put it before the Django form class: ``class PhaseForm(DatesInOrder, forms.ModelForm)``."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned
