import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet

from .models import Request, RequestKind, RequestSource, RequestStatus
from .permissions import can_see_request_queue


class RequestFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RequestKind.choices)
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), queryset=Branch.objects.none())
    source = django_filters.ChoiceFilter(label=_("Source"), choices=RequestSource.choices)

    class Meta:
        model = Request
        fields = ["q", "status", "kind", "branch", "source"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)
        if not can_see_request_queue(user):  # CSO members: their own organization's requests, in one branch or two
            del self.filters["branch"], self.filters["source"]

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(topic_text__icontains=word) | Q(description__icontains=word) | Q(organization_name__icontains=word)
                | Q(organization__name_ar__icontains=word) | Q(organization__name_en__icontains=word)
            )
        return queryset
