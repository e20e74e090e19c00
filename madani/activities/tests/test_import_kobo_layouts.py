"""Issue 12: KoboToolbox exports as Kobo writes them — the same label on two columns, a repeat group on
its own sheet, wide sheets, ``_submission_time`` — and importing the good rows while the bad ones are
downloaded with their reasons."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext

from madani.activities.imports import MAX_COLUMNS, SheetError, guess_mapping, read_sheet
from madani.activities.models import Attendance, Participation
from madani.people.models import Person
from tests.factories import ActivityFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, activity):
    return reverse(f"activities:{name}", args=[activity.pk])


def _csv(text: str, name="kobo.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def _xlsx(sheets: dict, name="kobo.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def _column(header, letter):
    """The mapping page's label of a column whose header another column shares (pages are in Arabic)."""
    with translation.override("ar"):
        return gettext("{header} (column {letter})").format(header=header, letter=letter)


COLUMN_C, COLUMN_D = _column("الاسم", "C"), _column("الاسم", "D")


def _upload(client, activity, upload):
    return client.post(_url("import_start", activity), {"sheet": upload})


# A Kobo "labels" export (CSV, semicolons) of a form where the enumerator's and the participant's name
# are both labelled «الاسم» (one in the group «معلومات الجامع», one in «المشارك», groups not in headers).
SAME_LABEL = "\n".join([
    "start;end;الاسم;الاسم;الجنس;سنة الميلاد;_id;_uuid;_submission_time;_validation_status;_index",
    "2026-03-01T09:00:00.000+03:00;2026-03-01T09:05:00.000+03:00;أحمد الجامع;هدى سالم;أنثى;1994;101;u1;2026-03-01T07:10:00;;1",
    "2026-03-01T09:06:00.000+03:00;2026-03-01T09:09:00.000+03:00;أحمد الجامع;كريم ناصر;ذكر;1989;102;u2;2026-03-01T07:12:00;;2",
    "2026-03-01T09:10:00.000+03:00;2026-03-01T09:12:00.000+03:00;أحمد الجامع;ليلى عمر;أنثى;2000;103;u3;2026-03-01T07:15:00;;3",
])


def test_two_columns_with_the_same_label_are_two_choices_and_neither_is_guessed(client_a, activity_a):
    response = _upload(client_a, activity_a, _csv(SAME_LABEL))
    assert response["Location"] == _url("import_columns", activity_a)
    page = client_a.get(response["Location"])
    form = page.context["form"]
    labels = {strip_tags(form.fields[name].label): form.fields[name].initial for name, _key in form.columns}
    assert labels[COLUMN_C] == "" and labels[COLUMN_D] == ""
    assert form.repeated == ["الاسم"]
    html = page.content.decode()
    assert "أحمد الجامع" in html and "هدى سالم" in html  # their values tell them apart


def test_mapping_both_same_label_columns_to_the_name_is_refused(client_a, activity_a):
    _upload(client_a, activity_a, _csv(SAME_LABEL))
    form = client_a.get(_url("import_columns", activity_a)).context["form"]
    choice = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
    response = client_a.post(_url("import_columns", activity_a), {
        choice[COLUMN_C]: "full_name", choice[COLUMN_D]: "full_name",
        choice["الجنس"]: "gender"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_participant_column_is_imported_one_person_per_row(client_a, activity_a):
    _upload(client_a, activity_a, _csv(SAME_LABEL))
    form = client_a.get(_url("import_columns", activity_a)).context["form"]
    choice = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
    response = client_a.post(_url("import_columns", activity_a), {
        choice[COLUMN_D]: "full_name", choice["الجنس"]: "gender", choice["سنة الميلاد"]: "birth_year"})
    assert response["Location"] == _url("import_preview", activity_a)
    plan = client_a.get(response["Location"]).context["plan"]
    assert (plan.errors, plan.new_people, plan.merged_rows) == (0, 3, 0)
    client_a.post(_url("import_preview", activity_a), {"commit": "1"})
    names = set(Participation.objects.filter(activity=activity_a, source="import").values_list("person__full_name",
                                                                                              flat=True))
    assert names == {"هدى سالم", "كريم ناصر", "ليلى عمر"}
    assert not Person.objects.filter(full_name="أحمد الجامع").exists()


def test_the_submission_time_is_not_guessed_as_the_session_date():
    guess = guess_mapping(["_submission_time", "submission time", "الاسم", "الجنس"])
    assert guess["_submission_time"] == "" and guess["submission time"] == ""


# A Kobo XLSX export of a form with a repeat group: the submissions on the first sheet (named after the
# form), one row per participant on the repeat group's sheet, linked by _parent_index.
MAIN_SHEET = [
    ["start", "end", "today", "اسم الجامع", "عدد المشاركين", "_id", "_uuid", "_submission_time",
     "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"],
    ["2026-03-02T09:00:00", "2026-03-02T09:30:00", "2026-03-02", "أحمد الجامع", 2, 201, "u-201",
     "2026-03-02T06:31:00", "", "", "submitted_via_web", "", "vAbc", "", 1],
]
REPEAT_SHEET = [
    ["الاسم", "الجنس", "سنة الميلاد", "_index", "_parent_table_name", "_parent_index", "_submission__id",
     "_submission__uuid", "_submission__submission_time", "_submission__validation_status"],
    ["سمر خليل", "أنثى", 1997, 1, "حضور ورشة", 1, 201, "u-201", "2026-03-02T06:31:00", ""],
    ["باسل يونس", "ذكر", 1990, 2, "حضور ورشة", 1, 201, "u-201", "2026-03-02T06:31:00", ""],
]


def test_the_user_chooses_the_repeat_group_sheet_of_a_kobo_workbook(client_a, activity_a):
    upload = _xlsx({"حضور ورشة": MAIN_SHEET, "participants": REPEAT_SHEET})
    response = _upload(client_a, activity_a, upload)
    assert response["Location"] == _url("import_columns", activity_a)
    page = client_a.get(response["Location"])
    assert page.context["sheets"] == ["حضور ورشة", "participants"]
    assert page.context["sheet_title"] == "حضور ورشة"

    response = client_a.post(_url("import_columns", activity_a), {"sheet": "participants"})
    form = client_a.get(response["Location"]).context["form"]
    guessed = {strip_tags(form.fields[name].label): form.fields[name].initial for name, _key in form.columns}
    assert (guessed["الاسم"], guessed["الجنس"], guessed["سنة الميلاد"]) == ("full_name", "gender", "birth_year")
    choice = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
    response = client_a.post(_url("import_columns", activity_a), {
        choice["الاسم"]: "full_name", choice["الجنس"]: "gender", choice["سنة الميلاد"]: "birth_year"})
    assert client_a.get(response["Location"]).context["plan"].new_people == 2
    client_a.post(_url("import_preview", activity_a), {"commit": "1"})
    assert Participation.objects.filter(activity=activity_a, person__full_name="باسل يونس").exists()


def test_a_sheet_that_is_not_in_the_workbook_is_refused(client_a, activity_a):
    _upload(client_a, activity_a, _xlsx({"حضور ورشة": MAIN_SHEET, "participants": REPEAT_SHEET}))
    response = client_a.post(_url("import_columns", activity_a), {"sheet": "<script>x</script>"}, follow=True)
    assert "<script>x</script>" not in response.content.decode()
    assert response.context["sheet_title"] == "حضور ورشة"


def test_a_sheet_wider_than_a_hundred_columns_is_read_whole():
    headers = [f"q{i}" for i in range(150)]
    headers[130] = "participant_name"
    row = [""] * 150
    row[130] = "نور"
    sheet = read_sheet("wide.csv", (",".join(headers) + "\n" + ",".join(row)).encode())
    assert len(sheet["headers"]) == 150
    assert sheet["rows"][0][131] == "نور"  # after the row number


def test_a_sheet_wider_than_the_bound_is_refused_with_the_reason_never_cut():
    headers = ",".join(f"q{i}" for i in range(MAX_COLUMNS + 5))
    with pytest.raises(SheetError) as error:
        read_sheet("too-wide.csv", (headers + "\n" + "x," * (MAX_COLUMNS + 4) + "x").encode())
    assert str(MAX_COLUMNS) in " ".join(error.value.messages)


def _template_csv(client, activity, rows):
    template = b"".join(client.get(_url("import_template_csv", activity)).streaming_content).decode("utf-8-sig")
    header = template.splitlines(keepends=True)[0]  # the template comes filled with the enrolled people
    text = io.StringIO()
    writer = csv.writer(text)
    for row in rows:
        writer.writerow(row)
    return _csv(header + text.getvalue(), name="attendance.csv")


def test_good_rows_are_imported_and_the_bad_ones_downloaded_with_their_reasons(client_a, activity_a):
    rows = [
        ["سارة محمود", "أنثى", 1995, "SY110100", "", "", "x", "", ""],
        ['=HYPERLINK("http://evil.example","click")', "?", 1990, "SY110100", "", "", "x", "", ""],
        ["خالد حسن", "ذكر", 1988, "مركز الرقة", "", "", "", "x", ""],
    ]
    response = _upload(client_a, activity_a, _template_csv(client_a, activity_a, rows))
    preview = client_a.get(response["Location"])
    assert preview.context["plan"].errors == 1 and preview.context["good_rows"] == 2

    download = client_a.get(_url("import_preview", activity_a), {"download": "problems", "format": "csv"})
    lines = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(lines) == 2  # the header and the one bad row
    assert lines[1][1].startswith("'=HYPERLINK")  # neutralized: never a formula
    assert lines[1][-1] == gettext("The gender “%(value)s” is not understood: write male or female.") % {"value": "?"}
    workbook = client_a.get(_url("import_preview", activity_a), {"download": "problems", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    assert sheet.cell(row=2, column=2).data_type == "s"

    response = client_a.post(_url("import_preview", activity_a), {"good_rows": "1"})
    assert response["Location"] == _url("import_preview", activity_a)  # the bad row waits to be downloaded
    imported = set(Participation.objects.filter(activity=activity_a, source="import")
                   .values_list("person__full_name", flat=True))
    assert imported == {"سارة محمود", "خالد حسن"}
    left = client_a.get(_url("import_preview", activity_a)).context["plan"]
    assert [row.number for row in left.rows] == [3]

    client_a.post(_url("import_preview", activity_a), {"good_rows": "1"})  # nothing good left: nothing happens
    assert Participation.objects.filter(activity=activity_a, source="import").count() == 2


# The same export with the session's date asked once per submission, on the main sheet.
MAIN_WITH_DATE = [MAIN_SHEET[0][:3] + ["تاريخ الجلسة"] + MAIN_SHEET[0][3:],
                  MAIN_SHEET[1][:3] + ["2026-03-02"] + MAIN_SHEET[1][3:]]


def test_the_submission_fields_are_joined_to_the_repeat_group_rows_by_parent_index(client_a, activity_a):
    upload = _xlsx({"حضور ورشة": MAIN_WITH_DATE, "participants": REPEAT_SHEET})
    _upload(client_a, activity_a, upload)
    response = client_a.post(_url("import_columns", activity_a), {"sheet": "participants"})
    form = client_a.get(response["Location"]).context["form"]
    guessed = {strip_tags(form.fields[name].label): form.fields[name].initial for name, _key in form.columns}
    assert guessed["حضور ورشة/تاريخ الجلسة"] == "session_date"  # the parent's field, guessed like the child's
    assert "حضور ورشة/_id" not in guessed  # Kobo's metadata stays out
    choice = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
    response = client_a.post(_url("import_columns", activity_a), {
        choice["الاسم"]: "full_name", choice["الجنس"]: "gender", choice["سنة الميلاد"]: "birth_year",
        choice["حضور ورشة/تاريخ الجلسة"]: "session_date"})
    plan = client_a.get(response["Location"]).context["plan"]
    assert plan.errors == 0 and plan.attendance_marks == 2
    client_a.post(_url("import_preview", activity_a), {"commit": "1"})
    attended = set(Person.objects.filter(attendance__session__activity=activity_a)
                   .values_list("full_name", "attendance__session__date"))
    assert attended >= {("سمر خليل", datetime.date(2026, 3, 2)), ("باسل يونس", datetime.date(2026, 3, 2))}


def test_a_repeat_row_whose_submission_is_missing_gets_no_parent_values():
    orphan = [*REPEAT_SHEET, ["رنا سعيد", "أنثى", 1999, 3, "حضور ورشة", 9, 209, "u-209", "", ""]]
    output = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.title = "حضور ورشة"
    for row in MAIN_WITH_DATE:
        workbook.active.append(row)
    child = workbook.create_sheet("participants")
    for row in orphan:
        child.append(row)
    workbook.save(output)
    sheet = read_sheet("kobo.xlsx", output.getvalue())
    table = next(t for t in sheet["sheets"] if t["title"] == "participants")
    column = table["headers"].index("حضور ورشة/تاريخ الجلسة") + 1
    assert [row[column] for row in table["rows"]] == ["2026-03-02", "2026-03-02", None]


def test_attendance_on_a_future_day_is_refused_with_the_reason_and_the_good_rows_still_import(client_a, branch_a):
    today = timezone.localdate()
    activity = ActivityFactory(branch=branch_a, start_date=today - datetime.timedelta(days=1),
                               end_date=today + datetime.timedelta(days=1), status="ongoing")
    yesterday, tomorrow = (today - datetime.timedelta(days=1)).isoformat(), (today + datetime.timedelta(days=1)).isoformat()
    text = "\n".join([f"الاسم,الجنس,سنة الميلاد,{yesterday},{tomorrow}",
                      "سارة محمود,أنثى,1995,x,", "خالد حسن,ذكر,1988,x,x"])
    response = _upload(client_a, activity, _csv(text))
    if response["Location"] == _url("import_columns", activity):
        form = client_a.get(response["Location"]).context["form"]
        choice = {strip_tags(form.fields[name].label): name for name, _key in form.columns}
        response = client_a.post(_url("import_columns", activity), {
            choice["الاسم"]: "full_name", choice["الجنس"]: "gender", choice["سنة الميلاد"]: "birth_year"})
    plan = client_a.get(response["Location"]).context["plan"]
    bad = [row for row in plan.rows if row.has_errors]
    assert [row.full_name for row in bad] == ["خالد حسن"]
    assert [p.kind for p in bad[0].problems] == ["future"]
    client_a.post(_url("import_preview", activity), {"commit": "1"})
    assert not Attendance.objects.filter(session__activity=activity).exists()  # all or nothing: refused
    client_a.post(_url("import_preview", activity), {"good_rows": "1"})
    assert set(Attendance.objects.filter(session__activity=activity)
               .values_list("person__full_name", "session__date")) == {("سارة محمود", today - datetime.timedelta(days=1))}
