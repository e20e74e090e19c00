"""Demo co-working space (seed 003: the Raqqa and Deir ez-Zor centers open their premises to local CSOs
for meetings and work, with internet access, printing and legal support). Each of the two centers has a
meeting room, a training hall, six internet desks, printing and legal support, booked by the branch's CSOs
every day: the last week (mostly used, each use a ``space_use`` activity of the ledger; a few no-shows
and cancellations) and the next two weeks (through ``booking_create`` and its rules).
Nothing is booked on the closed days (Fridays)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from madani.accounts.models import Role, User
from madani.branches.models import Branch
from madani.coworking import services
from madani.coworking.models import BookableResource, Booking, BookingStatus, ResourceKind
from madani.organizations.models import Kind, Organization
from madani.sampledata.demo.core import FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES

BRANCHES = ["raqqa", "deir-ez-zor"]
# kind, Arabic name, English name, capacity
RESOURCES = [
    (ResourceKind.MEETING_ROOM, "قاعة الاجتماعات", "Meeting room", 12),
    (ResourceKind.TRAINING_HALL, "قاعة التدريب", "Training hall", 30),
    *[(ResourceKind.INTERNET_DESK, f"مكتب إنترنت {n}", f"Internet desk {n}", 1) for n in range(1, 7)],
    (ResourceKind.PRINTING, "الطباعة", "Printing", 1),
    (ResourceKind.LEGAL_SUPPORT, "الدعم القانوني", "Legal support", 3),
]
# kind: (purposes, hours from, hours to, how often it is booked compared with the others)
USES = {
    ResourceKind.MEETING_ROOM: (["اجتماع مجلس الإدارة", "اجتماع الفريق التنفيذي", "لقاء مع المجلس المحلي",
                                 "اجتماع تنسيقي مع منظمات الحي"], 1, 3, 5),
    ResourceKind.TRAINING_HALL: (["تدريب المتطوعين", "ورشة تخطيط للمشروع", "جلسة توعية للمستفيدين"], 2, 4, 2),
    ResourceKind.INTERNET_DESK: (["إعداد تقرير المشروع", "البحث عن فرص تمويل", "كتابة مقترح مشروع",
                                  "تواصل مع الجهة المانحة"], 1, 3, 1),
    ResourceKind.PRINTING: (["طباعة استمارات المسح", "طباعة مواد التدريب", "طباعة بروشورات التوعية"], 1, 1, 2),
    ResourceKind.LEGAL_SUPPORT: (["استشارة قانونية حول الترخيص", "مراجعة النظام الداخلي", "صياغة عقود المتطوعين"],
                                 1, 2, 2),
}
# One booking a day in each center over the last week (so at most twelve uses join the ledger's year),
# one to three a day over the next two weeks.
DAYS_BACK, DAYS_AHEAD = 7, 14


def _booking(rng, resources, organizations, day):
    resource = rng.choices(resources, weights=[USES[r.kind][3] for r in resources])[0]
    purposes, hours_from, hours_to, _weight = USES[resource.kind]
    opens, closes = services.opening_hours()
    hours = rng.randint(hours_from, hours_to)
    hour = rng.randint(opens.hour, closes.hour - hours)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return resource, {
        "organization": rng.choice(organizations), "purpose": rng.choice(purposes),
        "contact_name": f"{rng.choice(MALE_NAMES + FEMALE_NAMES)} {rng.choice(FAMILY_NAMES)}",
        "start": start, "end": start + datetime.timedelta(hours=hours),
    }


def load(rng):
    branches = Branch.objects.filter(code__in=BRANCHES).select_related("place")
    if not branches:
        return
    today, now = timezone.localdate(), timezone.now()
    for branch in branches:
        staff = User.objects.filter(role=Role.BRANCH_MANAGER, branches=branch).first()
        staff = staff or User.objects.filter(role=Role.ADMINISTRATOR).first()
        organizations = list(Organization.objects.filter(branch=branch, kind=Kind.CSO))
        resources = [services.resource_save(actor=staff, resource=BookableResource(), data={
            "branch": branch, "kind": kind, "name_ar": name_ar, "name_en": name_en, "capacity": capacity})
            for kind, name_ar, name_en, capacity in RESOURCES]
        for offset in range(-DAYS_BACK, DAYS_AHEAD + 1):
            day = today + datetime.timedelta(days=offset)
            if services.is_closed(day):
                continue
            if offset < 0:
                resource, data = _booking(rng, resources, organizations, day)
                _past(rng, staff, Booking(resource=resource, booked_by=staff, **data))
                continue
            for _ in range(rng.randint(1, 3)):
                resource, data = _booking(rng, resources, organizations, day)
                if data["start"] > now:
                    try:
                        services.booking_create(actor=staff, resource=resource, data=data)
                    except ValidationError:  # the slot is taken: the rules hold in the demo too
                        pass


def _past(rng, staff, booking):
    """A booking whose time has come: mostly used (counted in the ledger), sometimes not. ``booking_create``
    and ``booking_cancel`` refuse a slot in the past, so the booking and its cancellation are written
    directly; its use and no-show go through their services."""
    roll = rng.random()
    booking.save()
    if roll < 0.82:
        services.booking_mark_used(actor=staff, booking=booking)
    elif roll < 0.92:
        services.booking_mark_no_show(actor=staff, booking=booking)
    else:
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])
