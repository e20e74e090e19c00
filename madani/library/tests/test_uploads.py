"""Library uploads are checked by content, not by name, with a limit per kind (issue 5)."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext

from madani.core.templatetags.bidi import separator
from madani.library import services
from madani.library.models import ACCEPTED_EXTENSIONS, Resource
from madani.sampledata.files import wav_bytes

from .conftest import EXECUTABLE, HTML, M4A, MP3, MP3_WITHOUT_TAG, MP4, OGG, PDF, WEBM, package, upload


def _types(kind):
    return separator().join(ACCEPTED_EXTENSIONS[kind])  # «، » on an Arabic page


def _mismatch(kind):
    return gettext("The file's content does not match its type. Accepted types: %(types)s.") % {"types": _types(kind)}


def test_a_pdf_is_accepted_as_a_document_with_its_size_and_type_recorded(add_resource):
    resource = add_resource(name="guide.pdf", content=PDF)
    assert resource.content_type == "application/pdf"
    assert resource.size == len(PDF)
    assert resource.file.read() == PDF


@pytest.mark.parametrize("content", [EXECUTABLE, HTML], ids=["executable", "web page"])
def test_a_program_or_a_web_page_renamed_pdf_is_refused(add_resource, content):
    with pytest.raises(ValidationError) as error:
        add_resource(name="guide.pdf", content=content)
    assert error.value.message_dict["file"] == [
        _mismatch("document")]
    assert not Resource.objects.exists()


@pytest.mark.parametrize("name, content", [
    ("episode.mp3", MP3), ("episode.mp3", MP3_WITHOUT_TAG), ("episode.ogg", OGG), ("episode.opus", OGG),
    ("episode.m4a", M4A), ("episode.wav", None),
])
def test_common_audio_files_are_accepted_as_audio(add_resource, name, content):
    resource = add_resource(kind="audio", name=name, content=content or wav_bytes(0.1))
    assert resource.content_type.startswith("audio/")


def test_an_mp3_is_served_as_audio_mpeg(add_resource):
    assert add_resource(kind="audio", name="episode.mp3", content=MP3).content_type == "audio/mpeg"


@pytest.mark.parametrize("name, content, content_type", [("lecture.mp4", MP4, "video/mp4"),
                                                         ("lecture.webm", WEBM, "video/webm")])
def test_mp4_and_webm_are_accepted_as_video(add_resource, name, content, content_type):
    assert add_resource(kind="video", name=name, content=content).content_type == content_type


def test_a_pdf_is_refused_as_a_video(add_resource):
    with pytest.raises(ValidationError) as error:
        add_resource(kind="video", name="lecture.pdf", content=PDF)
    assert error.value.message_dict["file"] == [
        gettext("Upload a file of one of these types: %(types)s.") % {"types": _types("video")}]


def test_a_pdf_renamed_mp4_is_refused_as_a_video(add_resource):
    with pytest.raises(ValidationError) as error:
        add_resource(kind="video", name="lecture.mp4", content=PDF)
    assert error.value.message_dict["file"] == [
        _mismatch("video")]


def test_an_mp3_is_refused_as_a_document(add_resource):
    with pytest.raises(ValidationError):
        add_resource(kind="document", name="episode.mp3", content=MP3)


@pytest.mark.parametrize("name, content", [
    ("slides.pptx", package("ppt/presentation.xml")),
    ("book.epub", package("OEBPS/content.opf", mimetype="application/epub+zip")),
    ("notes.odt", package("content.xml", mimetype="application/vnd.oasis.opendocument.text")),
    ("plan.docx", package("word/document.xml")),
    ("budget.xlsx", package("xl/workbook.xml")),
])
def test_office_documents_and_ebooks_are_accepted(add_resource, name, content):
    assert add_resource(name=name, content=content).file.name.endswith(name.rsplit(".")[1])


def test_a_spreadsheet_renamed_pptx_is_refused(add_resource):
    with pytest.raises(ValidationError):
        add_resource(name="slides.pptx", content=package("xl/workbook.xml"))


def test_each_kind_has_its_own_size_limit(add_resource, settings):
    settings.MADANI_LIBRARY_MAX_AUDIO_MB = 0
    with pytest.raises(ValidationError) as error:
        add_resource(kind="audio", name="episode.mp3", content=MP3)
    assert error.value.message_dict["file"] == [
        gettext("The file is too large (at most %(size)s).") % {"size": filesizeformat(0)}]
    assert add_resource(kind="document", name="guide.pdf", content=PDF)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.org/guide.pdf", "data:text/html,hi",
                                 "file:///etc/passwd"])
def test_a_link_must_be_a_web_address(add_resource, url):
    with pytest.raises(ValidationError) as error:
        add_resource(kind="link", url=url)
    assert "url" in error.value.message_dict


def test_a_link_is_saved_without_a_file(add_resource):
    resource = add_resource(kind="link", url="https://data.humdata.org/dataset/cod-ab-syr")
    assert not resource.file and resource.size is None


def test_a_file_resource_needs_a_file_and_a_link_needs_no_file(staff_a, branch_a):
    with pytest.raises(ValidationError) as error:
        services.resource_create(actor=staff_a, data={"kind": "audio", "title_ar": "حلقة", "branch": branch_a})
    assert "file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(actor=staff_a, data={"kind": "link", "title_ar": "رابط", "branch": branch_a,
                                                      "url": "https://example.org"}, upload=upload("a.pdf", PDF))
    assert "file" in error.value.message_dict


def test_the_form_shows_why_a_file_is_refused_and_saves_nothing(client_a, branch_a, settings):
    response = client_a.post(reverse("library:create"), {
        "kind": "document", "title_ar": "دليل", "language": "ar", "access": "public", "branch": branch_a.pk,
        "file": upload("guide.pdf", HTML),
    })
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        _mismatch("document")]
    assert not Resource.objects.exists()
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))


def test_a_staff_member_adds_a_document_through_the_form(client_a, branch_a):
    response = client_a.post(reverse("library:create"), {
        "kind": "document", "title_ar": "  دليل   التربية المدنية ", "title_en": "Civic education guide",
        "language": "ar", "access": "members", "branch": branch_a.pk, "year": 2022, "file": upload("guide.pdf", PDF),
    })
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("library:detail", args=[resource.pk])
    assert resource.title_ar == "دليل التربية المدنية" and resource.size == len(PDF)
    assert resource.added_by.email == "staff.a@example.org"


def test_replacing_the_file_removes_the_old_one_from_the_store(add_resource, staff_a, branch_a,
                                                               django_capture_on_commit_callbacks):
    resource = add_resource(kind="audio", name="episode.mp3", content=MP3)
    old = resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(actor=staff_a, resource=resource, data={}, upload=upload("episode-2.ogg", OGG))
    resource.refresh_from_db()
    assert resource.content_type == "audio/ogg" and resource.size == len(OGG)
    assert default_storage.exists(resource.file.name) and not default_storage.exists(old)


def test_editing_without_a_new_file_keeps_the_stored_one(client_a, add_resource, branch_a):
    resource = add_resource(kind="audio", name="episode.mp3", content=MP3)
    stored = resource.file.name
    response = client_a.post(reverse("library:edit", args=[resource.pk]), {
        "kind": "audio", "title_ar": "حلقة إذاعية", "language": "ar", "access": "public", "branch": branch_a.pk,
    })
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.file.name == stored and resource.title_ar == "حلقة إذاعية"


def test_changing_the_kind_needs_a_file_of_the_new_kind(client_a, add_resource, branch_a):
    resource = add_resource(name="guide.pdf", content=PDF)
    response = client_a.post(reverse("library:edit", args=[resource.pk]), {
        "kind": "video", "title_ar": "دليل", "language": "ar", "access": "public", "branch": branch_a.pk,
    })
    assert response.context["form"].errors["file"] == [
        gettext("Upload a file of one of these types: %(types)s.") % {"types": _types("video")}]


def test_deleting_a_resource_removes_its_file(client_a, add_resource, django_capture_on_commit_callbacks):
    resource = add_resource()
    name = resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("library:delete", args=[resource.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert not Resource.objects.exists() and not default_storage.exists(name)
