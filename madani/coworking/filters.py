import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.filters import RegistryFilterSet
from madani.core.forms import DateInput

from .models import BookableResource, Booking, BookingStatus
from .permissions import can_see_space_as_staff


class BookingFilter(RegistryFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=BookingStatus.choices)
    branch = django_filters.ModelChoiceFilter(label=_("Branch"), field_name="resource__branch",
                                              queryset=Branch.objects.none())
    resource = django_filters.ModelChoiceFilter(label=_("Room or resource"), queryset=BookableResource.objects.none())
    after = django_filters.DateFilter(label=_("From"), field_name="start", lookup_expr="date__gte", widget=DateInput())
    before = django_filters.DateFilter(label=_("To"), field_name="start", lookup_expr="date__lte", widget=DateInput())

    class Meta:
        model = Booking
        fields = ["q", "status", "branch", "resource", "after", "before"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["branch"].queryset = Branch.objects.visible_to(user)
        self.filters["resource"].queryset = BookableResource.objects.visible_to(user).select_related("branch")
        if not can_see_space_as_staff(user):  # CSO members: their own bookings, in any branch
            del self.filters["branch"]
        for name in ("after", "before"):
            label = self.filters[name].label
            self.form.fields[name].widget.attrs.update({"class": "form-control", "aria-label": label})

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(purpose__icontains=word) | Q(contact_name__icontains=word)
                | Q(organization__name_ar__icontains=word) | Q(organization__name_en__icontains=word)
            )
        return queryset
