from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from madani.activities.models import Activity, Participation
from madani.core.confirm import NoForm, ReasonForm, confirm_action
from madani.core.jobs import JobViews
from madani.core.permissions import ObjectAccess, require
from madani.core.public_forms import public_form

from . import services
from .models import Certificate, CertificateBundle
from .pdf import certificates_pdf
from .permissions import can_issue_certificates


def _get_activity_for_user(user, pk) -> tuple[Activity, ObjectAccess]:
    """An activity ``user`` sees (404 otherwise), and whether they may issue its certificates."""
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=pk)
    return activity, ObjectAccess(user, activity, issue=can_issue_certificates)


def _get_certificate_for_user(user, pk, participation_pk) -> tuple[Certificate, ObjectAccess]:
    """A certificate of a participation ``user`` sees in that activity (404 otherwise), and whether they may
    revoke it (those who issue certificates: branch managers, M&E officers and administrators)."""
    activity, _access = _get_activity_for_user(user, pk)
    participation = get_object_or_404(Participation.objects.visible_to(user).filter(activity=activity),
                                      pk=participation_pk)
    certificate = get_object_or_404(
        Certificate.objects.visible_to(user).select_related("participation__person", "participation__activity"),
        participation=participation,
    )
    return certificate, ObjectAccess(user, certificate, revoke=can_issue_certificates)


def _verify_url_for(request):
    """The absolute public URL of a certificate, in the default language whoever prints it."""
    def verify_url(code):
        with translation.override(settings.LANGUAGE_CODE):
            return request.build_absolute_uri(reverse("certificates:verify", args=[code]))
    return verify_url


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def download(request, pk, participation_pk):
    """One person's certificate. Staff who see the activity, and CSO members for their
    organization's people (``Participation.objects.visible_to``)."""
    certificate, _access = _get_certificate_for_user(request.user, pk, participation_pk)
    if certificate.is_revoked:
        messages.error(request, _("This certificate was revoked; it cannot be downloaded."))
        return redirect("activities:detail", pk=pk)
    pdf = certificates_pdf([certificate], verify_url=_verify_url_for(request))
    return _pdf_response(pdf, f"certificate-{certificate.participation_id}.pdf")


@login_required
def bundle_request(request, pk):
    """Confirm, then queue the PDF of every valid certificate of the activity that the user may see, one
    page each; built in the background (it takes 10–30 s), followed on its status page."""
    activity, _access = _get_activity_for_user(request.user, pk)
    count = Certificate.objects.visible_to(request.user).valid().filter(participation__activity=activity).count()
    question = ngettext(
        "One certificate, on one page. The file is prepared in the background; you can follow it and download "
        "it when it is ready.",
        "%(count)s certificates, one page each. The file is prepared in the background; you can follow it and "
        "download it when it is ready.", count) % {"count": count}
    return confirm_action(
        request, title=_("All certificates (PDF)"), button=_("Prepare the PDF"), button_class="btn-primary",
        form=NoForm, details=[activity], question=question,
        done=None if count else _("No certificate has been issued for this activity yet."),
        action=lambda form: services.certificate_bundle_request(
            actor=request.user, activity=activity, language=translation.get_language(),
            site_root=request.build_absolute_uri("/")),
        done_url=lambda bundle: reverse("certificates:bundle", args=[bundle.pk]),
        back_url=reverse("activities:detail", args=[pk]))


def _get_bundle_for_user(user, pk) -> CertificateBundle:
    """The user's own bundle (it holds what they could see), while they still see its activity; a bundle
    is personal even for administrators (its QuerySet's ``administrators_see_all = False``)."""
    return get_object_or_404(CertificateBundle.objects.visible_to(user).select_related("activity"), pk=pk)


# A bundle's status page, its progress part and its download (core/jobs.py).
bundle, bundle_progress, bundle_download = JobViews(
    _get_bundle_for_user, template="certificates/bundle.html",
    progress_template="certificates/partials/bundle_progress.html", name="bundle").views()


@login_required
def issue_for_activity(request, pk):
    """Confirm, then issue a certificate to every completer who has none yet."""
    activity, access = _get_activity_for_user(request.user, pk)
    require(access.can_issue)
    completers = activity.participations.completed()
    waiting = completers.filter(certificate__isnull=True).count()
    question = (_("%(completers)s people completed this activity; %(waiting)s of them have no certificate yet.")
                % {"completers": completers.count(), "waiting": waiting})
    done = None
    if not activity.is_certified:
        done = _("Only training courses and workshops give certificates.")
    elif not waiting:
        done = question
    back = reverse("activities:detail", args=[pk])
    return confirm_action(
        request, title=_("Issue certificates"), button=_("Issue certificates"), button_class="btn-primary",
        form=NoForm, details=[activity], question=question, done=done,
        action=lambda form: services.certificates_issue_for_activity(actor=request.user, activity=activity),
        done_message=lambda issued: _("Certificates issued: %(count)s.") % {"count": len(issued)},
        done_url=back, back_url=back)


@login_required
def revoke(request, pk, participation_pk):
    certificate, access = _get_certificate_for_user(request.user, pk, participation_pk)
    require(access.can_revoke)
    back = reverse("activities:detail", args=[pk])
    done = None
    if certificate.is_revoked:
        day = timezone.localtime(certificate.revoked_at).date().isoformat()
        done = " ".join([_("This certificate was revoked on %(date)s.") % {"date": day}, certificate.revocation_reason])
    return confirm_action(
        request, title=_("Revoke certificate"), button=_("Revoke"), form=ReasonForm, done=done, errors_on_form=True,
        question=_("The certificate of %(person)s for “%(title)s” will be marked as revoked. "
                   "Anyone who checks its code will be told so.")
        % {"person": certificate.participation.person, "title": certificate.participation.activity},
        action=lambda form: services.certificate_revoke(actor=request.user, certificate=certificate,
                                                        reason=form.cleaned_data["reason"]),
        done_message=_("The certificate was revoked."), done_url=back, back_url=back)


@require_safe
@never_cache  # a revocation must show at once, whatever sits between us and the visitor
@public_form(group="certificate-verify", rate="MADANI_CERTIFICATE_VERIFY_RATE", methods=("GET", "HEAD"),
             limited_template="certificates/verify_limited.html", retry_after=60)
def verify(request, code):
    """PUBLIC: anyone holding a certificate's code learns whether it is genuine, and only what is
    printed on it (name, activity, dates, center), nothing else about the person."""
    certificate = Certificate.objects.select_related(
        "participation__person", "participation__activity__branch", "participation__activity__place"
    ).by_code(code)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    participation = certificate.participation
    context = {"certificate": certificate, "person": participation.person, "activity": participation.activity}
    return render(request, "certificates/verify.html", context)
