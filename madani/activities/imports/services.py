"""The import's one write: every row enrolled and its attendance recorded, all or nothing."""

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from madani.core.ledger import ledger_write
from madani.people.models import Person

from ..models import Activity, Attendance, Participation, Session, Source
from .rows import plan_import

BATCH = 1000


@ledger_write
def attendance_import(*, actor, activity: Activity, rows: list[dict]) -> dict:
    """Enrol the people of ``rows`` (from ``map_rows``) in ``activity`` and record their attendance,
    all or nothing. Rows are checked again here: any row with an error and nothing is written.
    Idempotent: people are matched to the registry, participations and attendance that exist are kept,
    so the same sheet imported twice changes nothing the second time."""
    plan = plan_import(actor=actor, activity=activity, rows=rows)
    if plan.errors:
        raise ValidationError(
            ngettext("%(count)s row has problems; nothing was imported.",
                     "%(count)s rows have problems; nothing was imported.", plan.errors) % {"count": plan.errors}
        )
    people = plan.people

    sessions = dict(plan.sessions)
    if plan.new_dates:
        facilitator = activity.facilitators.first()
        created = Session.objects.bulk_create(
            [Session(activity=activity, date=day, place=activity.place, facilitator=facilitator)
             for day in sorted(plan.new_dates)]
        )
        if created and created[0].pk is None:  # a database that does not return keys
            created = activity.sessions.filter(date__in=plan.new_dates)
        sessions.update({s.date: s.pk for s in created})

    new = [row for row in people if row.person_id is None]
    created_people = bulk_create_with_history(
        [Person(full_name=row.full_name, gender=row.gender, birth_year=row.birth_year, home_place_id=row.place_id,
                phone=row.phone, branch_id=activity.branch_id) for row in new],
        Person, batch_size=BATCH, default_user=actor,
    )
    for row, person in zip(new, created_people, strict=True):
        row.person_id = person.pk

    current = {person_id: (pk, organization_id) for pk, person_id, organization_id
               in activity.participations.order_by().values_list("pk", "person_id", "organization_id")}
    to_create, to_fill = [], []
    for row in people:
        if row.person_id not in current:
            to_create.append(Participation(activity=activity, person_id=row.person_id, organization=row.organization,
                                           source=Source.IMPORT))
        elif current[row.person_id][1] is None and row.organization is not None:
            to_fill.append((current[row.person_id][0], row.organization))
    bulk_create_with_history(to_create, Participation, batch_size=BATCH, default_user=actor)
    if to_fill:  # enrolled without an organization: the sheet's fills it in (as participation_add does)
        organizations = dict(to_fill)
        filled = list(Participation.objects.filter(pk__in=organizations))
        for participation in filled:
            participation.organization = organizations[participation.pk]
        bulk_update_with_history(filled, Participation, ["organization"], batch_size=BATCH, default_user=actor)

    present = set(
        Attendance.objects.filter(session__activity=activity).values_list("session_id", "person_id")
    )
    attendance = []
    for row in people:
        for day in row.dates:
            pair = (sessions[day], row.person_id)
            if pair not in present:
                present.add(pair)
                attendance.append(Attendance(session_id=pair[0], person_id=pair[1], source=Source.IMPORT))
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    return {
        "rows": len(plan.rows),
        "people_created": len(new),
        "people_linked": len(people) - len(new),
        "participations_created": len(to_create),
        "attendance_created": len(attendance),
        "sessions_created": len(plan.new_dates),
    }
