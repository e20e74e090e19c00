import django_filters
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet

from .models import Activity, Kind, Program, Status, Topic


class ActivityFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())
    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Program.objects.all())
    topic = django_filters.ModelChoiceFilter(label=_("Topic"), field_name="topics", queryset=Topic.objects.all())
    year = django_filters.NumberFilter(label=_("Year"), field_name="start_date", lookup_expr="year")

    class Meta:
        model = Activity
        fields = ["q", "kind", "status", "branch", "program", "topic", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)
        self.filters["program"].queryset = Program.objects.visible_to(user)
        self.form.fields["year"].widget.attrs.update({"class": "form-control", "placeholder": _("Year")})

    def filter_q(self, queryset, name, value):
        return queryset.search(value)
