"""The seed reports' scenarios, recorded through the ledger's services as a user would record them.

Each scenario takes the records it happens among (branch, program, organizations, trainers) and a
function that makes a new person, so a test can build it with factories and the demo with its own
people.
"""

import datetime

from madani.activities import services
from madani.activities.models import Activity, Kind, Status

# Seed 000: where, who led, how many trainees (men, women), and which half of the platform's members.
SEED_000_WORKSHOPS = [
    ("SY090201", "هجين", 0, (10, 5), slice(0, 5)),
    ("SY090101", "الكسرة", 1, (5, 3), slice(5, None)),
]
SEED_000_DATES = (datetime.date(2021, 7, 20), datetime.date(2021, 7, 22))


def seed_000_workshops(*, actor, branch, program, phase, platform, members, trainers, topics, places,
                       new_person) -> list[Activity]:
    """Seed 000 (2021-07-23): two 3-day advocacy workshops of phase 3 of "Enhancing Participatory
    Democracy in NES", 20–22 July 2021, for the members of the NES NGO Platform: 15 trainees in Hajin
    (10 men, 5 women) led by ``trainers[0]``, 8 in Al-Kasra (5 men, 3 women) led by ``trainers[1]``,
    each representing one of the platform's ``members``. ``places`` maps P-codes to places;
    ``new_person(gender, place)`` makes a trainee. Returns the two activities (Hajin first)."""
    start, end = SEED_000_DATES
    workshops = []
    for pcode, town, trainer, (men, women), half in SEED_000_WORKSHOPS:
        represented = members[half] or [platform]
        title = f"ورشة تدريبية حول أساليب الحشد والمناصرة في {town}"
        activity = services.activity_create(actor=actor, session_per_day=True, data={
            "kind": Kind.WORKSHOP, "title": title, "title_ar": title, "title_en": "Advocacy workshop",
            "branch": branch, "program": program, "phase": phase, "place": places[pcode], "start_date": start,
            "end_date": end, "status": Status.COMPLETED, "topics": topics, "facilitators": [trainers[trainer]],
            "target_organizations": [platform, *represented],
        })
        trainees = []
        for index, gender in enumerate(["male"] * men + ["female"] * women):
            trainees.append(new_person(gender, activity.place))
            services.participation_add(actor=actor, activity=activity, person=trainees[-1],
                                       organization=represented[index % len(represented)], completed=True)
        for session in activity.sessions.all():  # every trainee present every day: the people it reached
            services.attendance_record(actor=actor, session=session, present_ids=[p.pk for p in trainees])
        workshops.append(activity)
    return workshops
