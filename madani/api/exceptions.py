from collections import Counter

from django.db.models import ProtectedError, RestrictedError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from .throttling import AnonRateThrottle


class Conflict(exceptions.APIException):
    """409: the request cannot be done in the record's present state; ``detail`` says why."""

    status_code = 409
    default_code = "conflict"
    default_detail = gettext_lazy("The request conflicts with the record's present state.")


def protected_conflict(error: ProtectedError | RestrictedError) -> Conflict:
    """A delete refused because other records point to this one: 409 naming what depends on it."""
    counts = Counter(type(obj)._meta.verbose_name_plural for obj in error.protected_objects if hasattr(obj, "_meta"))
    records = "; ".join(f"{capfirst(name)}: {count}" for name, count in sorted(counts.items(), key=lambda i: str(i[0])))
    detail = _("This record cannot be deleted: other records depend on it (%(records)s). Remove or move them "
               "first.") % {"records": records}
    return Conflict({"detail": detail, "dependent_records": {str(name): count for name, count in counts.items()}})


def exception_handler(exc, context):
    """DRF checks throttles only after authentication and permissions, so a request with a wrong token
    (401) or none (401/403) would never be counted: guessing tokens would be unlimited. Such requests
    count against the anonymous rate of their address here, and past it get 429 like any other.

    A delete that the database refuses because other records depend on the record (``PROTECT``,
    ``RESTRICT``) answers 409 with what depends on it, never 500."""
    request, view = context.get("request"), context.get("view")
    if request is not None and isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        throttle = AnonRateThrottle()
        if not throttle.allow_request(request, view):
            exc = exceptions.Throttled(throttle.wait())
    if isinstance(exc, (ProtectedError, RestrictedError)):
        exc = protected_conflict(exc)
    return drf_exception_handler(exc, context)
