"""Uploaded files (DESIGN.md §5): type-checked on the way in, served as attachments on the way out,
only through views that check who may see them (never from a public media URL)."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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
    types = ", ".join(extensions)
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
