from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from .throttling import AnonRateThrottle


def exception_handler(exc, context):
    """DRF checks throttles only after authentication and permissions, so a request with a wrong token
    (401) or none (401/403) would never be counted: guessing tokens would be unlimited. Such requests
    count against the anonymous rate of their address here, and past it get 429 like any other."""
    request, view = context.get("request"), context.get("view")
    if request is not None and isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        throttle = AnonRateThrottle()
        if not throttle.allow_request(request, view):
            exc = exceptions.Throttled(throttle.wait())
    return drf_exception_handler(exc, context)
