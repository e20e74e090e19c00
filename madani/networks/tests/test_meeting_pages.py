"""Meeting pages: schedule, attendance, decisions and minutes as staff record them."""

import datetime

import pytest
from django.urls import reverse

from conftest import client_for
from madani.networks.models import Meeting, MeetingStatus, Minutes
from tests.factories import ProgramFactory

from .conftest import representative

pytestmark = pytest.mark.django_db


@pytest.fixture
def program(branch_a):
    program = ProgramFactory(code="wasl-network")
    program.branches.set([branch_a])
    return program


def test_staff_run_a_meeting_from_the_pages(client_a, network_a, members_a, program):
    held = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    response = client_a.post(reverse("networks:meeting_add", args=[network_a.pk]), {
        "kind": "general_assembly", "title": "<img src=x onerror=alert(1)>", "date": held, "quorum_percent": 51,
        "program": program.pk})
    assert response.status_code == 302, response.context["form"].errors
    meeting = Meeting.objects.get()
    page = client_a.get(reverse("networks:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<img src=x" not in page

    choices = [f"{representative(m).pk}-{m.pk}" for m in members_a[:2]]
    assert client_a.post(reverse("networks:meeting_attendance", args=[meeting.pk]),
                         {"present": choices}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.present_count == 2

    decision_url = reverse("networks:decision_add", args=[meeting.pk])
    response = client_a.post(decision_url, {"text": "قرار", "votes_for": 2, "votes_against": 1, "votes_abstaining": 0})
    assert response.status_code == 200 and not meeting.decisions.exists()
    assert "only 2 member organizations" in str(response.context["form"].errors)
    assert client_a.post(decision_url, {"text": "قرار", "votes_for": 2, "votes_against": 0,
                                        "votes_abstaining": 0}).status_code == 302

    client_a.post(reverse("networks:minutes_edit", args=[meeting.pk]), {"text": "المحضر"})
    client_a.post(reverse("networks:minutes_circulate", args=[meeting.pk]))
    client_a.post(reverse("networks:minutes_approve", args=[meeting.pk]))
    client_a.post(reverse("networks:minutes_approve", args=[meeting.pk]))  # twice: nothing more happens
    client_a.post(reverse("networks:minutes_edit", args=[meeting.pk]), {"text": "المحضر المصحح"})
    assert list(Minutes.objects.values_list("version", "status", "text")) == [
        (2, "drafted", "المحضر المصحح"), (1, "approved", "المحضر")]


def test_the_network_editor_reads_meetings_but_does_not_record_them(editor_of_network_a, network_a, members_a,
                                                                    program, staff_a):
    from madani.networks import services

    meeting = services.meeting_schedule(actor=staff_a, network=network_a, program=program, data={
        "kind": "directors", "title": "الاجتماع التشاوري", "date": datetime.date.today()})
    client = client_for(editor_of_network_a)
    assert client.get(reverse("networks:meeting_detail", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("networks:meeting_add", args=[network_a.pk])).status_code == 403
    assert client.get(reverse("networks:meeting_attendance", args=[meeting.pk])).status_code == 403
