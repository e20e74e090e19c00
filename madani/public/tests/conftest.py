import datetime

import pytest

from madani.activities.models import Kind, Status
from tests.factories import ActivityFactory, place

TODAY = datetime.date.today()


def planned(branch, *, days_ahead=10, **extra):
    start = TODAY + datetime.timedelta(days=days_ahead)
    values = {"kind": Kind.WORKSHOP, "status": Status.PLANNED, "open_for_registration": True,
              "start_date": start, "end_date": start + datetime.timedelta(days=2), "place": place("SY110100"),
              **extra}
    return ActivityFactory(branch=branch, **values)


@pytest.fixture
def open_training(branch_a):
    """A three-day workshop of branch A in ten days, open for registration until three days before."""
    return planned(branch_a, title_ar="ورشة كتابة المقترحات", title_en="Proposal-writing workshop",
                   title="ورشة كتابة المقترحات", registration_deadline=TODAY + datetime.timedelta(days=7))
