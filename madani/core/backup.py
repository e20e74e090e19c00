"""Backup and restore of a whole install (issue 10): the database and every uploaded file, in one archive.

The archive is a gzipped tar holding

* ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom`` of PostgreSQL, restored with ``pg_restore``);
* ``files/<name>`` for every file of the default storage (MEDIA_ROOT, or the S3-compatible store),
  read and written through Django's storage API;
* ``manifest.json``, written last: the row count of every table, the SHA-256 of the database dump and
  of every file.

``restore`` checks every hash before it touches anything, refuses an install that already holds data
(an account or a stored file) unless ``force``, replaces the database, puts the files back, then checks
the row count of every table against the manifest.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    return digest.hexdigest()


# --- what is there ------------------------------------------------------------------------------


def table_counts() -> dict[str, int]:
    """The number of rows of every table of the database."""
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_files(storage=None, folder: str = "") -> list[str]:
    """Every file name of the storage, recursively, sorted."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_files(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def install_holds_data() -> bool:
    """Whether anyone has used this install: an account exists or a file is stored. A fresh ``migrate``
    (gazetteer, built-in forms and other data that migrations add) holds none."""
    from madani.accounts.models import User

    if User._meta.db_table in connection.introspection.table_names() and User.objects.exists():
        return True
    return bool(stored_files())


# --- backup -------------------------------------------------------------------------------------


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)  # the live connection: file or in-memory database
    finally:
        destination.close()


def _pg_environment() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update({"PGDATABASE": db["NAME"], "PGUSER": db.get("USER") or env.get("PGUSER", "postgres")})
    if db.get("HOST"):
        env["PGHOST"] = db["HOST"]
    if db.get("PORT"):
        env["PGPORT"] = str(db["PORT"])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str]) -> None:
    if not shutil.which(command[0]):
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sqlite_counts(path: Path) -> dict[str, int]:
    """The row count of every table of the SQLite file at ``path`` (Django's tables, as introspection
    lists them: SQLite's own sqlite_* tables left out)."""
    database = sqlite3.connect(path)
    try:
        tables = [row[0] for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        database.close()


def _dump_database(folder: Path) -> tuple[str, dict[str, int]]:
    """Dump the database into ``folder``; returns the dump's name and the row counts of what it holds."""
    if connection.vendor == "sqlite":
        _dump_sqlite(folder / SQLITE_DUMP)
        return SQLITE_DUMP, _sqlite_counts(folder / SQLITE_DUMP)
    if connection.vendor == "postgresql":
        # The counts and pg_dump read the same snapshot, so they agree even while the site is written to.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            counts = table_counts()
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-acl", f"--snapshot={snapshot}",
                  f"--file={folder / POSTGRES_DUMP}"])
        return POSTGRES_DUMP, counts
    raise BackupError(f"Backups of a {connection.vendor} database are not supported.")


def _add(archive: tarfile.TarFile, name: str, handle, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(datetime.datetime.now().timestamp()), 0o600
    archive.addfile(info, handle)


def backup_create(path: Path, *, log=lambda line: None) -> dict:
    """Write the backup archive to ``path``; returns its manifest."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        dump, counts = _dump_database(folder)
        with open(folder / dump, "rb") as handle:
            database = {"file": dump, "vendor": connection.vendor, "sha256": _sha256(handle)}
        manifest = {"format": FORMAT, "created": datetime.datetime.now(datetime.UTC).isoformat(),
                    "database": database, "tables": counts, "files": {}}
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(folder / dump, arcname=dump)
            for name in stored_files():
                with tempfile.SpooledTemporaryFile(max_size=16 * CHUNK) as copy:
                    digest = hashlib.sha256()
                    with default_storage.open(name, "rb") as source:
                        for chunk in iter(lambda: source.read(CHUNK), b""):
                            digest.update(chunk)
                            copy.write(chunk)
                    size = copy.tell()
                    copy.seek(0)
                    _add(archive, FILES + name, copy, size)
                manifest["files"][name] = digest.hexdigest()
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            _add(archive, MANIFEST, io.BytesIO(body), len(body))
        partial.replace(path)
    log(f"{path}: {len(manifest['tables'])} tables, {sum(manifest['tables'].values()):,} rows, "
        f"{len(manifest['files'])} files.")
    return manifest


# --- restore ------------------------------------------------------------------------------------


def _member(archive: tarfile.TarFile, name: str):
    try:
        member = archive.getmember(name)
    except KeyError:
        raise BackupError(f"The archive has no {name}: it is not a Madani backup, or it is incomplete.") from None
    if not member.isfile():
        raise BackupError(f"{name} in the archive is not a file.")
    return archive.extractfile(member)


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(_member(archive, MANIFEST))
    except ValueError:
        raise BackupError("The archive's manifest is not readable.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def verify(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every hash of the manifest against the archive; BackupError naming the first that differs."""
    database = manifest["database"]
    if _sha256(_member(archive, database["file"])) != database["sha256"]:
        raise BackupError(f"{database['file']} does not match the manifest's SHA-256: the backup is damaged.")
    for name, expected in manifest["files"].items():
        if _sha256(_member(archive, FILES + name)) != expected:
            raise BackupError(f"The file {name} does not match the manifest's SHA-256: the backup is damaged.")


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError("Restore cannot run inside a transaction.")
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)  # page by page: the whole database, schema included
    finally:
        source.close()


def _restore_postgres(dump: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    connection.close()  # pg_restore works on its own connection
    _run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
          f"--dbname={connection.settings_dict['NAME']}", str(dump)])


def backup_restore(path: Path, *, force: bool = False, log=lambda line: None) -> dict:
    """Bring the backup at ``path`` back into this install; returns its manifest."""
    with tarfile.open(path, "r:gz") as archive:
        manifest = read_manifest(archive)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(f"This backup holds a {vendor} database; this install uses {connection.vendor}.")
        verify(archive, manifest)
        if install_holds_data() and not force:
            raise BackupError("This install already holds data (accounts or stored files). Restore into an empty "
                              "install, or add --force to replace its database and files.")
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / manifest["database"]["file"]
            with open(dump, "wb") as out:
                shutil.copyfileobj(_member(archive, manifest["database"]["file"]), out, CHUNK)
            for alias in connections:
                if alias != connection.alias:
                    connections[alias].close()
            (_restore_sqlite if vendor == "sqlite" else _restore_postgres)(dump)
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, File(_member(archive, FILES + name), name=name))
            if saved != name:
                raise BackupError(f"The file {name} was stored as {saved}.")
    counts = table_counts()
    different = {table: (rows, counts.get(table)) for table, rows in manifest["tables"].items()
                 if counts.get(table) != rows}
    if different:
        raise BackupError("After the restore these tables do not have the manifest's row counts "
                          f"(manifest, database): {different}")
    log(f"Restored {len(counts)} tables, {sum(counts.values()):,} rows, {len(manifest['files'])} files "
        f"from {path}.")
    return manifest
