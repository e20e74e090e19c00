from django import forms
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.branches.models import Branch

from .figures import Selection
from .models import Figure
from .permissions import can_see_every_branch


def period_choices():
    years = Figure.objects.filter(year__isnull=False).values_list("year", flat=True).distinct().order_by("-year")
    choices = [("", _("All time"))]
    for year in years:
        choices.append((str(year), str(year)))
        choices += [(f"{year}-Q{q}", _("Quarter %(quarter)s of %(year)s") % {"quarter": q, "year": year})
                    for q in range(1, 5)]
    return choices


class FigureFilterForm(forms.Form):
    """Program, branch and period. Staff who do not span branches choose one of their own branches: the
    people reached in several branches are not the sum of each branch's, and only single branches and the
    whole center are precomputed."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(), required=False,
                                     empty_label=_("All programs"))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.none(), required=False,
                                    empty_label=_("All branches"))
    period = forms.ChoiceField(label=_("Period"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["program"].queryset = Program.objects.visible_to(user).order_by("name")
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        if not can_see_every_branch(user):
            self.fields["branch"].empty_label = None
        self.fields["period"].choices = period_choices()
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def selection(self) -> Selection:
        """The valid choices; anything invalid falls back to the default (all, or the user's first branch)."""
        data = self.cleaned_data if self.is_valid() else {}
        branch = data.get("branch")
        if branch is None and not can_see_every_branch(self.user):
            branch = self.fields["branch"].queryset.first()
        year, _sep, quarter = (data.get("period") or "").partition("-Q")
        return Selection(program=data.get("program"), branch=branch, year=int(year) if year else None,
                         quarter=int(quarter) if quarter else None)
