"""Demo certificates: every completer of a completed training course or workshop gets one, issued
by the demo administrator; one is revoked so that the public page shows both answers."""

from madani.accounts.models import Role, User
from madani.activities.models import CERTIFIED_KINDS, Activity
from madani.certificates.services import certificate_revoke, certificates_issue_for_activity


def load(rng):
    actor = User.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
    issued = []
    for activity in Activity.objects.completed().filter(kind__in=CERTIFIED_KINDS).order_by("start_date", "pk"):
        issued += certificates_issue_for_activity(actor=actor, activity=activity)
    if issued:
        certificate_revoke(actor=actor, certificate=rng.choice(issued),
                           reason="عرض تجريبي: صدرت خطأً لمشارك غاب عن معظم الجلسات.")
