"""Issue 10: two staff editing the same record — the later save never silently erases the earlier one.

Every edit form (organizations, people, activities, sessions, programs, news posts, library
resources) carries the version it was opened at; a save after someone else's is refused, names what
changed, keeps the user's input, and a second, deliberate save goes through."""

import threading
import time
from dataclasses import dataclass
from typing import Callable

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from conftest import client_for
from madani.activities import services as activity_services
from madani.core.concurrency import StaleVersion, form_token, version_of
from madani.library import services as library_services
from madani.news import services as news_services
from madani.organizations import services as organization_services
from madani.organizations.models import Organization
from madani.people import services as people_services
from tests.factories import BranchFactory, OrganizationFactory, UserFactory


@dataclass
class Case:
    name: str
    record: Callable  # (pytest request) -> the record
    editor: str  # persona fixture that opens the form
    url: Callable  # record -> edit URL
    mine: tuple  # (form field, the editor's new value)
    theirs: Callable  # (record, actor) -> someone else's save through the service, without a version
    changed_label: str  # the label of the field the other person changed (English)
    their_value: str


def _post(request):
    staff_a, branch_a = request.getfixturevalue("staff_a"), request.getfixturevalue("branch_a")
    return news_services.newspost_create(actor=staff_a, data={
        "title_ar": "خبر الرقة", "title_en": "Raqqa news", "body_ar": "نص.", "body_en": "Text.", "branch": branch_a})


def _resource(request):
    staff_a, branch_a = request.getfixturevalue("staff_a"), request.getfixturevalue("branch_a")
    return library_services.resource_create(actor=staff_a, data={
        "kind": "link", "access": "public", "title_ar": "دليل", "title_en": "Guide", "branch": branch_a,
        "url": "https://example.org/guide"})


CASES = [
    Case("organization", lambda r: r.getfixturevalue("organization_a"), "staff_a",
         lambda o: reverse("organizations:edit", args=[o.pk]), ("acronym", "MINE"),
         lambda o, actor: organization_services.organization_update(
             actor=actor, organization=o, data={"name_en": "Renamed by a colleague"}),
         "Name in English", "Renamed by a colleague"),
    Case("person", lambda r: r.getfixturevalue("person_a"), "staff_a",
         lambda p: reverse("people:edit", args=[p.pk]), ("notes", "My note about her"),
         lambda p, actor: people_services.person_update(actor=actor, person=p, data={"name_latin": "Ahmad Al-Khalaf"}),
         "Name in Latin letters", "Ahmad Al-Khalaf"),
    Case("activity", lambda r: r.getfixturevalue("activity_a"), "staff_a",
         lambda a: reverse("activities:edit", args=[a.pk]), ("goals", "My goals"),
         lambda a, actor: activity_services.activity_update(actor=actor, activity=a,
                                                            data={"title_en": "Retitled by a colleague"}),
         "Title in English", "Retitled by a colleague"),
    Case("session", lambda r: r.getfixturevalue("activity_a").sessions.first(), "staff_a",
         lambda s: reverse("activities:session_edit", args=[s.activity_id, s.pk]), ("outcome", "My outcome"),
         lambda s, actor: activity_services.session_update(actor=actor, session=s, data={"topic": "Their topic"}),
         "Topic", "Their topic"),
    Case("program", lambda r: r.getfixturevalue("activity_a").program, "administrator",
         lambda p: reverse("activities:program_edit", args=[p.pk]), ("description_en", "My description"),
         lambda p, actor: activity_services.program_save(actor=actor, program=p,
                                                         data={"name_en": "Renamed by a colleague"}),
         "Name in English", "Renamed by a colleague"),
    Case("news post", _post, "staff_a",
         lambda p: reverse("news:edit", args=[p.pk]), ("summary_en", "My summary"),
         lambda p, actor: news_services.newspost_update(actor=actor, post=p,
                                                        data={"title_en": "Retitled by a colleague"}),
         "Title in English", "Retitled by a colleague"),
    Case("library resource", _resource, "staff_a",
         lambda r: reverse("library:edit", args=[r.pk]), ("authors", "Me and others"),
         lambda r, actor: library_services.resource_update(actor=actor, resource=r,
                                                           data={"title_en": "Retitled by a colleague"}),
         "Title in English", "Retitled by a colleague"),
]


def form_data(form) -> dict:
    """What the browser sends back for ``form`` as drawn (unbound: the record's values; bound: the input)."""
    data = {}
    for field in form:
        if getattr(field.field.widget, "input_type", None) == "file":
            continue
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[field.html_name] = [str(v) for v in value]
        else:
            formatted = field.field.widget.format_value(value)
            data[field.html_name] = "" if formatted is None else formatted
    return data


def page_data(response) -> dict:
    """The form of an edit page, and its inline formset if it has one (a program's phases)."""
    data = form_data(response.context["form"])
    formset = response.context.get("phases")
    if formset is not None:
        data.update(form_data(formset.management_form))
        for form in formset:
            data.update(form_data(form))
    return data


@pytest.fixture
def colleague(administrator):
    """Someone else saving the same record meanwhile."""
    return administrator


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_save_after_someone_else_s_is_refused_and_says_what_changed(case, request, colleague):
    record = case.record(request)
    client = client_for(request.getfixturevalue(case.editor))
    with translation.override("en"):
        url = case.url(record)
    page = client.get(url)
    assert page.status_code == 200
    data = page_data(page)
    assert data.get("version")  # the page carries the version it was opened at
    assert f'name="version" value="{data["version"]}"' in page.content.decode()
    field, mine = case.mine
    data[field] = mine

    case.theirs(type(record).objects.get(pk=record.pk), colleague)  # saved while the form was open
    response = client.post(url, data)

    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("Someone else changed this record after you opened this page, so nothing was saved.") == 1
    assert f"{case.changed_label}: yours" in text and case.their_value in text
    assert mine in text and response.context["form"][field].value() == mine  # the user's input is kept
    record = type(record).objects.get(pk=record.pk)
    assert getattr(record, field) != mine  # nothing was saved...
    assert case.their_value in [getattr(record, f, None) for f in ("name_en", "name_latin", "title_en", "topic")]

    again = page_data(response)  # ...until the user saves again, knowingly
    assert again["version"] != data["version"]
    assert client.post(url, again).status_code == 302
    assert getattr(type(record).objects.get(pk=record.pk), field) == mine


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_save_from_a_fresh_form_goes_through(case, request, db):
    record = case.record(request)
    client = client_for(request.getfixturevalue(case.editor))
    with translation.override("en"):
        url = case.url(record)
    data = page_data(client.get(url))
    field, mine = case.mine
    data[field] = mine
    assert client.post(url, data).status_code == 302
    assert getattr(type(record).objects.get(pk=record.pk), field) == mine


def test_a_change_to_what_the_form_does_not_show_is_no_conflict(request, staff_a, colleague):
    """A colleague publishes the draft while it is open in the editor: publishing changes the status,
    not the text, so fixing a typo still saves (and the post stays published)."""
    post = _post(request)
    client = client_for(staff_a)
    with translation.override("en"):
        url = reverse("news:edit", args=[post.pk])
    data = page_data(client.get(url))
    data["body_en"] = "Text, without the typo."
    news_services.newspost_publish(actor=colleague, post=post)
    assert client.post(url, data).status_code == 302
    post.refresh_from_db()
    assert post.body_en == "Text, without the typo." and post.status == "published"


def test_two_saves_from_the_same_version_cannot_both_pass(organization_a, staff_a, db):
    version = version_of(organization_a)
    with transaction.atomic():
        organization_services.organization_update(actor=staff_a, organization=organization_a,
                                                  data={"acronym": "FIRST"}, version=version)
    with pytest.raises(StaleVersion), transaction.atomic():
        organization_services.organization_update(actor=staff_a, organization=organization_a,
                                                  data={"acronym": "SECOND"}, version=version)
    organization_a.refresh_from_db()
    assert organization_a.acronym == "FIRST"


def test_the_version_does_not_depend_on_the_language(organization_a):
    with translation.override("en"):
        english = version_of(organization_a), form_token(organization_a, ["name_ar", "name_en"])
    with translation.override("ar"):
        arabic = version_of(organization_a), form_token(organization_a, ["name_ar", "name_en"])
    assert english == arabic


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent transactions need PostgreSQL; SQLite serializes writers (IMMEDIATE)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_from_the_same_version_cannot_both_pass():
    """The first save holds the row (SELECT … FOR UPDATE) until it commits; the second, started
    meanwhile with the same version, waits, then sees the first one's change and is refused."""
    branch = BranchFactory()
    organization = OrganizationFactory(branch=branch)
    actor = UserFactory(role="branch_manager", branches=[branch])
    version = version_of(organization)
    locked, results, errors = threading.Event(), [], []

    def first():
        try:
            with transaction.atomic():
                organization_services.organization_update(
                    actor=actor, organization=Organization.objects.get(pk=organization.pk), data={"acronym": "FIRST"},
                    version=version)
                locked.set()
                time.sleep(0.5)  # still holding the row when the second save checks
            results.append("first saved")
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            locked.set()
            connection.close()

    def second():
        try:
            locked.wait(timeout=10)
            organization_services.organization_update(
                actor=actor, organization=Organization.objects.get(pk=organization.pk), data={"acronym": "SECOND"},
                version=version)
            results.append("second saved")
        except StaleVersion:
            results.append("second refused")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(results) == ["first saved", "second refused"]
    assert Organization.objects.get(pk=organization.pk).acronym == "FIRST"


def test_an_empty_text_rewritten_as_null_is_no_change(organization_a, staff_a, colleague):
    """One path stores an empty description as NULL, another as "": the person editing sees no conflict
    (and no "yours «—», now «—»" line)."""
    Organization.objects.filter(pk=organization_a.pk).update(description_en=None)
    client = client_for(staff_a)
    url = reverse("organizations:edit", args=[organization_a.pk])
    data = page_data(client.get(url))
    Organization.objects.filter(pk=organization_a.pk).update(description_en="")
    data["acronym"] = "MINE"
    assert client.post(url, data).status_code == 302
    assert Organization.objects.get(pk=organization_a.pk).acronym == "MINE"
