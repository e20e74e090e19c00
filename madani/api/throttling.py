"""API throttles (DRF), counted in the shared cache, by the same client address as every other limit."""

from rest_framework import throttling

from madani.core.net import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous requests per client address (``DEFAULT_THROTTLE_RATES["anon"]``). DRF's own reads
    X-Forwarded-For, which any client may write."""

    def get_ident(self, request):
        return client_ip(request)


class UserRateThrottle(throttling.UserRateThrottle):
    """Signed-in requests per user (``DEFAULT_THROTTLE_RATES["user"]``)."""

    def get_ident(self, request):
        return client_ip(request)
