"""A request id on every log line and every response.

``RequestIdMiddleware`` takes the proxy's ``X-Request-ID`` when it is a sane token (nginx's
``$request_id``, see deploy/nginx/madani.conf) or makes one, keeps it for the duration of the request, and
returns it in the response's ``X-Request-ID``; ``RequestIdFilter`` puts it on each log record as
``request_id`` ("-" outside a request: the worker, management commands).
"""

import contextvars
import logging
import re
import uuid

from django.conf import settings
from django.core.signals import request_finished

_current = contextvars.ContextVar("madani_request_id", default="-")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current():
    return _current.get()


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = _current.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _SANE.match(given) else uuid.uuid4().hex
        _current.set(request_id)
        if settings.MADANI_SENTRY_DSN:
            import sentry_sdk

            sentry_sdk.set_tag("request_id", request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def _forget(**kwargs):
    # After the response is sent (Django's own "Internal Server Error" line, written once the middleware
    # has returned, still carries the id).
    _current.set("-")


request_finished.connect(_forget, dispatch_uid="madani.core.request_id.forget")
