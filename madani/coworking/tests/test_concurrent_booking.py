"""Two people book the same slot at the same moment: one gets it, the other is told it is taken, and
there is never a double booking. Needs real concurrent transactions: PostgreSQL (the CI runs the suite
there too). On SQLite every write transaction is IMMEDIATE, so writers are serialized by the database
itself, and the test database is shared by one connection: nothing to race."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext

from conftest import client_for
from madani.coworking.models import Booking
from tests.factories import BookableResourceFactory, BranchFactory, OrganizationFactory, UserFactory

from .conftest import slot_form

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="concurrent transactions need PostgreSQL; SQLite serializes writers")


# serialized_rollback: the flush after each attempt leaves the content types for the next transactional
# test to restore (the donor report's worker test), instead of recreating them under new ids.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("attempt", range(5))
def test_two_people_booking_the_same_slot_at_once_never_get_a_double_booking(attempt):
    # Records of its own, no migration data: a transactional test empties the database when it ends.
    branch = BranchFactory()
    organization = OrganizationFactory(branch=branch)
    staff = UserFactory(role="branch_manager", branches=[branch])
    member = UserFactory(role="cso_member", organization=organization)
    room = BookableResourceFactory(branch=branch, kind="meeting_room", name_ar="قاعة الاجتماعات")
    url = reverse("coworking:book", args=[room.pk])
    data = slot_form(days=2, hour=9 + attempt, hours=2, organization=organization.pk)
    clients = [client_for(staff), client_for(member)]
    barrier = threading.Barrier(len(clients))
    responses, errors = [], []

    def book(client):
        try:
            barrier.wait(timeout=10)
            responses.append(client.post(url, data))
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=book, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert Booking.objects.filter(resource=room).count() == 1
    assert sorted(response.status_code for response in responses) == [200, 302]
    refused = next(response for response in responses if response.status_code == 200)
    message = " ".join(refused.context["form"].non_field_errors())
    assert gettext("Choose another slot.") in message
