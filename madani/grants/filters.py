import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet

from .models import Application, ApplicationStatus, Call


class ApplicationFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)
    call = django_filters.ModelChoiceFilter(label=_("Call"), queryset=Call.objects.none())
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())

    class Meta:
        model = Application
        fields = ["q", "status", "call", "branch"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["call"].queryset = Call.objects.visible_to(user)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)
        if not user.is_center_staff:
            del self.filters["branch"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(organization__name_ar__icontains=word)
                                       | Q(organization__name_en__icontains=word))
        return queryset
