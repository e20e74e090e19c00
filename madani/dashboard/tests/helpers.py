"""Helpers shared by the dashboard's tests."""

import datetime

from tests.factories import AttendanceFactory, ParticipationFactory, PersonFactory, SessionFactory


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
