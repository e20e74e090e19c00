"""Issuing and revoking certificates. Only people who completed a certified activity (a training
course or workshop, ``Activity.is_certified``) receive one; issuing again returns the same one."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from madani.activities.models import Activity, Status

from .models import Certificate, CertificateBundle


def _check_certified(activity) -> None:
    """A certified kind, completed, whose last session has taken place (nothing before it happened)."""
    from madani.activities.services import check_ended

    if not activity.is_certified:
        raise ValidationError(_("Only training courses and workshops give certificates."))
    if activity.status != Status.COMPLETED:
        raise ValidationError(_("Certificates are issued once the activity is marked completed."))
    check_ended(activity)


@transaction.atomic
def certificate_issue(*, actor, participation) -> Certificate:
    """The participation's certificate, issued now if it has none (a revoked one stays revoked)."""
    existing = Certificate.objects.filter(participation=participation).first()
    if existing:
        return existing
    _check_certified(participation.activity)
    if not participation.completed:
        raise ValidationError(_("Only people who completed the activity receive a certificate."))
    certificate = Certificate(participation=participation, issued_by=actor)
    certificate._history_user = actor
    certificate.save()
    return certificate


@transaction.atomic
def certificates_issue_for_activity(*, actor, activity) -> list[Certificate]:
    """Issue a certificate to every completer of ``activity`` who has none; returns the new ones."""
    _check_certified(activity)
    waiting = activity.participations.completed().filter(certificate__isnull=True).select_related("activity")
    return [certificate_issue(actor=actor, participation=participation) for participation in waiting]


@transaction.atomic
def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Withdraw a certificate: its public page then says it was revoked."""
    if certificate.is_revoked:
        raise ValidationError(_("This certificate was already revoked."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = actor
    certificate.revocation_reason = reason.strip()
    certificate._history_user = actor
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def certificate_bundle_request(*, actor, activity, language, site_root) -> CertificateBundle:
    """Queue the PDF of every valid certificate of ``activity`` that ``actor`` may see; it is built in
    the background once this transaction commits. ``site_root``: the address the QR codes point to."""
    if not Activity.objects.visible_to(actor).filter(pk=activity.pk).exists():
        raise PermissionDenied
    visible = Certificate.objects.visible_to(actor).valid().filter(participation__activity=activity)
    if not visible.exists():
        raise ValidationError(_("No certificate has been issued for this activity yet."))
    Activity.objects.select_for_update().filter(pk=activity.pk).first()  # two clicks queue one bundle
    waiting = CertificateBundle.objects.pending().filter(activity=activity, requested_by=actor, language=language)
    if (bundle := waiting.first()) is not None:
        return bundle
    bundle = CertificateBundle.objects.create(activity=activity, requested_by=actor, language=language,
                                              site_root=site_root.rstrip("/"))
    transaction.on_commit(bundle.enqueue_task)
    return bundle
