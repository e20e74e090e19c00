"""Uploaded documents (DESIGN.md §5): type-checked on the way in, served as attachments on the way out,
only through views that check who may see them (never from a public media URL)."""

import os
import zipfile

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# Extension → what the file must look like inside: PDF's signature, or the member that identifies an
# Office Open XML / OpenDocument package (all three are ZIP archives).
DOCUMENT_TYPES = {
    ".pdf": ("application/pdf", None),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/document.xml"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/workbook.xml"),
    ".odt": ("application/vnd.oasis.opendocument.text", "mimetype"),
}


def _looks_like(upload, extension) -> bool:
    upload.seek(0)
    if extension == ".pdf":
        ok = upload.read(5) == b"%PDF-"
    else:
        try:
            with zipfile.ZipFile(upload) as archive:
                member = DOCUMENT_TYPES[extension][1]
                ok = member in archive.namelist()
                if ok and extension == ".odt":
                    ok = archive.read("mimetype").strip() == DOCUMENT_TYPES[".odt"][0].encode()
        except zipfile.BadZipFile:
            ok = False
    upload.seek(0)
    return ok


def validate_document(upload) -> None:
    """A PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file, whose content matches its
    extension, of at most MAX_DOCUMENT_BYTES."""
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(_("Upload a PDF, Word (.docx), Excel (.xlsx) or OpenDocument (.odt) file."))
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The file is too large (at most %(size)s).") % {"size": filesizeformat(MAX_DOCUMENT_BYTES)})
    if not _looks_like(upload, extension):
        raise ValidationError(_("The file's content does not match its type."))


def attachment_response(field_file) -> FileResponse:
    """Serve a stored file as a download, never displayed inline by the browser."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = os.path.splitext(field_file.name)[1].lower()
    content_type = DOCUMENT_TYPES.get(extension, ("application/octet-stream",))[0]
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(field_file.name),
                        content_type=content_type)
