"""Uploads are checked before anything reads them: size, type by content, zip bombs."""

import pytest
from django.core.exceptions import ValidationError

from binaasn.core import uploads
from binaasn.core.tests.samples import (
    EXE_HEADER,
    image_bytes,
    large_upload,
    upload,
    xlsx_bytes,
    zip_bomb_xlsx_bytes,
)


def refusal(validator, file):
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


def test_a_normal_xlsx_is_accepted():
    assert uploads.validate_spreadsheet(upload("pegawai.xlsx", xlsx_bytes())) == "xlsx"


def test_an_xlsx_with_a_misleading_name_is_still_read_as_xlsx():
    assert uploads.validate_spreadsheet(upload("pegawai.csv", xlsx_bytes())) == "xlsx"


@pytest.mark.parametrize(
    "content",
    [
        b"NIP;Nama\n198505172010031001;Siti Aminah\n",
        "NIP,Nama\n198505172010031001,Siti Aminah — Perawat\n".encode(),
        "NIP,Nama\n198505172010031001,Désirée\n".encode("cp1252"),
    ],
    ids=["semicolons", "utf-8", "windows-1252"],
)
def test_csv_text_is_accepted(content):
    assert uploads.validate_spreadsheet(upload("pegawai.csv", content, "text/csv")) == "csv"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (image_bytes("PNG"), "PNG"),
        (EXE_HEADER + b"\x00" * 500, "EXE"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
    ],
    ids=["png", "exe", "pdf"],
)
def test_other_files_renamed_csv_are_refused(content, kind):
    error = refusal(uploads.validate_spreadsheet, upload("pegawai.csv", content, "text/csv"))
    assert error.code == "not_spreadsheet"


def test_an_elf_program_renamed_csv_is_refused():
    error = refusal(
        uploads.validate_spreadsheet, upload("data.csv", b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    )
    assert error.code == "not_spreadsheet"


def test_an_empty_file_is_refused():
    error = refusal(uploads.validate_spreadsheet, upload("rekap-oktober.csv", b""))
    assert error.code == "empty"
    assert "rekap-oktober" not in error.messages[0]  # the message is about the file, not its name


def test_a_50_mb_upload_is_refused_naming_size_and_limit(settings):
    settings.UPLOAD_MAX_MB = 20
    big = large_upload("besar.csv", 50, head=b"NIP,Nama\n")
    error = refusal(uploads.validate_spreadsheet, big)
    assert error.code == "too_large"
    assert "50.0 MB" in error.messages[0] and "20 MB" in error.messages[0]


def test_the_size_limit_follows_the_setting(settings):
    settings.UPLOAD_MAX_MB = 1
    error = refusal(
        uploads.validate_spreadsheet, large_upload("dua.csv", 2, b"a,b\n", fill=b"1,2\n")
    )
    assert error.code == "too_large"
    settings.UPLOAD_MAX_MB = 3
    assert (
        uploads.validate_spreadsheet(large_upload("dua.csv", 2, b"a,b\n", fill=b"1,2\n")) == "csv"
    )


def test_a_highly_compressed_xlsx_is_refused_unread():
    bomb = zip_bomb_xlsx_bytes(megabytes=20)
    assert len(bomb) < 1024 * 1024  # tiny on the wire
    error = refusal(uploads.validate_spreadsheet, upload("bom.xlsx", bomb))
    assert error.code == "zip_bomb"


def test_an_xlsx_that_would_unpack_past_the_absolute_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_XLSX_UNCOMPRESSED", 10 * 1024 * 1024)
    monkeypatch.setattr(uploads, "MAX_XLSX_RATIO", 10_000)
    error = refusal(
        uploads.validate_spreadsheet, upload("bom.xlsx", zip_bomb_xlsx_bytes(megabytes=12))
    )
    assert error.code == "zip_bomb"


def test_a_damaged_xlsx_is_refused():
    damaged = xlsx_bytes()[:200]
    error = refusal(uploads.validate_spreadsheet, upload("rusak.xlsx", damaged))
    assert error.code == "not_spreadsheet"


def test_a_word_document_is_not_a_spreadsheet():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("word/document.xml", "<w:document/>")
        docx.writestr("[Content_Types].xml", "<Types/>")
    error = refusal(uploads.validate_spreadsheet, upload("surat.xlsx", buffer.getvalue()))
    assert error.code == "not_spreadsheet"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("sk.pdf", b"%PDF-1.7\n" + b"x" * 100, "pdf"),
        ("foto.png", image_bytes("PNG"), "png"),
        ("foto.jpg", image_bytes("JPEG"), "jpeg"),
        ("daftar.xlsx", xlsx_bytes(), "xlsx"),
    ],
)
def test_evidence_documents_are_accepted_by_content(name, content, kind):
    assert uploads.validate_document(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("sk.pdf", EXE_HEADER + b"\x00" * 100),
        ("sk.pdf", b"<html><script>alert(1)</script></html>"),
        ("foto.png", b"#!/bin/sh\nrm -rf /\n"),
    ],
    ids=["exe-as-pdf", "html-as-pdf", "script-as-png"],
)
def test_evidence_that_is_not_a_document_is_refused(name, content):
    assert refusal(uploads.validate_document, upload(name, content)).code == "bad_type"


def test_evidence_zip_bomb_is_refused():
    error = refusal(
        uploads.validate_document, upload("bom.xlsx", zip_bomb_xlsx_bytes(megabytes=20))
    )
    assert error.code == "zip_bomb"


def test_evidence_of_50_mb_is_refused(settings):
    settings.UPLOAD_MAX_MB = 20
    error = refusal(uploads.validate_document, large_upload("sk.pdf", 50, head=b"%PDF-1.7\n"))
    assert error.code == "too_large"
