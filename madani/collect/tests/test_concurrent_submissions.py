"""ODK Collect sends the same submission twice at once (a retry after a dropped answer): one row, the
other answered 202. Needs real concurrent transactions: PostgreSQL (run with your own database, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/madani_forms); SQLite serializes writers."""

import threading

import pytest
from django.db import connection

from madani.collect import services
from madani.collect.models import Submission
from tests.factories import BranchFactory, UserFactory

from .conftest import instance, make_survey, openrosa_client
from .test_openrosa import post

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="concurrent transactions need PostgreSQL; SQLite serializes writers")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_identical_submissions_at_once_make_one_row(attempt):
    branch = BranchFactory()
    staff = UserFactory(role="branch_manager", branches=[branch])
    survey = make_survey(branch)
    access = services.credential_create(actor=staff, name="هاتف")
    xml = instance(survey, instance_id=f"uuid:race-{attempt}")
    clients = [openrosa_client(access), openrosa_client(access)]
    barrier = threading.Barrier(len(clients))
    statuses, errors = [], []

    def send(client):
        try:
            barrier.wait(timeout=10)
            statuses.append(post(client, xml).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(statuses) == [201, 202]
    assert Submission.objects.filter(instance_id=f"uuid:race-{attempt}").count() == 1
