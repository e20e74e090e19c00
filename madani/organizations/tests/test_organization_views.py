import csv
import io

from django.urls import reverse

from madani.organizations.models import Organization
from madani.places.models import Place
from tests.factories import OrganizationFactory, place


def _form(branch, **overrides):
    data = {"name_ar": "جمعية أحمد للتنمية", "name_en": "", "kind": "cso", "branch": branch.pk,
            "incubation_stage": "incubated", "licensing_status": "licensed", "place": place("SY110100").pk,
            "places_of_work": [place("SY110100").pk, place("SY110102").pk]}
    data.update(overrides)
    return data


def test_staff_create_an_organization_with_an_arabic_name(client_a, branch_a, staff_a):
    response = client_a.post(reverse("organizations:create"), _form(branch_a))
    organization = Organization.objects.get(name_ar="جمعية أحمد للتنمية")
    assert response["Location"] == reverse("organizations:detail", args=[organization.pk])
    assert set(organization.places_of_work.values_list("pcode", flat=True)) == {"SY110100", "SY110102"}
    detail = client_a.get(response["Location"]).content.decode()
    assert "جمعية أحمد للتنمية" in detail
    assert {h.history_user for h in organization.history.all()} == {staff_a}


def test_a_search_without_hamza_finds_the_name_with_hamza(client_a, branch_a):
    OrganizationFactory(branch=branch_a, name_ar="جمعية أحمد للتنمية")
    OrganizationFactory(branch=branch_a, name_ar="منظمة أخرى")
    response = client_a.get(reverse("organizations:list"), {"q": "احمد"})
    assert [o.name_ar for o in response.context["page"]] == ["جمعية أحمد للتنمية"]


def test_the_list_answers_htmx_with_just_the_results(client_a, organization_a):
    response = client_a.get(reverse("organizations:list"), {"q": "توتول"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "منظمة توتول" in html


def test_filters_by_kind_stage_and_governorate(client_a, branch_a, organization_a):
    council = OrganizationFactory(branch=branch_a, kind="local_council", place=place("SY090201"))
    governorate = Place.objects.get(pcode="SY09")
    assert list(client_a.get(reverse("organizations:list"), {"kind": "local_council"}).context["page"]) == [council]
    assert list(client_a.get(reverse("organizations:list"), {"governorate": governorate.pk}).context["page"]) == [council]
    organization_a.places_of_work.add(place("SY090100"))  # works in Deir-ez-Zor too
    listed = set(client_a.get(reverse("organizations:list"), {"governorate": governorate.pk}).context["page"])
    assert listed == {council, organization_a}


def test_a_missing_name_is_a_field_error_in_the_users_language_and_nothing_is_saved(client_a, branch_a):
    response = client_a.post("/en" + reverse("organizations:create"), _form(branch_a, name_ar=""))
    assert response.status_code == 200
    assert response.context["form"].errors["name_ar"] == ["Give the organization's name in Arabic or English."]
    response = client_a.post(reverse("organizations:create"), _form(branch_a, name_ar="", founded_year="abc"))
    errors = response.context["form"].errors
    assert "name_ar" in errors and "founded_year" in errors
    assert errors["name_ar"] != ["Give the organization's name in Arabic or English."]  # translated to Arabic
    assert not Organization.objects.exists()


def test_only_networks_have_members(client_a, branch_a, organization_a):
    response = client_a.post(reverse("organizations:create"), _form(branch_a, members=[organization_a.pk]))
    assert "members" in response.context["form"].errors
    response = client_a.post(reverse("organizations:create"), _form(branch_a, kind="network", name_ar="شبكة وصل",
                                                                   members=[organization_a.pk]))
    network = Organization.objects.get(name_ar="شبكة وصل")
    assert list(network.members.all()) == [organization_a]
    assert "شبكة وصل" in client_a.get(reverse("organizations:detail", args=[organization_a.pk])).content.decode()


def test_the_detail_page_shows_affiliated_people_and_the_change_history(client_a, organization_a, person_a, staff_a):
    client_a.post(reverse("organizations:edit", args=[organization_a.pk]),
                  _form(organization_a.branch, name_ar="منظمة توتول للتنمية"))
    html = client_a.get("/en" + reverse("organizations:detail", args=[organization_a.pk])).content.decode()
    assert person_a.full_name in html
    assert "Change history" in html and "منظمة توتول للتنمية" in html and "<del><bdi>منظمة توتول</bdi></del>" in html
    assert str(staff_a) in html


def test_an_organization_with_people_cannot_be_deleted(client_a, organization_a, person_a):
    response = client_a.post(reverse("organizations:delete", args=[organization_a.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert Organization.objects.filter(pk=organization_a.pk).exists()


def test_an_organization_without_people_is_deleted_after_confirmation(client_a, branch_a):
    organization = OrganizationFactory(branch=branch_a)
    client_a.post(reverse("organizations:delete", args=[organization.pk]), {})
    assert Organization.objects.filter(pk=organization.pk).exists()
    client_a.post(reverse("organizations:delete", args=[organization.pk]), {"confirm": "on"})
    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_trainers_read_but_do_not_edit(trainer_a, activity_a, organization_a):
    """Organization A is one the trainer's activity served (need-to-know: they read only those)."""
    from conftest import client_for

    client = client_for(trainer_a)
    assert client.get(reverse("organizations:detail", args=[organization_a.pk])).status_code == 200
    assert client.get(reverse("organizations:edit", args=[organization_a.pk])).status_code == 403
    assert client.get(reverse("organizations:create")).status_code == 403


def test_center_wide_partners_are_visible_to_every_branch_but_edited_by_administrators(client_b, administrator):
    from conftest import client_for

    donor = OrganizationFactory(branch=None, kind="donor", name_ar="المساعدات الشعبية النرويجية")
    page = client_b.get(reverse("organizations:detail", args=[donor.pk]))
    assert page.status_code == 200
    # The page offers what the user may do with this record (its access), not what the role may do elsewhere.
    assert reverse("organizations:edit", args=[donor.pk]) not in page.content.decode()
    assert not page.context["access"].can_edit
    assert client_b.get(reverse("organizations:edit", args=[donor.pk])).status_code == 403
    assert client_for(administrator).get(reverse("organizations:edit", args=[donor.pk])).status_code == 200
    assert reverse("organizations:edit", args=[donor.pk]) in client_for(administrator).get(
        reverse("organizations:detail", args=[donor.pk])).content.decode()


def test_the_export_holds_only_visible_records_and_neutralizes_formulas(client_b, branch_b, organization_a):
    OrganizationFactory(branch=branch_b, name_ar="=HYPERLINK(\"http://x\")", name_en="Safe")
    response = client_b.get(reverse("organizations:export"))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == 2
    assert rows[1][1].startswith("'=")
    assert "توتول" not in body


def test_affiliations_record_who_works_where(client_a, person_a, branch_a):
    other = OrganizationFactory(branch=branch_a)
    response = client_a.post(reverse("people:affiliation_add", args=[person_a.pk]),
                             {"organization": other.pk, "role": "منسق", "start_date": "2024-05-01",
                              "end_date": "2024-01-01"})
    assert response.status_code == 200 and "end_date" in response.context["form"].errors
    client_a.post(reverse("people:affiliation_add", args=[person_a.pk]),
                  {"organization": other.pk, "role": "منسق", "start_date": "2024-01-01"})
    assert person_a.affiliations.count() == 2
