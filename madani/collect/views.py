from csp.decorators import csp_update
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from madani.assessments.models import Kind, Questionnaire
from madani.core.confirm import confirm_action
from madani.core.exports import export_response
from madani.core.forms import DateInput
from madani.core.permissions import require
from madani.core.uploads import attachment_response

from . import attendance, exports, services
from .models import Attachment, Credential, Submission
from .openrosa import ACCEPT_CONTENT_LENGTH, served_xform
from .permissions import can_see_submissions, can_use_collect


class CredentialForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Device"), max_length=80,
                           help_text=gettext_lazy("Which phone or tablet, e.g. “Samsung A12 of the Hajin team”."))


def _get_credential_for_user(user, pk) -> Credential:
    return get_object_or_404(Credential.objects.visible_to(user), pk=pk)


def _get_survey_for_user(user, pk) -> Questionnaire:
    return get_object_or_404(Questionnaire.objects.visible_to(user).filter(kind=Kind.SURVEY), pk=pk)


@login_required
def credentials(request):
    """The user's device accesses for ODK Collect; a new one shows its password once."""
    require(can_use_collect(request.user))
    form = CredentialForm(request.POST or None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        created, secret = services.credential_create(actor=request.user, name=form.cleaned_data["name"])
        form = CredentialForm()
    context = {
        "form": form,
        "created": created,
        "secret": secret,
        "server_url": request.build_absolute_uri(reverse("openrosa:form_list")).removesuffix("formList").rstrip("/"),
        "credentials": Credential.objects.visible_to(request.user),
        "forms": services.forms_for(request.user),
    }
    response = render(request, "collect/credentials.html", context)
    response["Cache-Control"] = "no-store"  # the password is on this page once
    return response


@login_required
def credential_revoke(request, pk):
    credential = _get_credential_for_user(request.user, pk)
    back = reverse("collect:credentials")
    return confirm_action(
        request, title=_("Revoke a device access"),
        question=_("ODK Collect on “%(device)s” will no longer list forms or send submissions. Submissions "
                   "already received are kept.") % {"device": credential.name},
        action=lambda form: services.credential_revoke(actor=request.user, credential=credential),
        done_url=back, back_url=back, button=_("Revoke"),
        done=_("This device access was already revoked.") if credential.revoked_at else None,
        done_message=_("The device access was revoked."),
    )


class SubmissionFilter(forms.Form):
    received_from = forms.DateField(label=gettext_lazy("Received from"), required=False, widget=DateInput())
    received_to = forms.DateField(label=gettext_lazy("to"), required=False, widget=DateInput())
    labels = forms.ChoiceField(label=gettext_lazy("Labels in"), required=False,
                               choices=[("ar", gettext_lazy("Arabic")), ("en", gettext_lazy("English"))])


def _filtered(request, questionnaire):
    """The survey's submissions the user sees (latest versions), filtered by the page's form; and that form."""
    form = SubmissionFilter(request.GET or None)
    rows = Submission.objects.visible_to(request.user).current().filter(questionnaire=questionnaire)
    if form.is_valid():
        if form.cleaned_data["received_from"]:
            rows = rows.filter(received_at__date__gte=form.cleaned_data["received_from"])
        if form.cleaned_data["received_to"]:
            rows = rows.filter(received_at__date__lte=form.cleaned_data["received_to"])
    language = (form.cleaned_data.get("labels") if form.is_valid() else "") or (get_language() or "ar")[:2]
    return form, rows.select_related("submitted_by", "credential").prefetch_related("attachments"), language


@login_required
def submissions(request, pk):
    """A survey's submissions (the latest version of each), newest first, filtered; the export links."""
    require(can_see_submissions(request.user))
    questionnaire = _get_survey_for_user(request.user, pk)
    form, rows, language = _filtered(request, questionnaire)
    cols = exports.columns(questionnaire.definition, language)
    table = [(row, [exports.cell(row.answers, q, repeat, language) for _label, q, repeat in cols]) for row in rows[:500]]
    context = {"questionnaire": questionnaire, "filter": form, "columns": [label for label, _q, _r in cols],
               "rows": table, "query": request.GET.urlencode()}
    return render(request, "collect/submissions.html", context)


@login_required
def submissions_export(request, pk):
    """The same table as CSV (default) or Excel (``?format=xlsx``), through the one neutralizing export."""
    require(can_see_submissions(request.user))
    questionnaire = _get_survey_for_user(request.user, pk)
    _form, rows, language = _filtered(request, questionnaire)
    cols = exports.columns(questionnaire.definition, language)
    header = [_("Received"), _("Submitted by"), _("Device"), _("instance ID"), *[label for label, _q, _r in cols]]

    def lines():
        for row in rows.iterator(chunk_size=500):
            yield [row.received_at, str(row.submitted_by or ""), row.credential.name if row.credential else "",
                   row.instance_id, *[exports.cell(row.answers, q, repeat, language) for _l, q, repeat in cols]]
    return export_response(request, f"submissions-{questionnaire.pk}", header, lines())


@login_required
def attachment_download(request, pk):
    require(can_see_submissions(request.user))
    attachment = get_object_or_404(
        Attachment.objects.filter(submission__in=Submission.objects.visible_to(request.user)), pk=pk)
    return attachment_response(attachment.file)


# ODK's XForms engine compiles its XPath parser (WebAssembly): the form page allows that, and only that,
# beyond the site's policy (no 'unsafe-inline', no 'unsafe-eval').
@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@login_required
def fill(request, pk):
    """Fill a survey in the browser with ODK's engine; it keeps working offline once opened."""
    require(can_use_collect(request.user))
    questionnaire = get_object_or_404(services.forms_for(request.user), pk=pk)
    xform = served_xform(questionnaire)
    context = {"questionnaire": questionnaire, "xform": xform.decode("utf-8"), "markup": webform_markup(xform),
               "strings": webform_strings(), "files": webform_files(questionnaire)}
    return render(request, "collect/fill.html", context)


@csp_update({"script-src": ["'wasm-unsafe-eval'"]})
@login_required
def attendance_fill(request, pk):
    """A session's attendance as a web form (ODK's engine): kept offline once opened, like a survey's."""
    session = get_object_or_404(attendance.sessions_for(request.user), pk=pk)
    xform = attendance.xform(session)
    context = {"session": session, "title": attendance.title(session), "xform": xform.decode("utf-8"),
               "markup": webform_markup(xform), "strings": webform_strings(), "files": {}}
    return render(request, "collect/fill.html", context)


MARKDOWN_SIGNS = ("*", "_", "#", "[", "`", "~", "\n", "<")


def webform_markup(xform: bytes) -> dict[str, str]:
    """{label or hint text: its HTML} for the form's texts that use Markdown (ODK's subset: emphasis,
    headings, links, lists…), rendered by the site's one safe Markdown function (``core.markdown``:
    markdown-it with raw HTML off, then nh3) — never the form's raw HTML. webform.js shows a text found
    here as that HTML and any other text (one holding an answer, say) as plain text."""
    from lxml import etree

    from madani.assessments.submissions import XFORMS
    from madani.core.markdown import render_markdown

    root = etree.fromstring(xform, etree.XMLParser(resolve_entities=False, no_network=True))
    texts = set()
    for element in root.iter(f"{{{XFORMS}}}value", f"{{{XFORMS}}}label", f"{{{XFORMS}}}hint"):
        if element.get("form") or len(element):  # media, or a text with an answer in it (<output>)
            continue
        text = (element.text or "").strip()
        if text and any(sign in text for sign in MARKDOWN_SIGNS):
            texts.add(text)
    markup = {}
    for text in texts:
        html = str(render_markdown(text)).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        markup[text] = html
    return markup


def webform_files(questionnaire) -> dict[str, str]:
    """{file name: text} of the data files uploaded with the form (its CSV, XML and GeoJSON: choices from a
    file, pulldata), which webform.js hands to ODK's engine. They travel in the page (at most
    ``MAX_DATA_FILE_BYTES`` each), so that a form opened once still has them offline."""
    from madani.assessments.services import DATA_CONTENT_TYPES
    from madani.assessments.submissions import expected_media

    data_files = {name for name, kind in expected_media(questionnaire.definition).items() if kind in DATA_CONTENT_TYPES}
    files = {}
    for media in questionnaire.media_files.filter(name__in=data_files):
        with media.file.open("rb") as handle:
            files[media.name] = handle.read().decode("utf-8-sig")
    return files


def webform_strings() -> dict:
    """The web form's words (static/collect/webform.js), in the page's language."""
    return {
        "submit": _("Send"), "add": _("Add another"), "remove": _("Remove"), "ok": _("OK"),
        "invalid": _("This answer is not accepted."), "notNumber": _("Type a number, e.g. 12.5."),
        "notInteger": _("Type a whole number."),
        "incomplete": _("Some answers are missing or not accepted: see the messages under the questions."),
        "sending": _("Sending…"), "sent": _("The submission was received."),
        "queued": _("No connection: the submission is kept on this device and will be sent when the connection "
                    "returns."),
        "waiting": _("Submissions waiting on this device for a connection: %s"),
        "refused": _("A submission kept on this device was refused:"),
        "signIn": _("Your sign-in has ended: sign in again and open this form to send what waits on this device."),
        "unsupported": _("this question is filled in ODK Collect."),
        "failed": _("The form could not be opened:"),
        "view": _("See the answers and scores"),
    }


@login_required
@require_POST
def web_submission(request):
    """The web form's submission: the instance XML, received by the same code as ODK Collect's
    (``services.submission_receive``: once per instanceID, 201 new, 202 already received)."""
    require(can_use_collect(request.user))
    if len(request.body) > ACCEPT_CONTENT_LENGTH:
        return JsonResponse({"message": _("The submission is too large.")}, status=413)
    try:
        status, submission = services.submission_receive(user=request.user, xml=request.body)
    except services.Refusal as refusal:
        return JsonResponse({"message": refusal.message}, status=refusal.status)
    return JsonResponse({"instanceID": submission.instance_id}, status=status)


@login_required
def offline_worker(request):
    """The service worker of the web forms, served at their address; its scope is the site in the request's
    language ("/", "/en/": the home page's address, which form pages give as ``data-scope``), where the
    assessments' form pages are too. It keeps only what a form page asks for (collect/offline_worker.js)."""
    response = HttpResponse(render_to_string("collect/offline_worker.js"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = reverse("public:home")
    return response


def survey_panel(context, questionnaire):
    """The survey's page: how to fill it in ODK Collect, and how many submissions came (staff)."""
    user = context["request"].user
    show = user.is_authenticated and can_see_submissions(user)
    count = (Submission.objects.visible_to(user).current().filter(questionnaire=questionnaire).count()
             if show else 0)
    may_use_collect = user.is_authenticated and can_use_collect(user)
    fillable = may_use_collect and services.forms_for(user).filter(pk=questionnaire.pk).exists()
    return {"questionnaire": questionnaire, "show": show, "count": count, "may_use_collect": may_use_collect,
            "fillable": fillable}
