import datetime

import pytest
from django.utils import timezone

from tests.factories import BookableResourceFactory, BookingFactory, ProgramFactory


def slot(days=1, hour=10, hours=1):
    """A slot ``days`` from today at ``hour`` local time (negative days: in the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return start, start + datetime.timedelta(hours=hours)


def slot_form(days=1, hour=10, hours=1, **extra):
    start, end = slot(days, hour, hours)
    return {"date": f"{timezone.localtime(start):%Y-%m-%d}", "start_time": f"{timezone.localtime(start):%H:%M}",
            "end_time": f"{timezone.localtime(end):%H:%M}", **extra}


@pytest.fixture(autouse=True)
def _open_every_day(settings):
    """Slots are counted from today: whatever today is, they must not fall on a closed day. The tests of
    closed days close one again."""
    settings.COWORKING_CLOSED_DAYS = []


@pytest.fixture
def meeting_room(branch_a):
    return BookableResourceFactory(branch=branch_a, kind="meeting_room", name_ar="قاعة الاجتماعات",
                                   name_en="Meeting room", capacity=12)


@pytest.fixture
def program(branch_a):
    program = ProgramFactory(code="coworking", name_ar="مساحة العمل المشتركة", name_en="Co-working space",
                             start_date=datetime.date(2020, 1, 1), end_date=None)
    program.branches.set([branch_a])
    return program


@pytest.fixture
def past_booking(meeting_room, organization_a, staff_a):
    """Organization A's meeting yesterday, 10:00–12:00 (entered before it happened)."""
    start, end = slot(days=-1, hour=10, hours=2)
    return BookingFactory(resource=meeting_room, organization=organization_a, booked_by=staff_a,
                          start=start, end=end, purpose="اجتماع مجلس الإدارة")
