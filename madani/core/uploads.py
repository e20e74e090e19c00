"""Uploaded files (DESIGN.md §5): type-checked on the way in, served as attachments on the way out,
only through views that check who may see them (never from a public media URL)."""

import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from madani.core.templatetags.bidi import separator

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _starts_with(*signatures):
    return lambda head, upload: head.startswith(signatures)


def _package(member, mimetype=None):
    """A ZIP archive (Office Open XML, OpenDocument, EPUB) holding ``member``; for OpenDocument and
    EPUB, the ``mimetype`` member names the format."""

    def check(head, upload):
        try:
            with zipfile.ZipFile(upload) as archive:
                if member not in archive.namelist():
                    return False
                return mimetype is None or archive.read(member).strip() == mimetype
        except zipfile.BadZipFile:
            return False

    return check


def _mp3(head, upload):
    """An ID3 tag, or straight away an MPEG audio frame (eleven sync bits, layer III)."""
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE6 == 0xE2)


def _iso_media(head, upload):
    """MP4 / M4A (ISO base media file): the first box is 'ftyp'."""
    return head[4:8] == b"ftyp"


def _wav(head, upload):
    return head.startswith(b"RIFF") and head[8:12] == b"WAVE"


def _webm(head, upload):
    """An EBML header whose document type is 'webm'."""
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]


ODT = "application/vnd.oasis.opendocument.text"
EPUB = "application/epub+zip"

# Extension → (content type served, check of what the file must look like inside).
FILE_TYPES = {
    ".pdf": ("application/pdf", _starts_with(b"%PDF-")),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _package("word/document.xml")),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _package("xl/workbook.xml")),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
              _package("ppt/presentation.xml")),
    ".odt": (ODT, _package("mimetype", ODT.encode())),
    ".epub": (EPUB, _package("mimetype", EPUB.encode())),
    ".mp3": ("audio/mpeg", _mp3),
    ".ogg": ("audio/ogg", _starts_with(b"OggS")),
    ".opus": ("audio/ogg", _starts_with(b"OggS")),
    ".m4a": ("audio/mp4", _iso_media),
    ".wav": ("audio/wav", _wav),
    ".mp4": ("video/mp4", _iso_media),
    ".webm": ("video/webm", _webm),
}
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".xlsx", ".odt")


def _looks_like(upload, extension) -> bool:
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    ok = FILE_TYPES[extension][1](head, upload)
    upload.seek(0)
    return ok


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def validate_upload(upload, *, extensions, max_bytes) -> str:
    """Refuse a file whose name is not one of ``extensions``, that is larger than ``max_bytes``, or whose
    content is not what its name says. Returns the content type to serve it with."""
    extension = extension_of(upload.name)
    types = separator().join(extensions)
    if extension not in extensions:
        raise ValidationError(_("Upload a file of one of these types: %(types)s.") % {"types": types})
    if upload.size > max_bytes:
        raise ValidationError(_("The file is too large (at most %(size)s).") % {"size": filesizeformat(max_bytes)})
    if not _looks_like(upload, extension):
        raise ValidationError(
            _("The file's content does not match its type. Accepted types: %(types)s.") % {"types": types})
    return FILE_TYPES[extension][0]


def validate_document(upload) -> None:
    """A PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file, whose content matches its
    extension, of at most MAX_DOCUMENT_BYTES."""
    if extension_of(upload.name) not in DOCUMENT_EXTENSIONS:
        raise ValidationError(_("Upload a PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt) file."))
    validate_upload(upload, extensions=DOCUMENT_EXTENSIONS, max_bytes=MAX_DOCUMENT_BYTES)


def content_type_of(name: str) -> str:
    return FILE_TYPES.get(extension_of(name), ("application/octet-stream",))[0]


def attachment_response(field_file) -> FileResponse:
    """Serve a stored file as a download, never displayed inline by the browser."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(field_file.name),
                        content_type=content_type_of(field_file.name))


# A sheet may hold this many empty rows per row of the limit (Excel keeps formatted empty rows) before
# the count stops: reading them costs as much as reading full ones.
EMPTY_ROWS_FACTOR = 10


def too_many_rows(sheet: str, limit: int) -> ValidationError:
    return ValidationError(_("The sheet “%(sheet)s” has more than %(limit)s rows, the most this upload accepts.")
                           % {"sheet": sheet, "limit": limit})


def rows_exceed(filled: int, seen: int, max_rows: int) -> bool:
    """Whether a sheet read so far (``filled`` rows with a value among ``seen`` rows) is over
    ``max_rows`` rows under its header row."""
    return filled > max_rows + 1 or seen > (max_rows + 1) * EMPTY_ROWS_FACTOR


def check_workbook_bounds(data: bytes, *, max_rows: int | None, first_sheet_only: bool = False,
                          reader_skips_empty_rows: bool = False) -> None:
    """Refuse an .xlsx workbook before anything parses it in full: when its parts unpack to more than
    ``MADANI_XLSX_MAX_UNPACKED_MB`` (a zip bomb), or (unless ``max_rows`` is None, for a reader that
    counts as it reads) when a sheet (the first only, with ``first_sheet_only``: the only one read) has
    more than ``max_rows`` rows under its header row. Each sheet's
    XML is streamed (lxml) and the count stops at the limit, so a 200,000-row sheet costs a few thousand
    rows' reading; openpyxl is not used for this, as without a <dimension> it first reads the whole sheet.
    A file that is not a workbook at all is left to the caller's reader. ``reader_skips_empty_rows``: the
    caller's reader stops at a run of empty rows (pyxform's), so rows numbered far down do not count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return
    limit_bytes = settings.MADANI_XLSX_MAX_UNPACKED_MB * 1024 * 1024
    with archive:
        # zipfile never inflates a member past its declared size, so the declared sizes bound the work.
        if sum(info.file_size for info in archive.infolist()) > limit_bytes:
            raise ValidationError(_("The workbook unpacks to more than %(megabytes)s MB, the most this upload "
                                    "accepts.") % {"megabytes": settings.MADANI_XLSX_MAX_UNPACKED_MB})
        if max_rows is None:
            return
        parts = _sheet_parts(archive)
        for title, path in parts[:1] if first_sheet_only else parts:
            if _rows_exceed(archive, path, max_rows, reader_skips_empty_rows):
                raise too_many_rows(title, max_rows)


MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _xml(archive, name):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(archive.read(name), parser)


def _sheet_parts(archive) -> list[tuple[str, str]]:
    """(sheet title, zip member of its XML) for every worksheet of the workbook."""
    import posixpath

    try:
        targets = {rel.get("Id"): rel.get("Target", "") for rel in
                   _xml(archive, "xl/_rels/workbook.xml.rels").iter(f"{PACKAGE_RELATIONSHIPS}Relationship")}
        sheets = _xml(archive, "xl/workbook.xml").iter(f"{MAIN}sheet")
    except Exception:  # noqa: BLE001 - not a workbook we can read: the caller's reader says so
        return []
    names = set(archive.namelist())
    parts = []
    for sheet in sheets:
        target = targets.get(sheet.get(f"{RELATIONSHIPS}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if path in names:
            parts.append((sheet.get("name", ""), path))
    return parts


def _rows_exceed(archive, path: str, max_rows: int, reader_skips_empty_rows: bool = False) -> bool:
    """Whether the sheet at ``path`` has more than ``max_rows`` rows with a value under its header, or
    numbers a row so far down (``<row r="1048576">``) that a reader would walk through empty rows."""
    from lxml import etree

    filled = seen = 0
    with archive.open(path) as stream:
        try:
            for _event, row in etree.iterparse(stream, events=("end",), tag=f"{MAIN}row",
                                               resolve_entities=False, no_network=True):
                seen += 1
                number = row.get("r", "")
                seen = max(seen, int(number)) if number.isdigit() else seen
                filled += any(cell.tag in (f"{MAIN}v", f"{MAIN}is") for cell in row.iter())
                row.clear()
                if rows_exceed(filled, filled if reader_skips_empty_rows else seen, max_rows):
                    return True
        except etree.XMLSyntaxError:
            return False  # a damaged sheet: the caller's reader says so
    return False
