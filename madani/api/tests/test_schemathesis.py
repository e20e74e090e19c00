"""The API against its own OpenAPI description, as an outside client would meet it: schemathesis
generates requests for every operation — valid ones and invalid ones — and runs all its checks on the
answers (no server error; status codes, headers, content types and bodies as documented; invalid input
refused; valid input not refused for no documented reason). Through WSGI against the live app, signed
in with an administrator's token; few examples per operation so it stays quick (``SCHEMATHESIS_EXAMPLES``
digs deeper). Schemathesis's pytest plugin does not run under pytest 9 yet, so the operations are driven
here with Hypothesis directly."""

import os

import pytest
import schemathesis
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config._checks import PositiveDataAcceptanceConfig

from madani.accounts.services import api_token_create

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))


def _app():
    django = get_wsgi_application()

    def app(environ, start_response):  # the test client sends no address; every API throttle needs one
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return django(environ, start_response)

    return app


# Writes may be refused with 400 for what the schema cannot say: ids that are not there (or not yours), a
# person already registered, dates outside the activity. Everything else must accept valid requests.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]  # 5xx: failed by not_a_server_error
ACCEPTED_FOR_WRITES = [*ACCEPTED, "400"]


def _exercise(schema, operation, mode, headers) -> list[str]:
    failures = []
    caches["default"].clear()  # the unauthenticated requests the checks send count against the anonymous rate
    accepted = ACCEPTED_FOR_WRITES if operation.method.upper() in ("POST", "PUT", "PATCH") else ACCEPTED
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(expected_statuses=accepted)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers=headers)

    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # every operation's failures are reported together
        failures.append(f"{operation.method.upper()} {operation.path} ({mode}): {error}")
    return failures


@pytest.fixture
def connection_kept_open():
    """The app is called through WSGI, not Django's test client: as the client does, keep request_started and
    request_finished from closing the database connection (on PostgreSQL it holds the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_answers_as_its_schema_says(connection_kept_open, administrator, person_a, activity_a):
    headers = {"Authorization": f"Token {api_token_create(actor=administrator, name='schemathesis')[1]}",
               "Accept-Language": "en"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", _app())
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _exercise(schema, operation, mode, headers)
    assert not failures, "\n\n".join(failures)
