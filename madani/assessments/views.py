import datetime
from pathlib import Path

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from madani.activities.models import Activity, Participation
from madani.core.arabic import western_digits
from madani.core.permissions import require
from madani.core.uploads import attachment_response
from madani.organizations.models import Organization

from . import reports, services
from .forms import EnrolForm, MediaForm, QuestionnaireUploadForm
from .domains import domain_label
from .models import Kind, Questionnaire, Response
from .permissions import can_assess, can_enrol, can_fill_tests, can_upload_questionnaires
from .submissions import MAX_BYTES, Refusal, expected_media, served_xform
from .xlsform import iter_items, iter_questions, text_in

BUILTIN_FORMS = Path(__file__).resolve().parent / "xlsforms"


def _get_questionnaire_for_user(user, pk) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.visible_to(user).select_related("activity"), pk=pk)


def _get_organization_for_user(user, pk) -> Organization:
    return get_object_or_404(Organization.objects.visible_to(user), pk=pk)


def _get_response_for_user(user, pk) -> Response:
    return get_object_or_404(
        Response.objects.visible_to(user).select_related("questionnaire", "organization", "participation__person",
                                                         "participation__activity", "submitted_by"),
        pk=pk,
    )


def _get_activity_for_user(user, pk) -> Activity:
    return get_object_or_404(Activity.objects.visible_to(user), pk=pk)


@login_required
def questionnaire_list(request):
    questionnaires = Questionnaire.objects.visible_to(request.user).select_related("activity")
    return render(request, "assessments/questionnaire_list.html",
                  {"questionnaires": questionnaires, "can_upload": can_upload_questionnaires(request.user)})


@login_required
def questionnaire_upload(request):
    require(can_upload_questionnaires(request.user))
    initial = {"kind": request.GET.get("kind", Kind.NEEDS), "activity": request.GET.get("activity")}
    form = QuestionnaireUploadForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # the form and its files, or nothing
                questionnaire = services.questionnaire_create(actor=request.user, data=form.cleaned_data,
                                                              definition=form.definition,
                                                              upload=form.cleaned_data["xlsform"])
                services.media_attach(actor=request.user, questionnaire=questionnaire,
                                      uploads=form.cleaned_data.get("media") or [])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The questionnaire was saved."))
            return redirect("assessments:detail", pk=questionnaire.pk)
    return render(request, "assessments/questionnaire_upload.html", {"form": form})


@login_required
def questionnaire_detail(request, pk):
    """The questionnaire as respondents will see it (a preview), and its responses."""
    questionnaire = _get_questionnaire_for_user(request.user, pk)
    responses = (
        Response.objects.visible_to(request.user).filter(questionnaire=questionnaire)
        .select_related("organization", "participation__person")[:200]
    )
    context = {
        "questionnaire": questionnaire,
        "questions": [] if questionnaire.is_survey else _preview(questionnaire, (get_language() or "ar")[:2]),
        "responses": responses,
        "downloadable": bool(questionnaire.source_file) or _builtin_file(questionnaire) is not None,
        "can_upload": can_upload_questionnaires(request.user),
    }
    return render(request, "assessments/questionnaire_detail.html", context)


@login_required
def questionnaire_media(request, pk):
    """The files the form names (images, audio, video; the CSV, XML or GeoJSON it reads): which it has,
    and adding or replacing them."""
    require(can_upload_questionnaires(request.user))
    questionnaire = _get_questionnaire_for_user(request.user, pk)
    form = MediaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.media_attach(actor=request.user, questionnaire=questionnaire, uploads=form.cleaned_data["media"])
        except ValidationError as error:
            form.add_error("media", error)
        else:
            messages.success(request, _("The files were saved."))
            return redirect("assessments:media", pk=questionnaire.pk)
    attached = {media.name: media for media in questionnaire.media_files.all()}
    files = [(name, kind, attached.get(name)) for name, kind in sorted(expected_media(questionnaire.definition).items())]
    return render(request, "assessments/questionnaire_media.html",
                  {"questionnaire": questionnaire, "form": form, "files": files})


@login_required
def questionnaire_download(request, pk):
    """The XLSForm file, as an attachment (the shipped form comes from the app's forms folder)."""
    questionnaire = _get_questionnaire_for_user(request.user, pk)
    if questionnaire.source_file:
        return attachment_response(questionnaire.source_file)
    builtin = _builtin_file(questionnaire)
    if builtin is None:
        raise Http404
    return FileResponse(builtin.open("rb"), as_attachment=True, filename=builtin.name)


def _preview(questionnaire, language):
    """The questions as a list (text, never markup): label, hint, type, domain, choices with their scores."""
    rows = []
    for item in iter_items(questionnaire.definition.get("children", [])):
        rows.append({
            "name": item["name"], "type": item["type"], "group": item["type"] in {"group", "repeat"},
            "label": text_in(item.get("label"), language) or item["name"], "hint": text_in(item.get("hint"), language),
            "domain": domain_label(item["domain"]) if item.get("domain") else "", "required": item.get("required"),
            "relevant": item.get("relevant", ""),
            "choices": [(text_in(c["label"], language) or c["name"], c.get("score")) for c in item.get("choices", [])],
        })
    return rows


def _builtin_file(questionnaire) -> Path | None:
    """The shipped XLSForm a questionnaire was loaded from, if it came with the app."""
    builtin = questionnaire.definition.get("builtin_file")
    if builtin and "/" not in builtin and (BUILTIN_FORMS / builtin).is_file():
        return BUILTIN_FORMS / builtin
    return None


@login_required
def organization_assessments(request, pk):
    """An organization's needs assessments: scores by domain, before/after chart, gap report."""
    organization = _get_organization_for_user(request.user, pk)
    responses = list(reports.needs_responses(organization, request.user))
    before, after, comparison = reports.before_after(responses)
    latest = responses[-1] if responses else None
    chart = None
    if comparison:
        chart = {
            "labels": [row["label"] for row in comparison],
            "datasets": [
                {"label": _("Baseline %(date)s") % {"date": before.date.isoformat()},
                 "data": [row["before"] for row in comparison], "key": "baseline"},
                {"label": _("Re-assessment %(date)s") % {"date": after.date.isoformat()},
                 "data": [row["after"] for row in comparison]},
            ],
            "axis": _("Score (%)"), "horizontal": True, "max": 100,
        }
    context = {
        "organization": organization,
        "responses": list(reversed(responses)),
        "latest": latest,
        "before": before,
        "after": after,
        "comparison": comparison,
        "chart": chart,
        "gaps": reports.gap_report(organization, request.user, latest=latest) if latest else [],
        "threshold": reports.gap_threshold(),
        "questionnaires": Questionnaire.objects.visible_to(request.user).needs().active(),
        "can_assess": can_assess(request.user, organization),
        "can_enrol": can_enrol(request.user),
    }
    return render(request, "assessments/organization_assessments.html", context)


# ODK's XForms engine compiles its XPath parser (WebAssembly): the form pages allow that, and only that,
# beyond the site's policy (no 'unsafe-inline', no 'unsafe-eval').
@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@login_required
def organization_assess(request, pk):
    """Fill a needs assessment for an organization (staff, or the organization's own members) with ODK's
    engine (``static/collect/webform.js``); its submission XML is posted back here (once per instanceID)."""
    organization = _get_organization_for_user(request.user, pk)
    if not can_assess(request.user, organization):
        raise PermissionDenied
    available = Questionnaire.objects.visible_to(request.user).needs().active()
    chosen = request.GET.get("questionnaire") or request.POST.get("questionnaire")
    questionnaire = get_object_or_404(available, pk=chosen) if chosen and str(chosen).isdigit() else available.first()
    if questionnaire is None:
        raise Http404
    if request.method == "POST":
        return _receive(request, questionnaire, organization=organization)
    context = {"questionnaire": questionnaire, "organization": organization, "subject": organization,
               "back": reverse("assessments:organization", args=[organization.pk])}
    return _fill_page(request, questionnaire, context)


def _fill_page(request, questionnaire, context):
    from madani.collect.views import webform_files, webform_markup, webform_strings

    xform = served_xform(questionnaire)
    context.update(xform=xform.decode("utf-8"), markup=webform_markup(xform), strings=webform_strings(),
                   files=webform_files(questionnaire), today=timezone.localdate())
    return render(request, "assessments/response_form.html", context)


def _receive(request, questionnaire, **subject):
    """The web form's submission XML (the POST body), for ``subject``; JSON: 201 new, 202 already received."""
    if len(request.body) > MAX_BYTES:
        return JsonResponse({"message": _("The submission is too large.")}, status=413)
    try:
        date = datetime.date.fromisoformat(western_digits(request.GET.get("date") or "").strip()) \
            if request.GET.get("date") else timezone.localdate()
    except ValueError:
        return JsonResponse({"message": _("The date is not a date (YYYY-MM-DD).")}, status=400)
    try:
        status, response = services.response_receive(actor=request.user, questionnaire=questionnaire,
                                                     xml=request.body, date=date, **subject)
    except Refusal as refusal:
        return JsonResponse({"message": refusal.message}, status=refusal.status)
    return JsonResponse({"instanceID": response.instance_id, "url": reverse("assessments:response", args=[response.pk])},
                        status=status)


@login_required
def organization_enrol(request, pk):
    """Enrol the organization's current staff in an upcoming activity (after a confirmation)."""
    organization = _get_organization_for_user(request.user, pk)
    require(can_upload_questionnaires(request.user))
    form = EnrolForm(request.POST or request.GET or None, user=request.user, organization=organization)
    activity = form.cleaned_data["activity"] if form.is_bound and form.is_valid() else None
    if request.method == "POST" and activity is not None:
        try:
            count = services.organization_staff_enrol(actor=request.user, organization=organization, activity=activity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s staff member(s) of %(organization)s were enrolled in %(activity)s.")
                             % {"count": count, "organization": organization, "activity": activity})
            return redirect("assessments:organization", pk=organization.pk)
    context = {
        "organization": organization,
        "form": form,
        "activity": activity,
        "staff": services.current_staff(actor=request.user, organization=organization),
    }
    return render(request, "assessments/organization_enrol.html", context)


def _answer_rows(response, language):
    rows = []
    for question, _groups in iter_questions(response.questionnaire.definition):
        if question["name"] not in response.answers:
            continue
        value = response.answers[question["name"]]
        if question["type"] in {"select_one", "select_multiple"}:
            labels = {c["name"]: text_in(c["label"], language) for c in question["choices"]}
            chosen = value if isinstance(value, list) else ([value] if value else [])
            value = "، ".join(labels.get(v, v) for v in chosen) if language == "ar" else ", ".join(
                labels.get(v, v) for v in chosen)
        rows.append((text_in(question.get("label"), language) or question["name"], value))
    return rows


@login_required
def response_detail(request, pk):
    response = _get_response_for_user(request.user, pk)
    from django.utils.translation import get_language

    context = {
        "response": response,
        "answers": _answer_rows(response, (get_language() or "ar")[:2]),
        "domain_scores": response.labelled_domain_scores(),
    }
    return render(request, "assessments/response_detail.html", context)


@login_required
def activity_tests(request, pk):
    """Pre- and post-test scores of a training's participants, and the average gain."""
    activity = _get_activity_for_user(request.user, pk)
    context = {
        "activity": activity,
        "results": reports.activity_test_results(activity, request.user),
        "pre_test": activity.questionnaires.filter(kind=Kind.PRE_TEST, is_active=True).first(),
        "post_test": activity.questionnaires.filter(kind=Kind.POST_TEST, is_active=True).first(),
        "can_fill": can_fill_tests(request.user),
        "can_upload": can_upload_questionnaires(request.user),
    }
    return render(request, "assessments/activity_tests.html", context)


@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@login_required
def test_fill(request, pk, participation_pk):
    """Enter one participant's pre-test (``?kind=pre_test``, the default) or post-test with ODK's engine;
    its submission XML is posted back here (once per instanceID)."""
    activity = _get_activity_for_user(request.user, pk)
    participation = get_object_or_404(
        Participation.objects.visible_to(request.user).filter(activity=activity).select_related("person"),
        pk=participation_pk,
    )
    require(can_fill_tests(request.user))
    kind = request.GET.get("kind") if request.GET.get("kind") in {Kind.PRE_TEST, Kind.POST_TEST} else Kind.PRE_TEST
    questionnaire = activity.questionnaires.filter(kind=kind, is_active=True).first()
    if request.method == "POST":
        if questionnaire is None:
            return JsonResponse({"message": _("No test of this kind has been uploaded for this activity.")}, status=404)
        return _receive(request, questionnaire, participation=participation)
    context = {"questionnaire": questionnaire, "activity": activity, "participation": participation,
               "subject": participation.person, "kind": Kind(kind),
               "back": reverse("assessments:activity", args=[activity.pk])}
    if questionnaire is None:
        return render(request, "assessments/response_form.html", context)
    return _fill_page(request, questionnaire, context)
