"""`madani backup` and `madani restore` (issue 10): one archive brings back every row of every table and
every uploaded file, byte for byte — on SQLite and on PostgreSQL."""

import hashlib
import io
import sqlite3
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from madani.core.backup import stored_files
from madani.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FILES = {
    "library/2026/guide.pdf": b"%PDF-1.4 a guide\n" + bytes(range(256)) * 40,
    "news/covers/قافلة.jpg": b"\xff\xd8\xff\xe0" + b"jpeg" * 3000,
    "activities/deliverables/report.docx": b"PK\x03\x04" + b"\0" * 5000,
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def install(media, activity_a, cso_member, staff_b, trainer_a):
    """Demo-like rows (branches, people, an activity with sessions and attendance, accounts) and a few
    uploaded files."""
    for name, content in FILES.items():
        assert default_storage.save(name, ContentFile(content)) == name


def every_row() -> dict[str, list]:
    with connection.cursor() as cursor:
        rows = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted((repr(row) for row in cursor.fetchall()))
    return rows


def every_file() -> dict[str, str]:
    hashes = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as handle:
            hashes[name] = hashlib.sha256(handle.read()).hexdigest()
    return hashes


def wipe(media):
    """An empty install: no table at all, no file."""
    if connection.vendor == "sqlite":
        empty = sqlite3.connect(":memory:")
        empty.backup(connection.connection)
        empty.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    for name in stored_files():
        default_storage.delete(name)
    assert connection.introspection.table_names() == [] and stored_files() == []


def _backup(tmp_path) -> str:
    path = tmp_path / "backup.tar.gz"
    call_command("backup", output=path, stdout=io.StringIO())
    return path


def test_a_backup_restored_into_an_empty_install_brings_back_every_row_and_every_file(install, media, tmp_path):
    rows, files = every_row(), every_file()
    assert set(FILES) <= set(files) and rows["people_person"] and rows["activities_attendance"]
    path = _backup(tmp_path)
    wipe(media)
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    assert every_row() == rows
    assert every_file() == files
    assert "Restore complete." in out.getvalue()


def test_restore_refuses_an_install_that_holds_data_unless_forced(install, media, tmp_path):
    path = _backup(tmp_path)
    rows = every_row()
    Person.objects.update(full_name="اسم بعد النسخة")
    default_storage.delete("library/2026/guide.pdf")
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path), stdout=io.StringIO())
    assert set(Person.objects.values_list("full_name", flat=True)) == {"اسم بعد النسخة"}
    call_command("restore", str(path), "--force", stdout=io.StringIO())
    assert every_row() == rows
    with default_storage.open("library/2026/guide.pdf", "rb") as handle:
        assert handle.read() == FILES["library/2026/guide.pdf"]


def test_a_damaged_backup_is_refused_before_anything_changes(install, media, tmp_path):
    path = _backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "files/library/2026/guide.pdf":
                content = content.replace(b"guide", b"GUIDE")
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    wipe(media)
    with pytest.raises(CommandError, match="library/2026/guide.pdf does not match"):
        call_command("restore", str(damaged), stdout=io.StringIO())
    assert connection.introspection.table_names() == [] and stored_files() == []
    call_command("restore", str(path), stdout=io.StringIO())  # the good copy still restores
