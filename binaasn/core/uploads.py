"""Checks every uploaded file passes before anything reads it: size, type by content, and for
XLSX (a zip) the uncompressed size and ratio, so a decompression bomb is refused unread."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_XLSX_RATIO = 100
MAX_XLSX_MEMBERS = 10_000

SIGNATURES = {
    "pdf": [b"%PDF-"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "jpeg": [b"\xff\xd8\xff"],
    "zip": [b"PK\x03\x04"],
    "ole": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
}
EXECUTABLE_SIGNATURES = [b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe"]


def max_upload_bytes():
    return settings.UPLOAD_MAX_MB * 1024 * 1024


def check_size(upload):
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": settings.UPLOAD_MAX_MB},
            code="too_large",
        )


def _head(upload, n=8192):
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def sniff(upload):
    """The kind of file by its first bytes: pdf, png, jpeg, xlsx, docx, pptx, ole, text or None."""
    head = _head(upload)
    for kind, sigs in SIGNATURES.items():
        if any(head.startswith(sig) for sig in sigs):
            if kind == "zip":
                return _office_kind(upload)
            return kind
    if any(head.startswith(sig) for sig in EXECUTABLE_SIGNATURES):
        return None
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character may be cut at the end of the sample.
        if error.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return None
    return "text"


def _office_kind(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return "zip"


def check_zip_bomb(upload):
    """Refuse an XLSX whose members would unpack too large or too compressed to be honest."""
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationError(
            _("The XLSX file is damaged and cannot be read."), code="bad_zip"
        ) from None
    finally:
        upload.seek(0)
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if (
        len(infos) > MAX_XLSX_MEMBERS
        or total > MAX_XLSX_UNCOMPRESSED
        or total / packed > MAX_XLSX_RATIO
    ):
        raise ValidationError(
            _("The XLSX file unpacks to an unreasonable size and was refused unread."),
            code="zip_bomb",
        )


def validate_spreadsheet(upload):
    """Return "xlsx" or "csv" for an acceptable import file, else raise ValidationError."""
    check_size(upload)
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(upload)
    if kind == "xlsx":
        check_zip_bomb(upload)
        return "xlsx"
    if kind == "text":
        return "csv"
    raise ValidationError(
        _("The file is not a spreadsheet. Upload an XLSX or CSV file."), code="not_spreadsheet"
    )


EVIDENCE_KINDS = {"pdf", "png", "jpeg", "xlsx", "docx", "pptx", "ole"}


def validate_document(upload):
    """Evidence files: PDF, an image or an office document within the size limit."""
    check_size(upload)
    kind = sniff(upload)
    if kind not in EVIDENCE_KINDS:
        raise ValidationError(
            _("Upload a PDF, an image (PNG/JPEG) or an office document."), code="bad_type"
        )
    if kind in {"xlsx", "docx", "pptx"}:
        check_zip_bomb(upload)
    return kind
