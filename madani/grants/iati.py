"""The grants' money on their program's IATI activity file (``GrantsConfig.iati_transactions``, read by
``reports/iati.py``): an outgoing commitment (type 2) on each award, a disbursement (type 3) for each
tranche paid, in its own currency with the day's value date. The file is public: the receiving CSOs are
not named (IATI allows a transaction without a receiver), as everywhere else in the file."""

from django.utils.translation import gettext_lazy as _

from .models import Award, TrancheStatus

OUTGOING_COMMITMENT, DISBURSEMENT = "2", "3"  # TransactionType codelist


def _transaction(parent, *, ref, kind, day, amount, currency, description):
    from madani.reports.iati import _in_every_language, _narratives, _sub

    transaction = _sub(parent, "transaction", ref=ref)
    _sub(transaction, "transaction-type", code=kind)
    _sub(transaction, "transaction-date", iso_date=day.isoformat())
    _sub(transaction, "value", currency=currency, value_date=day.isoformat()).text = f"{amount:.2f}"
    _narratives(_sub(transaction, "description"), _in_every_language(description))


def transactions(parent, program, user):
    from madani.reports.iati import iati_identifier

    prefix = iati_identifier(program)
    awards = (Award.objects.visible_to(user).filter(application__call__program=program)
              .prefetch_related("tranches").order_by("awarded_on", "pk"))
    for award in awards:
        _transaction(parent, ref=f"{prefix}-grant-{award.pk}", kind=OUTGOING_COMMITMENT, day=award.awarded_on,
                     amount=award.amount, currency=award.currency,
                     description=_("Small grant to a local organization for a community project"))
        for tranche in award.tranches.all():
            if tranche.status == TrancheStatus.DISBURSED:
                _transaction(parent, ref=f"{prefix}-grant-{award.pk}-tranche-{tranche.number}", kind=DISBURSEMENT,
                             day=tranche.disbursed_on, amount=tranche.amount, currency=tranche.currency,
                             description=_("Tranche of a small grant for a community project"))
