import django_filters
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Activity, Program
from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet
from madani.core.forms import DateInput


class ThreeWFilter(RegistryFilterSet):
    """The 3W export's choices: a program, a branch, and a period (activities that overlap it)."""

    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Program.objects.none())
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())
    start = django_filters.DateFilter(label=_("From"), field_name="end_date", lookup_expr="gte", widget=DateInput())
    end = django_filters.DateFilter(label=_("To"), field_name="start_date", lookup_expr="lte", widget=DateInput())

    class Meta:
        model = Activity
        fields = ["program", "branch", "start", "end"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["program"].queryset = Program.objects.visible_to(user)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)
        for name in ("start", "end"):
            self.form.fields[name].widget.attrs.update({"class": "form-control", "aria-label": self.filters[name].label})
