"""The donor report as a donor receives it: built in the background from the ledger, its figures are
the indicator engine's, its Arabic sheets read right to left and its PDF prints the Arabic names."""

import datetime
import io
import logging

import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from madani.activities.models import Attendance
from madani.indicators.engine import Dimension, IndicatorQuery, Metric, compute
from madani.reports.donor import DonorReport
from tests.factories import (
    BaselineFactory,
    IndicatorFactory,
    OutcomeFactory,
    OutputFactory,
    ParticipationFactory,
    PersonFactory,
    TargetFactory,
)
from madani.reports.models import JobStatus, ReportJob, Step

from .conftest import PROGRAM_NAME_AR
from .helpers import YEAR, request_report



@pytest.fixture(autouse=True)
def _every_figure_shown(request, settings):
    """Most tests here are about the figures themselves: every figure is shown; the tests of small-cell
    suppression (marked ``suppressed``) keep the minimum cell size of 5."""
    settings.MADANI_MIN_CELL_SIZE = 5 if "suppression" in request.node.name else 1


@pytest.fixture
def built(staff_a, program_a, django_capture_on_commit_callbacks):
    """A donor report asked for by staff A and built at once (the immediate backend)."""
    def build(**options):
        with django_capture_on_commit_callbacks(execute=True):
            job = request_report(staff_a, program_a, **options)
        job.refresh_from_db()
        return job
    return build


def figure(program, metric, *by, period=YEAR):
    return compute(IndicatorQuery(metric=metric, programs=(program.pk,), date_from=period[0], date_to=period[1],
                                  by=by))


def sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_excel_report_has_right_to_left_arabic_sheets_whose_figures_are_the_engines(built, program_a):
    job = built(language="ar", format="xlsx")
    assert (job.status, job.progress, job.step, job.error) == (JobStatus.DONE, 100, Step.DONE, "")
    workbook = load_workbook(io.BytesIO(job.file.read()))
    assert all(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    with override("ar"):
        headline = dict(sheet_rows(workbook[gettext("Headline figures")])[1:])
        assert headline[gettext("People reached")] == figure(program_a, Metric.PEOPLE).total == 3
        for metric in [Metric.PARTICIPATIONS, Metric.PERSON_DAYS, Metric.SESSIONS, Metric.ACTIVITIES,
                       Metric.ORGANIZATIONS]:
            assert headline[str(Metric(metric).label)] == figure(program_a, metric).total, metric
        by_branch = sheet_rows(workbook[gettext("By governorate")])
        expected = figure(program_a, Metric.PEOPLE, Dimension.GOVERNORATE).rows
        assert [(row[0], row[1]) for row in by_branch[1:]] == [(r.keys[0].label, r.value) for r in expected]
        assert {row[0] for row in by_branch[1:]} == {"الرقة", "دير الزور"}
        ages = {row[0]: row[1:] for row in sheet_rows(workbook[gettext("People by gender and age")])}
        assert ages[gettext("All ages")][-1] == 3  # every gender
        assert ages["25–34"] == [0, 1, 1]  # women, men, all: the man born in 2000
        activities = sheet_rows(workbook[gettext("Activities")])
        assert [row[0] for row in activities[1:]] == ["تدريب المناصرة", "ورشة الحوار"]
        assert activities[2][2] == datetime.datetime(2026, 5, 10)  # a typed date
        assert activities[2][-2:] == [2, 1]  # participants, women
        cover = dict(sheet_rows(workbook[gettext("Cover")])[1:])
        assert cover[gettext("Program")] == PROGRAM_NAME_AR
        assert cover[gettext("Donor")] == "المانح"


def test_an_english_report_reads_left_to_right_in_english(built, program_a):
    job = built(language="en", format="xlsx")
    workbook = load_workbook(io.BytesIO(job.file.read()))
    assert not any(sheet.sheet_view.rightToLeft for sheet in workbook.worksheets)
    with override("en"):
        cover = dict(sheet_rows(workbook[gettext("Cover")])[1:])
        assert cover[gettext("Program")] == "Enhancing participatory democracy"


def test_the_report_counts_only_the_period(built, program_a):
    job = built(period=(datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)))
    workbook = load_workbook(io.BytesIO(job.file.read()))
    with override("ar"):
        headline = dict(sheet_rows(workbook[gettext("Headline figures")])[1:])
        activities = sheet_rows(workbook[gettext("Activities")])
    assert headline[gettext("People reached")] == 2
    assert [row[0] for row in activities[1:]] == ["ورشة الحوار"]


def test_text_that_looks_like_a_formula_stays_text(built, program_a, activity_a):
    activity_a.title_ar = "=HYPERLINK(\"http://evil\")"
    activity_a.save()
    workbook = load_workbook(io.BytesIO(built().file.read()))
    with override("ar"):
        cells = [row[0] for row in workbook[gettext("Activities")].iter_rows()]
    assert ("=HYPERLINK(\"http://evil\")", "s") in [(cell.value, cell.data_type) for cell in cells]


@pytest.fixture
def logframe_a(program_a):
    """Program A's logframe: people trained (a target for 2026, a baseline of 2025) under an output, and
    workshops held (a target for the second quarter of 2026) under the outcome."""
    outcome = OutcomeFactory(program=program_a, statement_ar="مشاركة المنظمات في صنع القرار",
                             statement_en="CSOs take part in decisions")
    output = OutputFactory(outcome=outcome, statement_ar="منظمات مدربة", statement_en="CSOs trained")
    people = IndicatorFactory(code="people-trained", name_ar="المتدربون", name_en="People trained",
                              metric=Metric.PEOPLE, program=program_a, output=output)
    BaselineFactory(indicator=people, year=2025, value=0)
    TargetFactory(indicator=people, year=2026, value=4)
    workshops = IndicatorFactory(code="workshops", name_ar="ورشات العمل", name_en="Workshops",
                                 metric=Metric.ACTIVITIES, kinds=["workshop"], program=program_a,
                                 outcome=outcome)
    TargetFactory(indicator=workshops, year=2026, quarter=2, value=2)
    TargetFactory(indicator=workshops, year=2027, value=5)  # outside the report's period
    return people, workshops


def test_the_logframe_sheet_tracks_the_targets_of_the_period_against_the_ledger(built, program_a, logframe_a):
    workbook = load_workbook(io.BytesIO(built(language="en").file.read()))
    with override("en"):
        rows = sheet_rows(workbook[gettext("Logframe indicators")])
    by_code = {row[2]: row for row in rows[1:]}
    assert [row[2] for row in rows[1:]] == ["workshops", "people-trained"]  # the outcome, then its output
    assert by_code["people-trained"][4:] == ["2026", 0, 4, figure(program_a, Metric.PEOPLE).total, 0.75]
    assert by_code["workshops"][4:] == ["2026 Q2", None, 2, 1, 0.5]
    assert by_code["people-trained"][1] == "1.1 — CSOs trained"  # no trailing full stop: it moves to the left of "1.1" in Arabic


def test_an_indicator_without_a_target_in_the_period_shows_its_actual_figure(built, program_a, logframe_a):
    workbook = load_workbook(io.BytesIO(built(language="en", period=(datetime.date(2026, 1, 1),
                                                                       datetime.date(2026, 3, 31))).file.read()))
    with override("en"):
        rows = {row[2]: row for row in sheet_rows(workbook[gettext("Logframe indicators")])[1:]}
    assert rows["people-trained"][4:] == ["2026-01-01 to 2026-03-31", 0, None, 1, None]
    assert rows["workshops"][6:] == [None, 0, None]


def pdf_text(content: bytes) -> tuple[int, str]:
    document = pypdfium2.PdfDocument(content)
    return len(document), "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_pdf_report_prints_the_arabic_name_and_the_figures(built, program_a, logframe_a):
    job = built(language="ar", format="pdf")
    assert job.status == JobStatus.DONE and job.file.name.endswith(".pdf")
    pages, text = pdf_text(job.file.read())
    assert pages >= 3  # the cover, the figures, the activities
    assert PROGRAM_NAME_AR in text
    assert "ورشة الحوار" in text and "المانح" in text
    with override("ar"):
        assert gettext("Headline figures") in text
    assert f"{figure(program_a, Metric.PERSON_DAYS).total}" in text
    assert "2026-05-10" in text
    assert "المتدربون" in text and "75%" in text  # the logframe: 3 people of a target of 4


def test_an_english_pdf_report_is_in_english(built, program_a):
    _pages, text = pdf_text(built(language="en", format="pdf").file.read())
    assert "Enhancing participatory democracy" in text and "Dialogue workshop" in text
    with override("en"):
        assert gettext("Headline figures") in text


def test_a_failing_build_marks_the_job_failed_with_a_message_and_no_file(built, monkeypatch, settings, caplog):
    def broken(report):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DonorReport, "xlsx", broken)
    with caplog.at_level(logging.ERROR, logger="madani.reports.tasks"):
        job = built(language="en")
    assert job.status == JobStatus.FAILED and job.finished_at
    with override("en"):
        assert job.error.startswith(gettext("The report could not be built."))
    assert not job.file
    assert "disk full" in caplog.text
    assert not list(settings.MEDIA_ROOT.rglob("*.xlsx"))


def test_asking_for_a_report_queues_it_and_the_status_page_offers_the_download(
        client_a, program_a, django_capture_on_commit_callbacks):
    data = {"program": program_a.pk, "period": "quarter", "year": 2026, "quarter": 2, "language": "ar",
            "format": "xlsx"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("reports:donor_report"), data)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:donor_job", args=[job.pk])
    assert (job.date_from, job.date_to) == (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    assert job.status == JobStatus.DONE
    page = client_a.get(response["Location"]).content.decode()
    download = reverse("reports:donor_job_download", args=[job.pk])
    assert download in page and "hx-trigger" not in page
    response = client_a.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets


# The worker closes connections left inside a transaction (as in production): committed rows only. The
# rows that migrations load (places…) are put back after the test's flush.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_database_worker_builds_a_queued_job(staff_a, program_a, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = request_report(staff_a, program_a)
    job.refresh_from_db()
    assert (job.status, job.progress, job.file.name) == (JobStatus.QUEUED, 0, "")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    assert load_workbook(io.BytesIO(job.file.read())).worksheets


def test_small_cell_suppression_hides_small_groups_of_people_in_a_donor_report(built, program_a, activity_a):
    """Issue 10: a donor report leaves the center. 13 people, of whom 2 women and 11 men: the women show as
    "fewer than 5" and the men, who would give them away (13 - 11), as "not shown" — in the headline, the
    breakdowns and the list of activities; and no chart measures a hidden figure."""
    first = activity_a.sessions.order_by("date").first()
    for _n in range(10):  # present: people reached are the people present
        man = PersonFactory(branch=activity_a.branch, gender="male")
        ParticipationFactory(activity=activity_a, person=man)
        Attendance.objects.create(session=first, person=man)
    job = built(language="en")
    workbook = load_workbook(io.BytesIO(job.file.read()))
    with override("en"):
        fewer, hidden = gettext("fewer than %(minimum)s") % {"minimum": 5}, gettext("not shown")
        headline = dict(sheet_rows(workbook[gettext("Headline figures")])[1:])
        assert headline[gettext("People reached")] == 13
        women = gettext("of whom: %(gender)s") % {"gender": gettext("Female")}
        men = gettext("of whom: %(gender)s") % {"gender": gettext("Male")}
        assert (headline[women], headline[men]) == (fewer, hidden)
        by_branch = sheet_rows(workbook[gettext("By branch")])
        assert by_branch[1][1:3] == [13, fewer]
        activities = {row[0]: row for row in sheet_rows(workbook[gettext("Activities")])[1:]}
        assert activities[activity_a.title_en][-2:] == [11, fewer]  # 1 woman among 11
        assert activities["Dialogue workshop"][-2:] == [fewer, fewer]  # 2 people
    report = DonorReport(job)
    report.add_headline()
    assert [bar.label for bar in report.sections[0].chart] == []  # neither gender has a bar
