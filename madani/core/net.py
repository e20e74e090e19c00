from django.conf import settings
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str:
    """The client's address, the same for every rate limit (public forms, logins, API throttles): the
    header a trusted proxy in front sets (``RATELIMIT_IP_META_KEY``, e.g. ``HTTP_X_REAL_IP``), otherwise
    the connection's address. Headers a client can write itself (X-Forwarded-For) are never trusted:
    a client that could choose its address would get a fresh count with every request."""
    ip = (request.META.get(settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR") or "").strip()
    if not ip:
        raise PermissionDenied("Unable to determine the client's address.")
    return ip
