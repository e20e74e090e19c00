"""Helpers shared by the dashboard's tests."""

import datetime

from conftest import make_branch_a, make_branch_b
from madani.activities.models import Kind
from madani.dashboard import cube
from tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ParticipationFactory,
    PersonFactory,
    ProgramFactory,
    SessionFactory,
)


def record(activity, men=0, women=0, days=2, present_days=None, completed=False):
    """Sessions on each day of ``activity``; ``men`` and ``women`` enrolled and present at the first
    ``present_days`` sessions (all by default)."""
    sessions = [SessionFactory(activity=activity, date=activity.start_date + datetime.timedelta(days=d))
                for d in range(days)]
    people = [PersonFactory(branch=activity.branch, gender="male") for _ in range(men)]
    people += [PersonFactory(branch=activity.branch, gender="female") for _ in range(women)]
    for person in people:
        ParticipationFactory(activity=activity, person=person, completed=completed)
        for session in sessions[:present_days or days]:
            AttendanceFactory(session=session, person=person)
    return people


def two_branch_ledger():
    """Two branches, two programs, two years, several kinds; one person attends in both branches."""
    branch_a, branch_b = make_branch_a(), make_branch_b()
    program = ProgramFactory()
    other = ProgramFactory()
    training = ActivityFactory(branch=branch_a, program=program, start_date=datetime.date(2025, 2, 1),
                               end_date=datetime.date(2025, 2, 3))
    people = record(training, men=4, women=3, days=3, completed=True)
    workshop = ActivityFactory(branch=branch_a, program=other, kind=Kind.WORKSHOP, start_date=datetime.date(2025, 8, 4),
                               end_date=datetime.date(2025, 8, 4))
    record(workshop, men=1, women=2, days=1)
    support = ActivityFactory(branch=branch_b, program=program, kind=Kind.TECHNICAL_SUPPORT,
                              start_date=datetime.date(2026, 5, 10), end_date=datetime.date(2026, 5, 10))
    record(support, men=2, women=5, days=1)
    session = support.sessions.get()
    ParticipationFactory(activity=support, person=people[0])  # the same man, in branch B too
    AttendanceFactory(session=session, person=people[0])
    ActivityFactory(branch=branch_b, program=other, kind=Kind.NETWORKING, start_date=datetime.date(2026, 6, 1),
                    end_date=datetime.date(2026, 6, 1), status="planned")  # planned: no one attended yet
    cube.rebuild()
    return {"program": program.pk, "other": other.pk, "branch_a": branch_a.pk, "branch_b": branch_b.pk}
