"""Endpoints an outside tool needs (issue 12, "API"): bulk creation all or nothing, affiliations, the
duplicate check naming its candidates, the coaching deliverable, indicators with their breakdowns, and the
activity's program and phase checked against its branch and dates."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from madani.activities.models import Participation
from madani.people.models import Affiliation, Person
from tests.factories import (
    AffiliationFactory,
    IndicatorFactory,
    OrganizationFactory,
    PersonFactory,
    PhaseFactory,
    ProgramFactory,
    place,
)

from .helpers import api_client, token_client

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _person(branch, name, **extra):
    return {"full_name": name, "gender": "female", "birth_year": 1995, "branch": branch.pk, **extra}


# --- bulk creation ---------------------------------------------------------------------------------


def test_bulk_people_are_all_created(staff_a, branch_a):
    rows = [_person(branch_a, "سلمى الأحمد"), _person(branch_a, "Rana Khalil", gender="female")]
    response = api_client(staff_a).post(reverse("api:person-bulk"), rows, format="json")
    assert response.status_code == 201, response.json()
    assert [row["full_name"] for row in response.json()] == ["سلمى الأحمد", "Rana Khalil"]
    assert Person.objects.filter(full_name__in=["سلمى الأحمد", "Rana Khalil"]).count() == 2


def test_one_bad_row_saves_nothing_and_every_bad_row_is_named(staff_a, branch_a, branch_b):
    rows = [_person(branch_a, "سلمى الأحمد"), _person(branch_a, "", gender="x"), _person(branch_b, "<script>x</script>")]
    response = api_client(staff_a).post(reverse("api:person-bulk"), rows, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Nothing was saved")
    assert [row["row"] for row in body["rows"]] == [1, 2]
    assert set(body["rows"][0]["errors"]) == {"full_name", "gender"}
    assert set(body["rows"][1]["errors"]) == {"branch"}  # another branch's: as if it did not exist
    assert not Person.objects.filter(full_name="سلمى الأحمد").exists()


def test_two_rows_for_the_same_person_are_caught_as_duplicates(staff_a, branch_a, person_a):
    twin = _person(branch_a, "سلمى الأحمد", home_place="SY110100")
    response = api_client(staff_a).post(reverse("api:person-bulk"), [twin, twin], format="json")
    assert response.status_code == 400
    [failure] = response.json()["rows"]
    assert failure["row"] == 1 and failure["errors"]["candidates"][0]["full_name"] == "سلمى الأحمد"
    assert not Person.objects.filter(full_name="سلمى الأحمد").exists()
    confirmed = [twin, {**twin, "confirm_new": True}]
    assert api_client(staff_a).post(reverse("api:person-bulk"), confirmed, format="json").status_code == 201


def test_sending_the_same_people_twice_registers_them_once(staff_a, branch_a):
    rows = [_person(branch_a, "سلمى الأحمد", home_place="SY110100")]
    client = api_client(staff_a)
    assert client.post(reverse("api:person-bulk"), rows, format="json").status_code == 201
    again = client.post(reverse("api:person-bulk"), rows, format="json")
    assert again.status_code == 400 and again.json()["rows"][0]["errors"]["candidates"]
    assert Person.objects.filter(full_name="سلمى الأحمد").count() == 1


def test_bulk_refuses_what_is_not_a_list_and_too_many_rows(staff_a, branch_a):
    client = api_client(staff_a)
    assert client.post(reverse("api:person-bulk"), {"full_name": "x"}, format="json").status_code == 400
    assert client.post(reverse("api:person-bulk"), [], format="json").status_code == 400
    response = client.post(reverse("api:person-bulk"), [_person(branch_a, f"p{n}") for n in range(501)], format="json")
    assert response.status_code == 400 and response.json()["rows"] == []


def test_bulk_people_needs_a_registry_editor(trainer_a, branch_a):
    response = api_client(trainer_a).post(reverse("api:person-bulk"), [_person(branch_a, "x")], format="json")
    assert response.status_code == 403


def test_bulk_participations_all_or_nothing(staff_a, staff_b, activity_a, branch_a, organization_a):
    people = PersonFactory.create_batch(2, branch=branch_a)
    rows = [{"activity": activity_a.pk, "person": p.pk, "organization": organization_a.pk} for p in people]
    before = Participation.objects.count()
    refused = api_client(staff_b).post(reverse("api:participation-bulk"), rows, format="json")
    assert refused.status_code == 400 and [r["row"] for r in refused.json()["rows"]] == [0, 1]
    assert Participation.objects.count() == before
    bad = rows + [{"activity": activity_a.pk, "person": 2**63 - 1}]
    assert api_client(staff_a).post(reverse("api:participation-bulk"), bad, format="json").status_code == 400
    assert Participation.objects.count() == before
    response = api_client(staff_a).post(reverse("api:participation-bulk"), rows, format="json")
    assert response.status_code == 201, response.json()
    assert Participation.objects.count() == before + 2


# --- the duplicate check names its candidates -------------------------------------------------------------


def test_a_likely_duplicate_names_the_candidates(staff_a, person_a):
    response = api_client(staff_a).post(reverse("api:person-list"), {
        "full_name": "احمد علي الخلف", "gender": "male", "birth_year": person_a.birth_year, "home_place": "SY110100",
        "branch": person_a.branch_id}, format="json")
    assert response.status_code == 409
    assert response.json()["candidates"] == [{"id": person_a.pk, "full_name": person_a.full_name,
                                              "birth_year": person_a.birth_year, "home_place": "SY110100"}]


# --- affiliations -----------------------------------------------------------------------------------------


def test_affiliations_are_listed_as_the_user_may_see_them(staff_a, staff_b, person_a, organization_a, branch_b):
    own = AffiliationFactory(person=PersonFactory(branch=branch_b), organization=OrganizationFactory(branch=branch_b))
    url = reverse("api:affiliation-list")
    assert [a["id"] for a in api_client(staff_b).get(url).json()["results"]] == [own.pk]
    rows = api_client(staff_a).get(url, {"person": person_a.pk}).json()["results"]
    assert [(a["person"], a["organization"]) for a in rows] == [(person_a.pk, organization_a.pk)]
    assert api_client(staff_a).get(reverse("api:affiliation-detail", args=[own.pk])).status_code == 404


def test_adding_and_removing_an_affiliation(staff_a, staff_b, branch_a, organization_a):
    person = PersonFactory(branch=branch_a)
    payload = {"person": person.pk, "organization": organization_a.pk, "role": "منسقة",
               "start_date": "2026-01-01", "end_date": "2025-01-01"}
    client = api_client(staff_a)
    assert "end_date" in client.post(reverse("api:affiliation-list"), payload, format="json").json()
    assert api_client(staff_b).post(reverse("api:affiliation-list"), {**payload, "end_date": None},
                                    format="json").status_code == 400  # not their branch's person
    response = client.post(reverse("api:affiliation-list"), {**payload, "end_date": None}, format="json")
    assert response.status_code == 201, response.json()
    affiliation = Affiliation.objects.get(pk=response.json()["id"])
    assert affiliation.history.first().history_user == staff_a
    assert client.delete(reverse("api:affiliation-detail", args=[affiliation.pk])).status_code == 204
    assert not Affiliation.objects.filter(pk=affiliation.pk).exists()


# --- the deliverable ---------------------------------------------------------------------------------------


def test_a_deliverable_is_uploaded_and_downloaded_through_the_access_rules(staff_a, staff_b, cso_member, activity_a):
    url = reverse("api:activity-deliverable", args=[activity_a.pk])
    client = token_client(staff_a)
    assert client.get(url).status_code == 404  # none yet
    refused = client.post(url, {"file": SimpleUploadedFile("plan.pdf", b"MZ not a pdf")}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.json()
    response = client.post(url, {"file": SimpleUploadedFile("plan.pdf", PDF)}, format="multipart")
    assert response.status_code == 200, response.json()
    link = response.json()["deliverable"]
    assert link.endswith(url)
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert token_client(cso_member).get(url).status_code == 200  # their organization was served
    assert token_client(staff_b).get(url).status_code == 404  # another branch's activity
    assert token_client(cso_member).post(url, {"file": SimpleUploadedFile("x.pdf", PDF)},
                                         format="multipart").status_code == 403


# --- indicators --------------------------------------------------------------------------------------------


def test_an_indicators_figures_and_breakdown(staff_a, staff_b, cso_member, activity_a, other_organization_in_activity_a):
    indicator = IndicatorFactory(metric="people", disaggregations=["gender"])
    client = api_client(staff_a)
    assert indicator.pk in [i["id"] for i in client.get(reverse("api:indicator-list")).json()["results"]]
    url = reverse("api:indicator-figures", args=[indicator.pk])
    body = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["total"] == 4 and body["by"] == ["gender"]
    assert {row["keys"][0]["value"]: row["value"] for row in body["rows"]} == {"female": 1, "male": 3}
    assert body["rows"][0]["keys"][0]["label"] in ("Female", "Male")
    split = client.get(url, {"by": ["branch", "age_group"], "date_from": "2026-03-02"}).json()
    assert split["total"] == 0 and split["by"] == ["branch", "age_group"]  # nobody present after the first day
    assert api_client(staff_b).get(url).json()["total"] == 0  # counted over what they may see
    assert api_client(cso_member).get(url).status_code == 403  # indicators are for center staff


def test_figures_refuse_a_breakdown_that_does_not_apply(staff_a):
    indicator = IndicatorFactory(metric="activities")
    url = reverse("api:indicator-figures", args=[indicator.pk])
    client = api_client(staff_a)
    assert "by" in client.get(url, {"by": "gender"}).json()
    assert client.get(url, {"by": ["kind", "branch", "year"]}).status_code == 400
    assert client.get(url, {"by": "kind", "date_from": "2026-02-01", "date_to": "2026-01-01"}).status_code == 400


# --- the activity's program and phase -----------------------------------------------------------------------


def _activity(branch, program, **extra):
    return {"kind": "training", "title_ar": "تدريب", "program": program.pk, "branch": branch.pk,
            "start_date": "2026-05-10", "end_date": "2026-05-12", **extra}


def test_a_program_not_run_in_the_branch_is_refused(staff_a, administrator, branch_a, branch_b):
    program = ProgramFactory(code="elsewhere")
    program.branches.add(branch_b)
    url = reverse("api:activity-list")
    response = api_client(administrator).post(url, _activity(branch_a, program), format="json",
                                              HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["program"] == ["This program does not run in the activity's branch."]
    assert "program" in api_client(staff_a).post(url, _activity(branch_a, program), format="json").json()
    program.branches.add(branch_a)
    assert api_client(staff_a).post(url, _activity(branch_a, program), format="json").status_code == 201


def test_a_phase_of_another_program_or_outside_the_dates_is_refused(staff_a, branch_a):
    program = ProgramFactory(code="p1")
    other = PhaseFactory(program=ProgramFactory(code="p2"))
    early = PhaseFactory(program=program, number=1, start_date=datetime.date(2026, 1, 1),
                         end_date=datetime.date(2026, 3, 31))
    late = PhaseFactory(program=program, number=2, start_date=datetime.date(2026, 4, 1),
                        end_date=datetime.date(2026, 12, 31))
    client = api_client(staff_a)
    url = reverse("api:activity-list")
    response = client.post(url, _activity(branch_a, program, phase=other.pk), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["phase"] == ["This phase belongs to another program."]
    response = client.post(url, _activity(branch_a, program, phase=early.pk), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "outside this phase" in response.json()["phase"][0]
    created = client.post(url, _activity(branch_a, program, phase=late.pk), format="json")
    assert created.status_code == 201, created.json()
    # Moving the activity out of its phase is refused too.
    moved = client.patch(reverse("api:activity-detail", args=[created.json()["id"]]),
                         {"start_date": "2026-02-01", "end_date": "2026-02-02"}, format="json")
    assert moved.status_code == 400 and "phase" in moved.json()


def test_an_organization_without_branch_is_for_administrators(staff_a, administrator):
    url = reverse("api:organization-list")
    payload = {"kind": "donor", "name_en": "A donor", "branch": None}
    assert "branch" in api_client(staff_a).post(url, payload, format="json").json()
    response = api_client(administrator).post(url, payload, format="json")
    assert response.status_code == 201 and response.json()["branch"] is None
    donor_url = reverse("api:organization-detail", args=[response.json()["id"]])
    assert api_client(staff_a).get(donor_url).status_code == 200  # center-wide partners: every branch sees them
    assert api_client(staff_a).patch(donor_url, {"name_en": "Renamed"}, format="json").status_code == 403
    assert place("SY110100")  # the gazetteer is loaded
