"""A session's attendance as a form (issue 13): ODK Collect or the offline web form, like any other form.

For each session a trainer may mark, Madani builds an XLSForm — the enrolled names as the choices of
"who is here?", and a repeat of walk-ins (name, gender, age, place) — and converts it with pyxform like an
uploaded one. Its form ID is ``madani-attendance-<session pk>``; its version changes when the enrolled list
does, so a device holding an older list is told to get the form again (409). A submission is recorded in
the activity ledger by ``activities.services``: the ticked people are the session's attendance (as the
attendance sheet saves it), and each walk-in goes through the registry's duplicate rule
(``Person.objects.likely_duplicates_of``, over the session's branch) before anyone is registered — the likely duplicate is marked
present rather than a second record made. Each instanceID is received once (202 for the same XML again,
409 for other XML).
"""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from madani.activities.models import Participation, Session
from madani.activities.permissions import can_mark_attendance
from madani.assessments.submissions import Refusal, _child, _local, meta, parse
from madani.assessments.workbooks import xlsform_bytes
from madani.assessments.xlsform import convert
from madani.people.models import Gender, Person

FORM_ID_PREFIX = "madani-attendance-"
AR, EN = "label::Arabic (ar)", "label::English (en)"
# Sessions a device lists: those of the last week and the next one (the sheet of a session to come is
# downloaded beforehand and filled offline on the day).
WINDOW_DAYS = 7


def sessions_for(user):
    """The sessions whose attendance ``user`` may take (trainers: the activities they facilitate)."""
    if not can_mark_attendance(user):
        return Session.objects.none()
    return Session.objects.visible_to(user).select_related("activity")


def listed_sessions(user):
    today = timezone.localdate()
    return sessions_for(user).filter(date__gte=today - datetime.timedelta(days=WINDOW_DAYS),
                                     date__lte=today + datetime.timedelta(days=WINDOW_DAYS)).order_by("date", "pk")


def _enrolled(session):
    return list(Participation.objects.filter(activity=session.activity).select_related("person")
                .order_by("person__full_name", "pk"))


def form_id(session) -> str:
    return f"{FORM_ID_PREFIX}{session.pk}"


def title(session) -> str:
    return _("Attendance: %(activity)s, %(date)s") % {"activity": session.activity, "date": session.date.isoformat()}


def version(session, enrolled=None) -> str:
    enrolled = _enrolled(session) if enrolled is None else enrolled
    names = "|".join(f"{p.person_id}:{p.person.full_name}" for p in enrolled)
    return hashlib.sha256(f"{session.pk}|{session.date}|{names}".encode()).hexdigest()[:12]


def xform(session) -> bytes:
    """The session's attendance XForm (pyxform's, from a generated XLSForm)."""
    enrolled = _enrolled(session)
    survey, choices = [], []
    with override("ar"):
        ar = {"who": _("Who is here?"), "walk_ins": _("Walk-ins (not enrolled)"), "name": _("Full name"),
              "gender": _("Gender"), "age": _("Age"), "place": _("Home place (town or village)"),
              "age_message": _("An age between 5 and 110.")}
        genders_ar = {g.value: str(g.label) for g in Gender}
    with override("en"):
        en = {"who": _("Who is here?"), "walk_ins": _("Walk-ins (not enrolled)"), "name": _("Full name"),
              "gender": _("Gender"), "age": _("Age"), "place": _("Home place (town or village)"),
              "age_message": _("An age between 5 and 110.")}
        genders_en = {g.value: str(g.label) for g in Gender}
    if enrolled:
        survey.append({"type": "select_multiple enrolled", "name": "present", AR: ar["who"], EN: en["who"],
                       "appearance": "minimal" if len(enrolled) > 60 else ""})
        choices += [{"list_name": "enrolled", "name": f"p{p.person_id}", AR: p.person.full_name,
                     EN: p.person.full_name} for p in enrolled]
    survey += [
        {"type": "begin repeat", "name": "walk_in", AR: ar["walk_ins"], EN: en["walk_ins"]},
        {"type": "text", "name": "full_name", AR: ar["name"], EN: en["name"], "required": "yes"},
        {"type": "select_one gender", "name": "gender", AR: ar["gender"], EN: en["gender"], "required": "yes"},
        {"type": "integer", "name": "age", AR: ar["age"], EN: en["age"], "constraint": ". >= 5 and . <= 110",
         "constraint_message::Arabic (ar)": ar["age_message"], "constraint_message::English (en)": en["age_message"]},
        {"type": "text", "name": "place", AR: ar["place"], EN: en["place"]},
        {"type": "end repeat"},
    ]
    choices += [{"list_name": "gender", "name": value, AR: genders_ar[value], EN: genders_en[value]}
                for value in genders_ar]
    settings = {"form_title": title(session), "form_id": form_id(session), "version": version(session, enrolled)}
    _workbook, _json, xml = convert(xlsform_bytes(survey, choices, settings), "attendance.xlsx")
    return xml.encode() if isinstance(xml, str) else xml


def _places(text: str) -> list:
    """The gazetteer's places named ``text`` (a name may be a district's, a sub-district's and a town's)."""
    from madani.places.models import Place

    text = " ".join((text or "").split())
    if not text:
        return []
    return list(Place.objects.filter(Q(name_ar=text) | Q(name_en=text) | Q(name=text)).order_by("pk")[:10])


def _walk_ins(root) -> list[dict]:
    found = []
    for element in root:
        if _local(element.tag) != "walk_in":
            continue
        values = {name: ("".join(node.itertext()).strip() if (node := _child(element, name)) is not None else "")
                  for name in ("full_name", "gender", "age", "place")}
        if not values["full_name"]:
            continue
        found.append(values)
    return found


def receive(*, user, credential=None, xml: bytes, root=None, info=None):
    """Record the attendance submission ``xml`` of a session ``user`` may mark: (201, new) or (202, the
    same XML received before); ``Refusal`` otherwise."""
    from madani.activities import services as ledger
    from madani.core.arabic import western_digits

    from .models import AttendanceSubmission

    if root is None:
        try:
            root = parse(xml)
        except ValidationError as error:
            raise Refusal(400, " ".join(error.messages)) from None
        info = meta(root)
    if not info["instanceID"]:
        raise Refusal(400, _("The submission has no meta/instanceID."))
    pk = info["id"][len(FORM_ID_PREFIX):]
    session = sessions_for(user).filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 12 else None
    if session is None:
        raise Refusal(404, _("No form “%(id)s” for this account.") % {"id": info["id"][:60]})
    present_node = _child(root, "present")
    ticked = {int(v[1:]) for v in ("".join(present_node.itertext()) if present_node is not None else "").split()
              if v.startswith("p") and v[1:].isdigit()}
    digest = hashlib.sha256(xml).hexdigest()
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = AttendanceSubmission.objects.select_for_update().filter(
                    instance_id=info["instanceID"]).first()
                if existing is not None:
                    if existing.xml_sha256 != digest or existing.session_id != session.pk:
                        raise Refusal(409, _("Another submission with this instanceID was already received."))
                    return 202, existing
                # (after the resend check: the walk-ins it enrolled changed the list, hence the version)
                if info["version"] != version(session):
                    raise Refusal(409, _("This version of the form is no longer served: get the blank form again."))
                try:
                    ledger.attendance_record(actor=user, session=session, present_ids=ticked)
                    walk_ins = []
                    for values in _walk_ins(root):
                        age = western_digits(values["age"])
                        birth_year = timezone.localdate().year - int(age) if age.isdigit() else None
                        gender = values["gender"] if values["gender"] in Gender.values else ""
                        # the registry of the session's branch, not only the people a trainer sees:
                        # a walk-in already registered there is marked present, not registered twice
                        branch_people = Person.objects.filter(branch=session.activity.branch)
                        places = _places(values["place"]) or [None]
                        place, duplicates = places[0], []
                        for candidate in places:
                            duplicates = list(branch_people.likely_duplicates_of(
                                full_name=values["full_name"], birth_year=birth_year,
                                home_place_id=candidate.pk if candidate else None).order_by("pk")[:1])
                            if duplicates:
                                place = candidate
                                break
                        person = duplicates[0] if duplicates else None
                        participation = ledger.attendance_walk_in(
                            actor=user, session=session, person=person,
                            person_data=None if person else {"full_name": values["full_name"][:200], "gender": gender,
                                                             "birth_year": birth_year, "home_place": place})
                        walk_ins.append({"name": values["full_name"][:200], "person": participation.person_id,
                                         "duplicate_of_existing": person is not None})
                except ValidationError as error:
                    raise Refusal(400, " ".join(error.messages)) from None
                submission = AttendanceSubmission.objects.create(
                    session=session, instance_id=info["instanceID"], xml=xml.decode("utf-8", "replace"),
                    xml_sha256=digest, walk_ins=walk_ins, submitted_by=user, credential=credential)
                return 201, submission
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")
