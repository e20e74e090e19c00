"""Indicators, their figures and drill-down, and program logframes with the tracking table.

Who does what: every center staff member reads indicators and logframes, with figures computed over
the records they may see (``user=request.user``: a branch manager's numbers count their branches'
records, so that each number and the records behind it agree). Administrators and M&E officers
define indicators and edit logframes. CSO members have no access."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from madani.activities.models import Kind, Program
from madani.core.exports import export_response
from madani.core.lists import PAGE_SIZE, render_list
from madani.core.permissions import ObjectAccess, require
from madani.people.models import Gender

from . import services
from .engine import Dimension, IndicatorQuery, Metric, compute, parse_param, records
from .filters import IndicatorFilter
from .forms import BaselineFormSet, FigureForm, IndicatorForm, OutcomeForm, OutputForm, TargetFormSet
from .models import Indicator, Outcome, Output
from .permissions import can_manage_indicators, can_see_indicators
from .tracking import tracking, tracking_rows


def _require_staff(user):
    require(can_see_indicators(user))


def _get_outcome_for_user(user, pk) -> tuple[Outcome, ObjectAccess]:
    """An outcome of a program ``user`` sees (404 otherwise), and whether they may change it."""
    outcome = get_object_or_404(Outcome.objects.filter(program__in=Program.objects.visible_to(user)), pk=pk)
    return outcome, ObjectAccess(user, outcome, manage=can_manage_indicators)


def _get_output_for_user(user, pk) -> tuple[Output, ObjectAccess]:
    """An output of a program ``user`` sees (404 otherwise), and whether they may change it."""
    output = get_object_or_404(
        Output.objects.filter(outcome__program__in=Program.objects.visible_to(user)).select_related("outcome__program"),
        pk=pk)
    return output, ObjectAccess(user, output, manage=can_manage_indicators)


def _get_indicator_for_user(user, pk) -> tuple[Indicator, ObjectAccess]:
    """An indicator ``user`` sees (404 otherwise), and whether they may change it."""
    indicator = get_object_or_404(Indicator.objects.visible_to(user).select_related("program", "place"), pk=pk)
    return indicator, ObjectAccess(user, indicator, manage=can_manage_indicators)


def _get_program_for_user(user, pk) -> tuple[Program, ObjectAccess]:
    """A program ``user`` sees (404 otherwise), and whether they may edit its logframe."""
    program = get_object_or_404(Program.objects.visible_to(user), pk=pk)
    return program, ObjectAccess(user, program, manage=can_manage_indicators)


def _records_url(indicator, query, keys=()) -> str:
    """The records page of one number: the figure's period and breakdown, and the cell's keys."""
    params = [("custom", "1")] + [("by", d) for d in query.by]
    params += [(name, getattr(query, name).isoformat()) for name in ("date_from", "date_to") if getattr(query, name)]
    params += [(f"k{i}", key.param) for i, key in enumerate(keys)]
    return reverse("indicators:records", args=[indicator.pk]) + "?" + urlencode(params)


def _figure(request, indicator):
    form = FigureForm(request.GET if "custom" in request.GET else None, indicator=indicator,
                      initial={"by": indicator.disaggregations})
    return form, indicator.query(**form.changes())


@login_required
def indicator_list(request):
    _require_staff(request.user)
    filterset = IndicatorFilter(request.GET or None, queryset=Indicator.objects.visible_to(request.user)
                                .select_related("program"), user=request.user)
    return render_list(request, filterset, ordering=["code"], template="indicators/indicator_list.html",
                       partial="indicators/partials/results.html",
                       context={"can_manage": can_manage_indicators(request.user)})


def _indicator_form(request, indicator=None, access=None):
    require(access.can_manage if access else can_manage_indicators(request.user))
    instance = indicator or Indicator()
    form = IndicatorForm(request.POST or None, instance=indicator, user=request.user)
    baselines = BaselineFormSet(request.POST or None, instance=instance, prefix="baselines")
    targets = TargetFormSet(request.POST or None, instance=instance, prefix="targets")
    if request.method == "POST" and form.is_valid() and baselines.is_valid() and targets.is_valid():
        try:
            indicator = services.indicator_save(actor=request.user, indicator=instance, data=form.indicator_data(),
                                                baselines=baselines, targets=targets)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was saved."))
            return redirect("indicators:detail", pk=indicator.pk)
    return render(request, "indicators/indicator_form.html",
                  {"form": form, "baselines": baselines, "targets": targets, "indicator": indicator})


@login_required
def indicator_create(request):
    return _indicator_form(request)


@login_required
def indicator_edit(request, pk):
    return _indicator_form(request, *_get_indicator_for_user(request.user, pk))


def _table(indicator, result):
    """The result as a table (one dimension: a row per group; two: first dimension down, second
    across) and the chart's data, each number with the link to its records."""
    query = result.query
    firsts = list(dict.fromkeys(row.keys[0] for row in result.rows)) if query.by else []
    seconds = list(dict.fromkeys(row.keys[1] for row in result.rows)) if len(query.by) == 2 else []
    cells = {row.keys: (row.value, _records_url(indicator, query, row.keys)) for row in result.rows}
    if seconds:
        body = [(first, [cells.get((first, second)) for second in seconds]) for first in firsts]
        datasets = [{"label": second.label, "data": [cells.get((first, second), (0,))[0] for first in firsts],
                     "key": second.value if second.dimension == Dimension.GENDER else None}
                    for second in seconds]
    else:
        body = [(first, [cells[(first,)]]) for first in firsts]
        datasets = [{"label": str(Metric(query.metric).label), "data": [cells[(first,)][0] for first in firsts]}]
    chart = {"labels": [first.label for first in firsts], "datasets": datasets} if firsts else None
    return {"columns": seconds, "body": body, "chart": chart}


@login_required
def indicator_detail(request, pk):
    indicator, access = _get_indicator_for_user(request.user, pk)
    form, query = _figure(request, indicator)
    result = compute(query, user=request.user)
    context = {
        "indicator": indicator, "access": access,
        "form": form,
        "result": result,
        "dimensions": [Dimension(d).label for d in query.by],
        "total_url": _records_url(indicator, query),
        "partial_view": not request.user.spans_all_branches,
        **_table(indicator, result),
    }
    return render(request, "indicators/indicator_detail.html", context)


def _link(obj, name, pk):
    return (obj, reverse(name, args=[pk]))


# The records behind a number, by metric: related rows to fetch, order, column titles, cells (text, link).
RECORD_TABLES = {
    Metric.PEOPLE: (["branch"], ["full_name", "pk"], [_l("Name"), _l("Gender"), _l("Birth year"), _l("Branch")],
                    lambda p: [_link(p.full_name, "people:detail", p.pk), (p.get_gender_display(), None),
                               (p.birth_year or "—", None), (p.branch, None)]),
    Metric.PARTICIPATIONS: (["person", "activity", "organization"], ["activity", "pk"],
                            [_l("Person"), _l("Activity"), _l("Representing"), _l("Completed")],
                            lambda p: [_link(p.person, "people:detail", p.person_id),
                                       _link(p.activity, "activities:detail", p.activity_id),
                                       (p.organization or "—", None), (_("Yes") if p.completed else _("No"), None)]),
}
RECORD_TABLES[Metric.COMPLETED] = RECORD_TABLES[Metric.PARTICIPATIONS]  # the completed ones
RECORD_TABLES |= {
    Metric.PERSON_DAYS: (["person", "session__activity"], ["session__date", "pk"],
                         [_l("Person"), _l("Date"), _l("Activity")],
                         lambda a: [_link(a.person, "people:detail", a.person_id), (a.session.date, None),
                                    _link(a.session.activity, "activities:detail", a.session.activity_id)]),
    Metric.SESSIONS: (["activity__branch"], ["date", "pk"], [_l("Date"), _l("Activity"), _l("Branch")],
                      lambda s: [(s.date, None), _link(s.activity, "activities:detail", s.activity_id),
                                 (s.activity.branch, None)]),
    Metric.ACTIVITIES: (["branch"], ["-start_date", "pk"], [_l("Activity"), _l("Kind"), _l("Branch"), _l("Start date")],
                        lambda a: [_link(a, "activities:detail", a.pk), (a.get_kind_display(), None), (a.branch, None),
                                   (a.start_date, None)]),
    Metric.ORGANIZATIONS: ([], ["pk"], [_l("Organization"), _l("Kind")],
                           lambda o: [_link(o, "organizations:detail", o.pk), (o.get_kind_display(), None)]),
}


def _records_page(request, query, keys, *, title, back_url, export_name, indicator=None):
    """The records behind one number, as the user sees them: a page of them, or all of them as CSV or
    Excel (``?format=csv`` / ``?format=xlsx``, through ``core.exports``)."""
    related, ordering, header, cells = RECORD_TABLES[query.metric]
    queryset = records(query, keys, user=request.user).select_related(*related).order_by(*ordering)
    if request.GET.get("format") in ("csv", "xlsx"):
        rows = ([text for text, _url in cells(record)] for record in queryset.iterator(chunk_size=500))
        return export_response(request, export_name, [str(title) for title in header], rows)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [cells(record) for record in page]
    cell = next((row.keys[:len(keys)] for row in compute(query, user=request.user).rows
                 if tuple(key.value for key in row.keys[:len(keys)]) == keys), ())
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("format", None)
    context = {"indicator": indicator, "title": title, "page": page, "header": header, "rows": rows, "cell": cell,
               "query": params.urlencode(), "figure_url": back_url}
    return render(request, "indicators/indicator_records.html", context)


@login_required
def indicator_records(request, pk):
    """The records behind one number of the indicator's page, as the same user sees them."""
    indicator, _access = _get_indicator_for_user(request.user, pk)
    form, query = _figure(request, indicator)
    try:
        keys = tuple(parse_param(d, request.GET[f"k{i}"]) for i, d in enumerate(query.by) if f"k{i}" in request.GET)
    except (ValueError, KeyError):
        raise Http404 from None
    return _records_page(request, query, keys, title=indicator.name, indicator=indicator,
                         back_url=reverse("indicators:detail", args=[pk]), export_name=f"indicator-{slugify(indicator.code) or indicator.pk}")


def figure_records_url(metric: str, *, program=None, branch=None, date_from=None, date_to=None, kind="",
                       gender="") -> str:
    """The records behind a figure that no saved indicator holds (the dashboard's headline numbers)."""
    params = [("metric", metric)]
    params += [(name, value.pk) for name, value in (("program", program), ("branch", branch)) if value]
    params += [(name, value.isoformat()) for name, value in (("date_from", date_from), ("date_to", date_to)) if value]
    params += [(name, value) for name, value in (("kind", kind), ("gender", gender)) if value]
    return reverse("indicators:figure_records") + "?" + urlencode(params)


@login_required
def figure_records(request):
    """The records behind a headline figure (``figure_records_url``): the metric, its filters and an
    optional gender, counted over what the user may see, as every figure is."""
    _require_staff(request.user)
    get = request.GET
    try:
        metric = Metric(get.get("metric", ""))
        filters = {
            "programs": (int(get["program"]),) if get.get("program") else (),
            "branches": (int(get["branch"]),) if get.get("branch") else (),
            "kinds": (get["kind"],) if get.get("kind") else (),
            "date_from": parse_date(get["date_from"]) if get.get("date_from") else None,
            "date_to": parse_date(get["date_to"]) if get.get("date_to") else None,
        }
        if filters["kinds"] and filters["kinds"][0] not in Kind.values:
            raise ValueError
        if any(filters[name] is None for name in ("date_from", "date_to") if get.get(name)):
            raise ValueError
        if any(pk > 2**31 for name in ("programs", "branches") for pk in filters[name]):
            raise ValueError
        gender = get.get("gender", "")
        if gender and gender not in Gender.values:
            raise ValueError
        by = ("gender",) if gender else ()
        query = IndicatorQuery(metric, by=by, **filters)
        keys = (parse_param(Dimension.GENDER, gender),) if gender else ()
    except (ValueError, KeyError):
        raise Http404 from None
    title = metric.label
    if gender:
        title = _("%(figure)s: %(group)s") % {"figure": metric.label, "group": Gender(gender).label}
    return _records_page(request, query, keys, title=title, back_url=reverse("dashboard:index"),
                         export_name=f"records-{metric.value}")


@login_required
def logframe(request, pk):
    program, access = _get_program_for_user(request.user, pk)
    sections = tracking(program, user=request.user)
    for section in sections:
        for line in section.lines:
            for period in line.periods:
                period.url = _records_url(line.indicator, period.query)
    context = {"program": program, "sections": sections, "access": access,
               "partial_view": not request.user.spans_all_branches}
    return render(request, "indicators/logframe.html", context)


@login_required
def logframe_export(request, pk):
    program, _access = _get_program_for_user(request.user, pk)
    header = [_("Level"), _("Statement"), _("Code"), _("Indicator"), _("Period"), _("Baseline"), _("Target"),
              _("Actual"), _("% achieved")]
    return export_response(request, f"logframe-{program.code}", header,
                           tracking_rows(tracking(program, user=request.user)))


def _entry_form(request, form_class, instance, save, program, title):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(actor=request.user, data=dict(form.cleaned_data))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The logframe was saved."))
            return redirect("indicators:logframe", pk=program.pk)
    return render(request, "indicators/entry_form.html", {"form": form, "program": program, "title": title})


@login_required
def outcome_add(request, pk):
    program, access = _get_program_for_user(request.user, pk)
    require(access.can_manage)
    outcome = Outcome(program=program, number=program.outcomes.count() + 1)
    return _entry_form(request, OutcomeForm, outcome, lambda **kw: services.outcome_save(outcome=outcome, **kw),
                       program, _("New outcome"))


@login_required
def outcome_edit(request, pk):
    outcome, access = _get_outcome_for_user(request.user, pk)
    require(access.can_manage)
    return _entry_form(request, OutcomeForm, outcome, lambda **kw: services.outcome_save(outcome=outcome, **kw),
                       outcome.program, _("Edit outcome"))


@login_required
def output_add(request, pk):
    outcome, access = _get_outcome_for_user(request.user, pk)
    require(access.can_manage)
    output = Output(outcome=outcome, number=outcome.outputs.count() + 1)
    return _entry_form(request, OutputForm, output, lambda **kw: services.output_save(output=output, **kw),
                       outcome.program, _("New output"))


@login_required
def output_edit(request, pk):
    output, access = _get_output_for_user(request.user, pk)
    require(access.can_manage)
    return _entry_form(request, OutputForm, output, lambda **kw: services.output_save(output=output, **kw),
                       output.outcome.program, _("Edit output"))
