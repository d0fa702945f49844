"""Small files for upload tests: real images and spreadsheets, impostors and a zip bomb."""

import io
import zipfile

import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image

EXE_HEADER = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def image_bytes(kind="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 83, 148)).save(buffer, kind)
    return buffer.getvalue()


def xlsx_bytes(rows=(("NIP", "Nama"), ("198505172010031001", "Siti Aminah"))):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("Pegawai")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    workbook.close()
    return buffer.getvalue()


def zip_bomb_xlsx_bytes(megabytes=300):
    """A valid-looking XLSX whose one sheet unpacks to ``megabytes`` of zeros (~300 KB packed)."""
    real = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for name in real.namelist():
            if name != "xl/worksheets/sheet1.xml":
                bomb.writestr(name, real.read(name))
        with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def large_upload(name, megabytes, head=b"", fill=None):
    """A file of ``megabytes`` MB on disk, as Django keeps uploads above the memory limit;
    sparse (zeros) unless ``fill`` gives a line to repeat."""
    size = megabytes * 1024 * 1024
    file = TemporaryUploadedFile(name, "application/octet-stream", size, None)
    file.write(head)
    if fill:
        file.write(fill * ((size - len(head)) // len(fill)))
    file.seek(size - 1)
    file.write(b"\n" if fill else b"\x00")
    file.seek(0)
    return file
