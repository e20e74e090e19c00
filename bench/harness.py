"""Shared benchmark helpers: serve the Django WSGI application over real HTTP, and time GET requests."""

import http.client
import socket
import threading
import time
import warnings
from contextlib import contextmanager

from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from bench import BenchmarkError


class QuietRequestHandler(WSGIRequestHandler):
    def setup(self):
        super().setup()
        # Headers and body are separate writes: without this, Nagle + delayed ACK add ~40 ms per response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve():
    """Serve Django with its threaded HTTP/1.1 (keep-alive) server on 127.0.0.1 at an ephemeral port.

    Yields the port. Use inside the settings the requests should see (they are read per request)."""
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietRequestHandler, allow_reuse_address=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: collectstatic not run
        server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def requests_per_second(port, path, *, check, headers=None, seconds=5.0, warmup=20) -> float:
    """GET `path` back to back over one keep-alive connection for about `seconds` (after `warmup`
    requests) and return the rate. Every response must be 200 and satisfy check(body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def get():
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise BenchmarkError(f"GET {path}: status {response.status}, expected 200")
        if not check(body):
            raise BenchmarkError(f"GET {path}: unexpected body {body[:200]!r}…")

    try:
        for _ in range(warmup):
            get()
        count, start = 0, time.perf_counter()
        while (now := time.perf_counter()) - start < seconds:
            get()
            count += 1
        return count / (now - start)
    finally:
        connection.close()


def sign_in_with_both_factors(client, user):
    """``client.force_login`` plus allauth's record that the second factor passed: without it the
    two-factor middleware signs out a user who has an authenticator (as it would a login that skipped it)."""
    import time as _time

    from allauth.account.internal.flows import login

    client.force_login(user)
    session = client.session
    session[login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[login.AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": _time.time()},
                                                   {"method": "mfa", "at": _time.time(), "type": "totp"}]
    session.save()
