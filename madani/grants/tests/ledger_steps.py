"""Each grants ledger write on its own, for core/tests/test_ledger_events.py (``WRITE_PATHS``): the records
it needs are set up without other ledger writes (which would announce too), then the one write runs."""

import datetime
from decimal import Decimal

from madani.grants import services
from madani.grants.models import Application, ApplicationStatus, Award, GrantReport, ReportStatus
from madani.organizations.models import IncubationStage

from .conftest import lines


def _application(actor, activity, status=None):
    organization = activity.target_organizations.first()
    organization.incubation_stage = IncubationStage.INCUBATED
    organization.save()
    call = services.call_create(actor=actor, data={
        "code": "ledger", "title": "منحة", "title_ar": "منحة", "program": activity.program, "currency": "USD",
        "ceiling": Decimal(5000), "deadline": datetime.date.today() + datetime.timedelta(days=9)},
        criteria=[{"name": "الحاجة", "name_ar": "الحاجة", "weight": 1}], panel=[actor])
    services.call_move(actor=actor, call=call, status="open")
    application = services.application_create(actor=actor, call=call, organization=organization, data={
        "title": "مشروع", "need": "حاجة", "requested_amount": Decimal(1000)}, lines=lines(1000))
    if status:
        Application.objects.filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
    return application


def submitted_with_coach(actor, activity):
    application = _application(actor, activity)
    application.coach = activity.facilitators.first()
    application.save()
    return services.application_submit(actor=actor, application=application)


def decided(actor, activity):
    application = _application(actor, activity, status=ApplicationStatus.IN_REVIEW)
    return services.application_decide(actor=actor, application=application, award=True, reasons="حاجة")


def _award(actor, activity):
    application = _application(actor, activity, status=ApplicationStatus.AWARDED)
    return Award.objects.create(application=application, organization=application.organization,
                                branch=application.branch, amount=Decimal(1000), currency="USD",
                                awarded_on=datetime.date.today())


def activity_recorded(actor, activity):
    return services.award_record_activity(actor=actor, award=_award(actor, activity), data={
        "kind": "advocacy", "title_ar": "جلسة توعية", "start_date": activity.start_date,
        "end_date": activity.start_date, "status": "completed", "place": activity.place})


def closed(actor, activity):
    award = _award(actor, activity)
    GrantReport.objects.create(award=award, final=True, due_date=datetime.date.today(), status=ReportStatus.APPROVED,
                               narrative="تم")
    return services.award_close(actor=actor, award=award, refund=0, lessons="دروس")
