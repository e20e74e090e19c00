"""Attendance import of a 10,000-row sheet (issue 3: "10,000 rows import in under 30 s on SQLite").

Generates the activity's own Excel template filled with 10,000 people (Arabic names, genders written
several ways, birth years, places by P-code or name, organizations, five session columns with about
three marks each), 1,000 of whom are already in the registry. Then times what a branch manager does,
through the real views and middleware (django.test.Client, DEBUG off): upload, preview (every row
checked), commit. The import is then repeated to show that it adds nothing and how long that takes.
The figure with a target is the first import's total.
"""

import datetime
import io
import random
import tempfile
import time

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from bench import BenchmarkError
from bench.harness import sign_in_with_both_factors
from madani.accounts.models import Role, User
from madani.activities.imports import template_header
from madani.activities.models import Activity, Attendance, Participation, Program, Session
from madani.branches.models import Branch
from madani.organizations.models import Organization
from madani.people.models import Person
from madani.places.models import Place

ROWS = 10_000
ALREADY_REGISTERED = 1_000
TARGET_SECONDS = 30.0
FIRST = ["أحمد", "محمد", "خالد", "سارة", "مريم", "ليلى", "عمر", "هبة", "رنا", "يوسف", "نور", "فاطمة", "علي", "حسن"]
LAST = ["الخلف", "العلي", "الحسن", "الأحمد", "الشيخ", "النجار", "الحداد", "العبدالله", "الصالح", "الدرويش"]


def _setup(rng):
    branch = Branch.objects.create(code="bench-import", name="فرع الاستيراد", name_ar="فرع الاستيراد",
                                   name_en="Import bench branch")
    manager = User.objects.create_user(email="importer@bench.invalid", role=Role.BRANCH_MANAGER)
    manager.branches.add(branch)
    TOTP.activate(manager, generate_totp_secret())
    program = Program.objects.create(code="bench-import", name="برنامج", name_ar="برنامج", name_en="Program")
    start = datetime.date(2026, 3, 1)
    activity = Activity.objects.create(kind="training", title="تدريب", title_ar="تدريب", title_en="Training",
                                       program=program, branch=branch, start_date=start,
                                       end_date=start + datetime.timedelta(days=4))
    Session.objects.bulk_create(
        [Session(activity=activity, date=start + datetime.timedelta(days=d)) for d in range(5)]
    )
    organizations = Organization.objects.bulk_create(
        [Organization(branch=branch, name=f"منظمة {i}", name_ar=f"منظمة {i}", name_en=f"Org {i}") for i in range(50)]
    )
    places = list(Place.objects.filter(level="subdistrict").values_list("pk", "pcode", "name_en"))
    names = [name for _pk, _pcode, name in places]
    places = [p for p in places if names.count(p[2]) == 1]  # a name shared by two places needs its P-code
    return manager, activity, organizations, places


def _sheet(rng, activity, organizations, places) -> tuple[bytes, list]:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("attendance")
    with translation.override("ar"):
        sheet.append(template_header(activity))
    people = []
    genders = {"male": ["ذكر", "m", "Male"], "female": ["أنثى", "انثى", "F"]}
    for i in range(ROWS):
        gender = rng.choice(["male", "female"])
        name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)} {i:05d}"
        year = rng.randint(1960, 2005)
        place_pk, pcode, name_en = rng.choice(places)
        people.append((name, gender, year, place_pk))
        organization = rng.choice(organizations).name_ar if rng.random() < 0.6 else ""
        marks = [("x" if rng.random() < 0.6 else "") for _day in range(5)]
        sheet.append([name, rng.choice(genders[gender]), year, pcode if i % 2 else name_en,
                      f"+963 9{rng.randint(10000000, 99999999)}", organization, *marks])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), people


def _import(client, activity, data) -> dict:
    times = {}
    start = time.perf_counter()
    response = client.post(reverse("activities:import_start", args=[activity.pk]),
                           {"sheet": SimpleUploadedFile("attendance.xlsx", data)})
    if response.status_code != 302 or not response["Location"].endswith("/import/preview/"):
        raise BenchmarkError(f"upload: status {response.status_code}, {response.get('Location')}")
    times["upload"] = time.perf_counter() - start
    start = time.perf_counter()
    response = client.get(response["Location"])
    if response.status_code != 200 or b"alert-danger" in response.content:
        raise BenchmarkError(f"preview: status {response.status_code}, or rows with problems")
    times["preview"] = time.perf_counter() - start
    start = time.perf_counter()
    response = client.post(reverse("activities:import_preview", args=[activity.pk]), {"commit": "1"})
    if response.status_code != 302:
        raise BenchmarkError(f"commit refused (status {response.status_code}): {response.content[:500]!r}")
    times["commit"] = time.perf_counter() - start
    times["total"] = sum(times.values())
    return times


def run():
    rng = random.Random(3)
    manager, activity, organizations, places = _setup(rng)
    data, people = _sheet(rng, activity, organizations, places)
    Person.objects.bulk_create(
        [Person(full_name=name, gender=gender, birth_year=year, home_place_id=place_pk, branch=activity.branch)
         for name, gender, year, place_pk in rng.sample(people, ALREADY_REGISTERED)]
    )
    client = Client()
    sign_in_with_both_factors(client, manager)
    with tempfile.TemporaryDirectory(prefix="madani-bench-media-") as media, override_settings(
        DEBUG=False, ALLOWED_HOSTS=["testserver"], MEDIA_ROOT=media
    ), translation.override("ar"):
        first = _import(client, activity, data)
        counts = (Person.objects.count(), Participation.objects.count(), Attendance.objects.count())
        if counts[:2] != (ROWS, ROWS):
            raise BenchmarkError(f"expected {ROWS} people and participations, found {counts[:2]}")
        again = _import(client, activity, data)
        if (Person.objects.count(), Participation.objects.count(), Attendance.objects.count()) != counts:
            raise BenchmarkError("the second import of the same sheet created rows")

    return [
        f"attendance_import_upload: {first['upload']:.2f} s (target: none, informational)",
        f"attendance_import_preview: {first['preview']:.2f} s (target: none, informational)",
        f"attendance_import_commit: {first['commit']:.2f} s ({counts[2]} attendance marks; "
        "target: none, informational)",
        f"attendance_import_seconds: {first['total']:.2f} s for {ROWS} rows (target: <= {TARGET_SECONDS:.0f})",
        f"attendance_import_vs_target: {first['total'] / TARGET_SECONDS:.3f} ratio (target: <= 1)",
        f"attendance_reimport_seconds: {again['total']:.2f} s (upload {again['upload']:.2f}, preview "
        f"{again['preview']:.2f}, commit {again['commit']:.2f}), nothing added (target: none, informational)",
    ]
