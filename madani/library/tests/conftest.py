"""Small files of each type, generated here (no downloads), and a way to put them in the library."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from madani.library import services
from madani.sampledata.files import pdf_bytes

PDF = pdf_bytes("Civic education guide")
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x10\xc0" + bytes(100)) * 20  # ID3 tag, then silent frames
MP3_WITHOUT_TAG = (b"\xff\xfb\x10\xc0" + bytes(100)) * 20
OGG = b"OggS\x00\x02" + bytes(200)
M4A = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00isomiso2" + bytes(200)
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(200)
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + bytes(200)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def package(*members, mimetype=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        for member in members:
            archive.writestr(member, "<xml/>")
    return buffer.getvalue()


def upload(name, content) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def add_resource(staff_a, branch_a):
    """Add a resource of branch A through the service, as its branch manager would."""

    def add(title="دليل التربية المدنية", *, kind="document", access="public", name="guide.pdf", content=PDF,
            **data):
        data = {"kind": kind, "access": access, "title_ar": title, "branch": branch_a, **data}
        if kind == "link":
            data.setdefault("url", "https://example.org/video")
        file = None if kind == "link" else upload(name, content)
        return services.resource_create(actor=staff_a, data=data, upload=file)

    return add
