from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from madani.assessments.models import Kind, Questionnaire
from madani.core.confirm import confirm_action
from madani.core.permissions import require
from madani.core.uploads import attachment_response

from . import services
from .models import Attachment, Credential, Submission
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


@login_required
def submissions(request, pk):
    """A survey's submissions (the latest version of each), newest first."""
    require(can_see_submissions(request.user))
    questionnaire = _get_survey_for_user(request.user, pk)
    rows = (Submission.objects.visible_to(request.user).current().filter(questionnaire=questionnaire)
            .select_related("submitted_by", "credential").prefetch_related("attachments")[:500])
    return render(request, "collect/submissions.html", {"questionnaire": questionnaire, "submissions": rows})


@login_required
def attachment_download(request, pk):
    require(can_see_submissions(request.user))
    attachment = get_object_or_404(
        Attachment.objects.filter(submission__in=Submission.objects.visible_to(request.user)), pk=pk)
    return attachment_response(attachment.file)


def survey_panel(context, questionnaire):
    """The survey's page: how to fill it in ODK Collect, and how many submissions came (staff)."""
    user = context["request"].user
    show = user.is_authenticated and can_see_submissions(user)
    count = (Submission.objects.visible_to(user).current().filter(questionnaire=questionnaire).count()
             if show else 0)
    return {"questionnaire": questionnaire, "show": show, "count": count,
            "may_use_collect": user.is_authenticated and can_use_collect(user)}
