"""Importing participants and attendance from a sheet (issue 3, "Attendance import")."""

import datetime
import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext, ngettext

from conftest import client_for
from madani.activities.models import Attendance, ImportMapping, Participation, Session
from madani.people.models import Person
from tests.factories import OrganizationFactory, PersonFactory, place
from tests.workbooks import xlsx_bytes


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, activity):
    return reverse(f"activities:{name}", args=[activity.pk])


def _filled_template(client, activity, rows) -> SimpleUploadedFile:
    """Download the activity's Excel template and fill it in, as a trainer would."""
    response = client.get(_url("import_template_xlsx", activity))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("attendance.xlsx", output.getvalue())


def _csv(text: str, name="export.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def _upload(client, activity, upload):
    return client.post(_url("import_start", activity), {"sheet": upload})


def _commit(client, activity):
    return client.post(_url("import_preview", activity), {"commit": "1"})


# The template's columns: name, gender, birth year, place, phone, organization, then 2026-03-01..03.
THREE_ROWS = [
    ["سارة محمود", "أنثى", 1995, "SY110100", "0944111222", "منظمة توتول", "x", "x", ""],
    ["خالد حسن", "ذكر", "١٩٨٨", "مركز الرقة", "", "Tutul", "1", "", "✓"],
    ["Lina Haddad", "F", 2001, "Ar-Raqqa", "", "", "", "", ""],
]


def test_the_filled_in_template_imports_three_participants_and_their_attendance(client_a, activity_a):
    upload = _filled_template(client_a, activity_a, THREE_ROWS)
    response = _upload(client_a, activity_a, upload)
    assert response.status_code == 302 and response["Location"] == _url("import_preview", activity_a)

    preview = client_a.get(response["Location"])
    assert preview.status_code == 200
    assert preview.context["plan"].errors == 0
    assert preview.context["plan"].new_people == 3

    response = _commit(client_a, activity_a)
    assert response.status_code == 302 and response["Location"] == _url("detail", activity_a)
    imported = Participation.objects.filter(activity=activity_a, source="import").select_related("person")
    assert sorted(p.person.full_name for p in imported) == ["Lina Haddad", "خالد حسن", "سارة محمود"]
    sara = Person.objects.get(full_name="سارة محمود")
    assert (sara.gender, sara.birth_year, sara.home_place.pcode, sara.branch) == ("female", 1995, "SY110100",
                                                                                 activity_a.branch)
    assert Participation.objects.get(person=sara).organization.name_en == "Tutul"
    days = lambda person: sorted(a.session.date.day for a in Attendance.objects.filter(person=person))  # noqa: E731
    assert days(sara) == [1, 2]
    assert days(Person.objects.get(full_name="خالد حسن")) == [1, 3]
    assert days(Person.objects.get(full_name="Lina Haddad")) == []
    assert not ImportMapping.objects.exists()  # the template needs no mapping


def test_the_template_has_one_column_per_session_and_bilingual_instructions(client_a, activity_a):
    response = client_a.get(_url("import_template_xlsx", activity_a))
    assert response["Content-Disposition"].startswith("attachment")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header[-3:] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    with translation.override("en"):
        assert gettext("Full name") in header[0]
    assert workbook.sheetnames == ["attendance", "instructions"]
    assert workbook["instructions"].max_column == 2  # Arabic and English side by side

    csv_template = b"".join(client_a.get(_url("import_template_csv", activity_a)).streaming_content).decode()
    assert csv_template.splitlines()[0].endswith("2026-03-01,2026-03-02,2026-03-03")


KOBO_HEADERS = "start;group_xyz/participant_name;group_xyz/الجنس;group_xyz/سنة_الميلاد;_submission_time;_id;_uuid"


def test_a_kobo_export_is_mapped_once_and_the_mapping_is_remembered(client_a, activity_a):
    export = "\n".join([
        KOBO_HEADERS,
        "2026-03-01;مها يوسف;انثى;1993;2026-03-01T10:22:33.000+03:00;11;a",
        "2026-03-02;مها يوسف;انثى;1993;2026-03-02T09:02:00.000+03:00;12;b",
        "2026-03-02;عمر سعيد;ذكر;1980;2026-03-02T09:05:00.000+03:00;13;c",
    ])
    response = _upload(client_a, activity_a, _csv(export))
    assert response["Location"] == _url("import_columns", activity_a)
    form = client_a.get(response["Location"]).context["form"]
    guessed = {strip_tags(form.fields[name].label): form.fields[name].initial for name, _key in form.columns}
    assert guessed["group_xyz/participant_name"] == "full_name"  # guessed from the last part of the header
    assert guessed["group_xyz/الجنس"] == "gender"
    choices = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
    response = client_a.post(_url("import_columns", activity_a), {
        choices["group_xyz/participant_name"]: "full_name",
        choices["group_xyz/الجنس"]: "gender",
        choices["group_xyz/سنة_الميلاد"]: "birth_year",
        choices["_submission_time"]: "session_date",
    })
    assert response["Location"] == _url("import_preview", activity_a)
    plan = client_a.get(response["Location"]).context["plan"]
    assert (plan.errors, plan.new_people, plan.merged_rows, plan.attendance_marks) == (0, 2, 1, 3)
    _commit(client_a, activity_a)
    maha = Person.objects.get(full_name="مها يوسف")
    assert sorted(a.session.date.day for a in maha.attendance.all()) == [1, 2]

    # The next export of the same form (columns in another order) goes straight to the preview…
    again = ";".join(reversed(KOBO_HEADERS.split(";"))) + "\nd;99;2026-03-03T08:00:00;1980;ذكر;عمر سعيد;2026-03-03"
    response = _upload(client_a, activity_a, _csv(again))
    assert response["Location"] == _url("import_preview", activity_a)
    assert client_a.get(response["Location"]).context["plan"].errors == 0
    # …and its columns page shows the remembered choices.
    form = client_a.get(_url("import_columns", activity_a)).context["form"]
    remembered = {strip_tags(form.fields[name].label): form.fields[name].initial for name, _key in form.columns}
    assert remembered["_submission_time"] == "session_date" and remembered["_id"] == ""
    assert ImportMapping.objects.count() == 1


def test_the_mapping_must_name_the_full_name_and_gender_columns(client_a, activity_a):
    _upload(client_a, activity_a, _csv(KOBO_HEADERS + "\n1;مها;انثى;1993;2026-03-01;1;a"))
    response = client_a.post(_url("import_columns", activity_a), {})
    assert response.status_code == 200
    assert not response.context["form"].is_valid()
    assert not ImportMapping.objects.exists()


@pytest.fixture
def problem_sheet(client_a, activity_a, person_a):
    """One row of each kind of problem, and two notes."""
    OrganizationFactory(branch=activity_a.branch, name_ar="جمعية الأمل", name_en="Hope")
    header = "الاسم الكامل,الجنس,سنة الميلاد,مكان الإقامة,المنظمة,2026-03-01,2026-03-10"
    rows = [
        "منى خليل,أنثى,1990,مكان لا يوجد,,x,",  # unknown place
        "رامي ناصر,ذكر,1890,SY110100,,x,",  # impossible birth year
        "هبة علي,غير معروف,1990,SY110100,,x,",  # gender not understood
        "وليد سمير,ذكر,1985,SY110100,,,x",  # date outside the activity
        "نور الهدى,أنثى,1999,SY110100,منظمة مجهولة,x,",  # unknown organization (warning)
        "احمد علي الخلف,ذكر,1990,SY110100,,x,",  # person A of the registry (note)
        "نور  الهدى,انثى,1999,SY110100,جمعية الأمل,x,",  # same person as the row above it (merged)
    ]
    return _csv("\n".join([header, *rows]))


def _problem_messages():
    last = datetime.date.today().year - 10
    return [
        gettext("Unknown place “%(value)s”: write its P-code or its name as in the gazetteer.")
        % {"value": "مكان لا يوجد"},
        gettext("The birth year “%(value)s” is impossible: it must be between %(first)s and %(last)s.")
        % {"value": "1890", "first": 1920, "last": last},
        gettext("The gender “%(value)s” is not understood: write male or female.") % {"value": "غير معروف"},
        gettext("The date %(date)s is outside the activity (%(start)s to %(end)s).")
        % {"date": "2026-03-10", "start": "2026-03-01", "end": "2026-03-03"},
        gettext("Unknown organization “%(value)s”: the person is enrolled without one; add the organization to the "
                "registry first if it matters.") % {"value": "منظمة مجهولة"},
    ]


def test_every_problem_is_listed_in_the_preview_in_the_users_language(client_a, activity_a, person_a, problem_sheet):
    _upload(client_a, activity_a, problem_sheet)
    response = client_a.get(_url("import_preview", activity_a))
    body = response.content.decode()
    for message in _problem_messages():
        assert escape(message) in body, message
    assert escape(gettext("Already enrolled: existing person #%(id)s.") % {"id": person_a.pk}) in body
    assert escape(gettext("Same person as row %(row)s: the two rows are merged.") % {"row": 6}) in body
    plan = response.context["plan"]
    assert plan.errors == 4 and plan.warnings == 1

    english_url = "/en" + _url("import_preview", activity_a)
    with translation.override("en"):
        english = client_a.get(english_url).content.decode()
        for message in _problem_messages():
            assert escape(message) in english, message


def test_a_sheet_with_one_bad_row_imports_nothing(client_a, activity_a, problem_sheet):
    people, attendance = Person.objects.count(), Attendance.objects.count()
    _upload(client_a, activity_a, problem_sheet)
    response = _commit(client_a, activity_a)
    assert response.status_code == 200
    refused = ngettext("%(count)s row has problems; nothing was imported.",
                       "%(count)s rows have problems; nothing was imported.", 4) % {"count": 4}
    assert escape(refused) in response.content.decode()
    assert (Person.objects.count(), Attendance.objects.count()) == (people, attendance)
    assert Participation.objects.filter(activity=activity_a).count() == 1
    assert not Session.objects.filter(date=datetime.date(2026, 3, 10)).exists()


def test_importing_the_same_sheet_twice_creates_no_duplicates(client_a, activity_a):
    # One sheet (the template comes filled with the people already enrolled: person A), imported twice.
    sheet = _filled_template(client_a, activity_a, THREE_ROWS).read()
    again = lambda: SimpleUploadedFile("attendance.xlsx", sheet)  # noqa: E731
    for _time in range(2):
        _upload(client_a, activity_a, again())
        assert _commit(client_a, activity_a).status_code == 302
    assert Person.objects.filter(full_name__in=["سارة محمود", "خالد حسن", "Lina Haddad"]).count() == 3
    assert Participation.objects.filter(activity=activity_a).count() == 4
    assert Attendance.objects.filter(session__activity=activity_a, source="import").count() == 4
    # The second preview said so.
    _upload(client_a, activity_a, again())
    plan = client_a.get(_url("import_preview", activity_a)).context["plan"]
    assert (plan.new_people, plan.existing_people) == (0, 4)


def test_a_walk_in_already_in_the_registry_is_linked_not_duplicated(client_a, activity_a, branch_a):
    walk_in = PersonFactory(branch=branch_a, full_name="فاطمة الزهراء أحمد", birth_year=1992,
                            home_place=place("SY110100"))
    sheet = _csv("الاسم الكامل,الجنس,سنة الميلاد,مكان الإقامة,2026-03-02\n"
                 "فاطمه الزهراء احمد,أنثى,1992,SY110100,x")  # typed without hamza, ة as ه
    _upload(client_a, activity_a, sheet)
    body = client_a.get(_url("import_preview", activity_a)).content.decode()
    assert escape(gettext("Existing person #%(id)s: this row will be linked to them.") % {"id": walk_in.pk}) in body
    _commit(client_a, activity_a)
    assert Person.objects.filter(name_key=walk_in.name_key).count() == 1
    assert Participation.objects.get(activity=activity_a, person=walk_in).source == "import"
    assert walk_in.attendance.get().session.date == datetime.date(2026, 3, 2)


def test_other_branch_staff_get_404_on_the_import_pages(client_a, client_b, activity_a):
    _upload(client_a, activity_a, _filled_template(client_a, activity_a, THREE_ROWS))
    for name in ("import_start", "import_template_xlsx", "import_template_csv", "import_columns", "import_preview"):
        assert client_b.get(_url(name, activity_a)).status_code == 404, name
    assert _upload(client_b, activity_a, _csv("الاسم الكامل,الجنس\nس,ذكر")).status_code == 404
    assert _commit(client_b, activity_a).status_code == 404
    assert Participation.objects.filter(activity=activity_a).count() == 1


def test_a_trainer_imports_into_their_own_activity_and_a_cso_member_cannot(activity_a, trainer_a, cso_member):
    trainer = client_for(trainer_a)
    _upload(trainer, activity_a, _filled_template(trainer, activity_a, THREE_ROWS[:1]))
    assert _commit(trainer, activity_a).status_code == 302
    assert Participation.objects.filter(activity=activity_a).count() == 2
    assert client_for(cso_member).get(_url("import_start", activity_a)).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.pdf", b"%PDF-1.4", "Upload an Excel (.xlsx) or CSV (.csv) file."),
        ("sheet.xlsx", b"name,gender\n", "The file is not an Excel workbook (.xlsx)."),
        ("sheet.csv", b"PK\x03\x04\x00\x00binary", "The file is not a CSV text file."),
        ("sheet.csv", "الاسم الكامل,الجنس\n".encode(), "The sheet has no rows under its header row."),
    ],
)
def test_a_file_that_is_not_a_sheet_is_refused_with_a_clear_error(client_a, activity_a, name, content, message):
    response = _upload(client_a, activity_a, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert escape(gettext(message)) in response.content.decode()


def test_a_too_large_file_is_refused(client_a, activity_a, monkeypatch):
    monkeypatch.setattr("madani.activities.imports.MAX_UPLOAD_BYTES", 10)
    response = _upload(client_a, activity_a, _csv("الاسم الكامل,الجنس\nسامي,ذكر"))
    message = gettext("The file is too large (at most %(megabytes)s MB).") % {"megabytes": 0}
    assert escape(message) in response.content.decode()


def test_cancel_forgets_the_uploaded_sheet(client_a, activity_a, tmp_path):
    _upload(client_a, activity_a, _filled_template(client_a, activity_a, THREE_ROWS))
    assert list((tmp_path / "imports").iterdir())
    response = client_a.post(_url("import_preview", activity_a), {"cancel": "1"})
    assert response["Location"] == _url("detail", activity_a)
    assert not list((tmp_path / "imports").iterdir())
    assert client_a.get(_url("import_preview", activity_a)).context["nothing_pending"]


def test_the_activity_page_links_to_the_import(client_a, activity_a):
    assert _url("import_start", activity_a) in client_a.get(_url("detail", activity_a)).content.decode()


def _huge_attendance_sheet(rows=200_000) -> bytes:
    header = ["الاسم الكامل", "الجنس"]
    return xlsx_bytes({"attendance": [header] + [[f"مشارك {i}", "ذكر"] for i in range(rows)]})


def test_a_200000_row_sheet_is_refused_at_once_naming_the_sheet_and_nothing_is_kept(client_a, activity_a, tmp_path):
    upload = SimpleUploadedFile("kobo.xlsx", _huge_attendance_sheet())
    people = Person.objects.count()
    started = time.monotonic()
    response = _upload(client_a, activity_a, upload)
    assert time.monotonic() - started < 5
    message = gettext("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.") % {
        "sheet": "attendance", "limit": 20000}
    assert escape(message) in response.content.decode()
    assert not (tmp_path / "imports").exists() or not list((tmp_path / "imports").iterdir())
    assert Person.objects.count() == people


def test_a_sheet_that_unpacks_to_too_much_is_refused(client_a, activity_a, settings):
    settings.MADANI_XLSX_MAX_UNPACKED_MB = 1
    bomb = xlsx_bytes({"attendance": [["الاسم الكامل", "الجنس"], ["سامي", "ذكر"]]},
                      extra={"xl/sharedStrings.xml": b" " * (2 * 1024 * 1024)})
    response = _upload(client_a, activity_a, SimpleUploadedFile("bomb.xlsx", bomb))
    message = gettext("The workbook unpacks to more than %(megabytes)s MB, the most this upload accepts.") % {
        "megabytes": 1}
    assert escape(message) in response.content.decode()
