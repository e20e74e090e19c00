"""The import's reading, checking and writing, without the pages (madani/activities/imports/)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from madani.activities import services
from madani.activities.imports import automatic_mapping, map_rows, parse_date, plan_import, read_sheet
from madani.activities.models import Attendance, Participation, Session
from madani.people.models import Person
from tests.factories import ActivityFactory, place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", datetime.date(2026, 3, 1)),
        ("2026-03-01T10:22:33.000+03:00", datetime.date(2026, 3, 1)),
        ("2026-03-01 10:22:33", datetime.date(2026, 3, 1)),
        ("01/03/2026", datetime.date(2026, 3, 1)),
        ("٠١/٠٣/٢٠٢٦", datetime.date(2026, 3, 1)),
        ("2026-02-30", None),
        ("yesterday", None),
        (2026, None),
    ],
)
def test_dates_are_read_iso_or_day_first(text, expected):
    assert parse_date(text) == expected


def _rows(text, name="sheet.csv"):
    sheet = read_sheet(name, text.encode("utf-8"))
    mapping = automatic_mapping(sheet["headers"])
    assert mapping is not None
    return map_rows(sheet, mapping)


def test_a_place_name_shared_along_one_line_means_the_most_specific_place(staff_a, activity_a):
    plan = plan_import(actor=staff_a, activity=activity_a, rows=_rows(
        "name,gender,home place\nسامي,m,دمشق\nسامر,m,Damascus\nرنا,f,صوران\nعلا,f,sy020405"
    ))
    damascus, damascus_en, suran, by_pcode = plan.rows
    assert damascus.place.pcode == damascus_en.place.pcode == "SY010000"
    assert [p.kind for p in suran.problems] == ["place"] and "SY020405" in suran.problems[0].message
    assert by_pcode.place.pcode == "SY020405"


def test_gender_is_understood_in_arabic_and_english(staff_a, activity_a):
    plan = plan_import(actor=staff_a, activity=activity_a, rows=_rows(
        "name,gender\nا,ذكر\nب,أنثى\nج,انثى\nد,Male\nه,f\nو,M\nز,woman\nح,"
    ))
    assert [r.gender for r in plan.rows[:-1]] == ["male", "female", "female", "male", "female", "male", "female"]
    assert [p.kind for p in plan.rows[-1].problems] == ["gender"]


def test_a_semicolon_csv_saved_by_arabic_excel_is_read(staff_a, activity_a):
    sheet = read_sheet("kobo.csv", "الاسم;الجنس\nسلمى;أنثى\n".encode("cp1256"))
    assert sheet["headers"] == ["الاسم", "الجنس"] and sheet["rows"] == [[2, "سلمى", "أنثى"]]


def test_a_day_of_the_activity_without_a_session_gets_one(staff_a, branch_a, trainer_person_a):
    activity = ActivityFactory(branch=branch_a, place=place("SY110100"))
    activity.facilitators.add(trainer_person_a)
    rows = _rows("name,gender,2026-03-02\nسلمى,أنثى,x\nليلى,أنثى,x")
    result = services.attendance_import(actor=staff_a, activity=activity, rows=rows)
    session = Session.objects.get(activity=activity)
    assert (session.date, session.place.pcode, session.facilitator) == (datetime.date(2026, 3, 2), "SY110100",
                                                                         trainer_person_a)
    assert result["sessions_created"] == 1 and session.attendance.count() == 2


def test_an_enrolled_person_without_an_organization_gets_the_sheets(staff_a, activity_a, person_a, organization_a):
    Participation.objects.filter(person=person_a).update(organization=None)
    rows = _rows("name,gender,birth year,home place,organization\nأحمد علي الخلف,ذكر,1990,SY110100,Tutul")
    result = services.attendance_import(actor=staff_a, activity=activity_a, rows=rows)
    assert result["participations_created"] == 0
    participation = Participation.objects.get(person=person_a)
    assert participation.organization == organization_a
    assert participation.history.latest().history_user == staff_a


def test_the_service_refuses_rows_with_problems_and_writes_nothing(staff_a, activity_a):
    rows = _rows("name,gender,2026-03-01\nسلمى,أنثى,x\nليلى,?,x")
    with pytest.raises(ValidationError):
        services.attendance_import(actor=staff_a, activity=activity_a, rows=rows)
    assert not Person.objects.filter(full_name="سلمى").exists()
    assert Attendance.objects.count() == 1


def test_created_people_and_participations_have_history(staff_a, activity_a):
    services.attendance_import(actor=staff_a, activity=activity_a, rows=_rows("name,gender\nسلمى,أنثى"))
    person = Person.objects.get(full_name="سلمى")
    assert person.history.get().history_user == staff_a
    assert Participation.objects.get(person=person).history.get().history_user == staff_a


def test_a_template_with_older_bilingual_headers_is_still_recognized():
    headers = ["الاسم الرباعي / Full name", "Gender / الجنس", "2026-03-01"]
    assert automatic_mapping(headers) == {"الاسم الرباعي / full name": "full_name", "gender / الجنس": "gender"}
