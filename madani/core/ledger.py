"""Ledger writes and the events they announce (DESIGN.md §3, "ledger events").

A service that changes the activity ledger — or anything the ledger's figures are computed from (a
person's gender, an organization served) — is marked ``@ledger_write``. The mark makes it atomic and,
once the outermost transaction commits, announces one ``LedgerChange`` to every listener (the shape of
Zulip's ``send_event_on_commit``). Nothing is announced when the transaction rolls back, and a marked
service that calls other marked services (a walk-in enrols a person, then marks them present) announces
once, for all of them.

Listeners subscribe in their ``AppConfig.ready()``::

    from madani.core import ledger
    ledger.listen(on_change)          # on_change(change: LedgerChange) runs after the commit

The dashboard listens (``madani/dashboard/apps.py``) and queues one rebuild of its figures. No service
asks for a refresh by hand, and ``core`` and ``activities`` never import the dashboard.
"""

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

logger = logging.getLogger(__name__)

__all__ = ["LedgerChange", "ledger_write", "listen", "unlisten"]


@dataclass(frozen=True)
class LedgerChange:
    """What one committed ledger write changed: the marked services that ran (``"activities.activity_create"``,
    outermost first) and the activities they touched, when the arguments or the result name them."""

    services: tuple[str, ...]
    activity_ids: frozenset[int] = field(default_factory=frozenset)


_receivers: list[Callable[[LedgerChange], None]] = []
_state = threading.local()


def listen(receiver: Callable[[LedgerChange], None]) -> Callable[[LedgerChange], None]:
    """Call ``receiver(change)`` after every committed ledger write (once, however often it is registered)."""
    if receiver not in _receivers:
        _receivers.append(receiver)
    return receiver


def unlisten(receiver: Callable[[LedgerChange], None]) -> None:
    if receiver in _receivers:
        _receivers.remove(receiver)


def _announce(change: LedgerChange) -> None:
    for receiver in list(_receivers):
        try:
            receiver(change)
        except Exception:  # the write is committed: one failing listener must not hide it from the others
            logger.exception("ledger listener %r failed on %r", receiver, change)


def _activity_ids(values) -> set[int]:
    """Activities named by a service's arguments or result: an activity, or a row that belongs to one
    (a session, a participation, a booking or request linked to its activity)."""
    ids = set()
    for value in values:
        meta = getattr(value, "_meta", None)
        if meta is None:
            continue
        if meta.model_name == "activity" and value.pk:
            ids.add(value.pk)
        elif getattr(value, "activity_id", None):
            ids.add(value.activity_id)
    return ids


@dataclass
class _Pending:
    services: list = field(default_factory=list)
    activity_ids: set = field(default_factory=set)


def ledger_write(func):
    """Mark ``func`` as a write to the ledger: it runs in one transaction, and after the outermost
    transaction commits, one ``LedgerChange`` is announced to the listeners."""
    name = f"{func.__module__.removeprefix('madani.').removesuffix('.services')}.{func.__name__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        pending = getattr(_state, "pending", None)
        outermost = pending is None
        if outermost:
            pending = _state.pending = _Pending()
        try:
            with transaction.atomic():
                pending.services.append(name)
                pending.activity_ids |= _activity_ids([*args, *kwargs.values()])
                result = func(*args, **kwargs)
                pending.activity_ids |= _activity_ids([result])
                if outermost:
                    change = LedgerChange(tuple(pending.services), frozenset(pending.activity_ids))
                    transaction.on_commit(lambda: _announce(change))
            return result
        finally:
            if outermost:
                _state.pending = None

    wrapper.ledger_write = True
    return wrapper
