from itertools import chain

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from madani.activities.models import Activity, Program
from madani.core.exports import export_response
from madani.core.lists import filtered_queryset

from .filters import ThreeWFilter
from .iati import NotPublishable, iati_identifier, iati_ready, program_activity_file
from .three_w import three_w_table


def _require_reporter(user):
    """Reports are for those who record the ledger: administrators, branch managers, M&E officers."""
    if not user.can_record_activities:
        raise PermissionDenied


def _get_program_for_user(user, pk) -> Program:
    return get_object_or_404(Program.objects.visible_to(user), pk=pk)


def _three_w_filter(request):
    return ThreeWFilter(request.GET or None, queryset=Activity.objects.visible_to(request.user), user=request.user)


@login_required
def index(request):
    _require_reporter(request.user)
    context = {
        "filter": _three_w_filter(request),
        "programs": Program.objects.visible_to(request.user).order_by("-start_date", "code"),
        "iati_ready": iati_ready(),
    }
    return render(request, "reports/index.html", context)


@login_required
def three_w(request):
    _require_reporter(request.user)
    header, hashtags, rows = three_w_table(filtered_queryset(_three_w_filter(request)), request.user)
    return export_response(request, "3w", header, chain([hashtags], rows))


@login_required
def iati(request, pk):
    _require_reporter(request.user)
    program = _get_program_for_user(request.user, pk)
    try:
        document = program_activity_file(program, request.user)
    except NotPublishable as reason:
        return render(request, "reports/iati_unavailable.html", {"program": program, "reason": reason}, status=409)
    response = HttpResponse(document, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{iati_identifier(program)}.xml"'
    return response
