"""The 3W/4W export (issue 4): one row per activity, read by HXL tools, scoped like the ledger."""

import datetime
import io

import hxl
import pytest
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from conftest import client_for
from madani.public.models import CenterProfile
from madani.accounts.models import Role
from madani.activities.models import Attendance, Topic
from madani.reports.three_w import COLUMNS
from tests.factories import (
    ActivityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    ProgramFactory,
    UserFactory,
    place,
)


@pytest.fixture
def ledger(activity_a, branch_a, settings):
    """Activity A (Raqqa, one woman who completed it) with a donor, a topic and a man who did not finish;
    and an activity of the same branch in another program, a month later, in Hajin. (Every figure shown:
    small-cell suppression has its own test.)"""
    settings.MADANI_MIN_CELL_SIZE = 1
    CenterProfile.objects.update_or_create(pk=CenterProfile.SINGLETON_ID, defaults={
        "name": "مركز دعم المجتمع المدني", "name_ar": "مركز دعم المجتمع المدني"})
    program = activity_a.program
    program.donor = OrganizationFactory(branch=None, kind="donor", name_ar="المساعدات الشعبية النرويجية",
                                        name_en="Norwegian People's Aid", name="المساعدات الشعبية النرويجية")
    program.save()
    activity_a.topics.add(Topic.objects.get(code="advocacy"))  # from the shipped taxonomy
    man = PersonFactory(branch=branch_a, gender="male")  # came to the second session, then stopped
    ParticipationFactory(activity=activity_a, person=man)
    Attendance.objects.create(session=activity_a.sessions.order_by("date")[1], person=man)
    ParticipationFactory(activity=activity_a, person=PersonFactory(branch=branch_a))  # a no-show: not reached
    other = ActivityFactory(branch=branch_a, program=ProgramFactory(), kind="workshop", title_ar="ورشة هجين",
                            title="ورشة هجين", place=place("SY090201"), start_date=datetime.date(2026, 4, 5),
                            end_date=datetime.date(2026, 4, 7), status="planned")
    return activity_a, other


def _hxl(response):
    assert response.status_code == 200
    return hxl.data(io.BytesIO(b"".join(response.streaming_content)))


def _rows_by_id(dataset):
    return {int(row.get("#activity+code")): row for row in dataset}


def test_hxl_tools_read_every_column_by_its_hashtag(client_a, ledger):
    dataset = _hxl(client_a.get(reverse("reports:three_w")))
    assert [column.display_tag for column in dataset.columns] == [tag for _label, tag in COLUMNS]
    assert "#adm1+code" in dataset.display_tags and "#reached+f" in dataset.display_tags
    assert dataset.columns[0].header.lstrip("\ufeff") == gettext("Activity ID")


def test_each_row_says_who_did_what_where_when_and_for_whom_as_the_ledger_holds_it(client_a, ledger):
    activity, hajin = ledger
    row = _rows_by_id(_hxl(client_a.get(reverse("reports:three_w"))))[activity.pk]
    assert row.get("#org+name") == "مركز دعم المجتمع المدني"
    assert row.get("#org+impl") == "الرقة"
    assert row.get("#org+funder") == "المساعدات الشعبية النرويجية"
    assert row.get("#org+partner") == "منظمة توتول"
    assert row.get("#activity+name") == "تدريب المناصرة"
    assert row.get("#activity+programme") == activity.program.name_ar
    assert row.get("#activity+type") == gettext("Training course")
    assert row.get("#subsector") == "المناصرة والتحشيد المجتمعي"
    assert row.get("#sector+code") == "15150"
    assert (row.get("#adm1+name"), row.get("#adm1+code")) == ("الرقة", "SY11")
    assert (row.get("#adm2+name"), row.get("#adm2+code")) == ("مركز الرقة", "SY1101")
    assert (row.get("#adm3+name"), row.get("#adm3+code")) == ("مركز الرقة", "SY110100")
    assert row.get("#date+start") == activity.start_date.isoformat()
    assert row.get("#status") == gettext("Completed")
    assert (row.get("#reached+ind"), row.get("#reached+f"), row.get("#reached+m")) == ("2", "1", "1")


def test_the_place_hierarchy_gives_the_governorate_and_district_of_a_sub_district(client_a, ledger):
    _activity, hajin = ledger
    row = _rows_by_id(_hxl(client_a.get(reverse("reports:three_w"))))[hajin.pk]
    assert [row.get(f"#adm{n}+code") for n in (1, 2, 3)] == ["SY09", "SY0902", "SY090201"]
    assert row.get("#adm3+name") == "هجين"
    assert row.get("#reached+ind") == "0"


def test_the_english_export_names_places_in_english(client_a, ledger):
    response = client_a.get("/en" + reverse("reports:three_w"))
    row = _rows_by_id(_hxl(response))[ledger[1].pk]
    assert row.get("#adm3+name") == "Hajin" and row.get("#status") == "Planned"


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {0, 1}),
    ({"program": "activity_a.program"}, {0}),
    ({"start": "2026-04-01"}, {1}),
    ({"end": "2026-03-31"}, {0}),
    ({"start": "2026-03-02", "end": "2026-03-02"}, {0}),
])
def test_the_export_keeps_the_chosen_program_and_period(client_a, ledger, params, expected):
    if params.get("program"):
        params = {"program": ledger[0].program.pk}
    rows = _rows_by_id(_hxl(client_a.get(reverse("reports:three_w"), params)))
    assert set(rows) == {ledger[i].pk for i in expected}


def test_another_branch_exports_none_of_branch_a_and_cannot_choose_it(client_b, ledger, branch_a):
    assert list(_hxl(client_b.get(reverse("reports:three_w")))) == []
    assert list(_hxl(client_b.get(reverse("reports:three_w"), {"branch": branch_a.pk}))) == []


def test_the_excel_export_has_the_hashtags_on_its_second_row(client_a, ledger):
    sheet = load_workbook(io.BytesIO(client_a.get(reverse("reports:three_w"), {"format": "xlsx"}).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[1]) == [tag for _label, tag in COLUMNS]
    assert sheet.sheet_view.rightToLeft
    assert {row[0] for row in rows[2:]} == {a.pk for a in ledger}
    assert all(isinstance(row[-3], int) for row in rows[2:])  # people reached stay numbers


@pytest.mark.parametrize("role", [Role.TRAINER, Role.CSO_MEMBER])
def test_reports_are_for_those_who_record_the_ledger(role, branch_a, organization_a):
    user = UserFactory(role=role, branches=[branch_a], organization=organization_a if role == Role.CSO_MEMBER else None)
    client = client_for(user)
    for name in ("reports:index", "reports:three_w"):
        assert client.get(reverse(name)).status_code == 403
    assert reverse("reports:index") not in client.get(reverse("dashboard:index")).content.decode()


def test_the_reports_page_offers_the_3w_export_and_each_programs_iati_file(client_a, ledger):
    page = client_a.get(reverse("reports:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="{reverse("reports:three_w")}"' in html
    assert reverse("reports:iati", args=[ledger[0].program.pk]) in html
    assert reverse("reports:index") in client_a.get(reverse("dashboard:index")).content.decode()


def test_people_reached_go_through_small_cell_suppression(client_a, ledger, settings, branch_a):
    """Issue 10: the 3W table is shared with clusters and donors. 2 people (1 woman, 1 man) show as "fewer than
    5"; 12 people of whom 2 women: the total shows, the women do not, nor the men who would give them away."""
    settings.MADANI_MIN_CELL_SIZE = 5
    activity, _hajin = ledger
    row = _rows_by_id(_hxl(client_a.get(reverse("reports:three_w"))))[activity.pk]
    fewer = gettext("fewer than %(minimum)s") % {"minimum": 5}
    assert (row.get("#reached+ind"), row.get("#reached+f"), row.get("#reached+m")) == (fewer, fewer, fewer)
    first = activity.sessions.order_by("date").first()
    for gender in ["male"] * 9 + ["female"]:
        person = PersonFactory(branch=branch_a, gender=gender)
        ParticipationFactory(activity=activity, person=person)
        Attendance.objects.create(session=first, person=person)
    row = _rows_by_id(_hxl(client_a.get(reverse("reports:three_w"))))[activity.pk]
    assert (row.get("#reached+ind"), row.get("#reached+f"), row.get("#reached+m")) == ("12", fewer,
                                                                                      gettext("not shown"))
