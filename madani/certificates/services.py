"""Issuing and revoking certificates. Only people who completed a certified activity (a training
course or workshop, ``Activity.is_certified``) receive one; issuing again returns the same one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Certificate


def _check_certified(activity) -> None:
    if not activity.is_certified:
        raise ValidationError(_("Only training courses and workshops give certificates."))


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
