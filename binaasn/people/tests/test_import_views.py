"""The import pages: upload → background preview → commit, error report, template, refusals."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from python_calamine import load_workbook

from binaasn.core.models import Job
from binaasn.core.tests.test_permissions import test_permission_matrix as check_permission_row
from binaasn.people.models import Employee, ImportRun

from . import permission_rows_import
from .test_import_parsing import VALID, WITH_ERRORS

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def url(name, **kwargs):
    return reverse(f"people:{name}", kwargs={"agency": "alpha", **kwargs})


def upload(client, content, name="pegawai.csv", create_units=True):
    data = {"file": SimpleUploadedFile(name, content)}
    if create_units:
        data["create_units"] = "on"
    return client.post(url("import-start"), data)


def follow_job(client, response):
    """From the redirect to the job page to the import page the finished job points at."""
    assert response.status_code == 302
    job_page = client.get(response["Location"])
    assert job_page.status_code == 200
    job = job_page.context["job"]
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result["next_url"] in job_page.content.decode()
    return client.get(job.result["next_url"]), job


def count(agency):
    with scopes_disabled():
        return Employee.objects.filter(agency=agency).count()


def test_admin_previews_then_commits_the_valid_file(cast, login):
    client = login(cast.admin)
    before = count(cast.a)
    preview, job = follow_job(client, upload(client, VALID.read_bytes()))
    assert preview.status_code == 200
    run = preview.context["run"]
    assert run.status == ImportRun.Status.PREVIEWED
    assert run.created == 40
    page = preview.content.decode()
    assert "Hasna Santoso" in page
    assert "Puskesmas Limboto" in page  # a unit that will be created
    assert 'id="commit-import"' in page
    assert count(cast.a) == before
    assert (job.progress_done, job.progress_total) == (40, 40)
    with scopes_disabled():
        assert job.input_file.read().startswith(b"PNS ID,NIP BARU")

    committed, commit_job = follow_job(client, client.post(url("import-detail", pk=run.pk)))
    assert commit_job.progress_done == commit_job.progress_total == 80  # checked, then written
    assert committed.context["run"].status == ImportRun.Status.COMMITTED
    assert 'id="commit-import"' not in committed.content.decode()
    assert count(cast.a) == before + 40
    again = client.post(url("import-detail", pk=run.pk))  # a second click commits nothing new
    assert again.status_code == 302
    assert again["Location"] == url("import-detail", pk=run.pk)
    assert 'id="commit-import"' not in client.get(again["Location"]).content.decode()


def test_file_with_errors_lists_rejected_rows_and_cannot_be_committed(cast, login):
    client = login(cast.admin)
    before = count(cast.a)
    detail, _job = follow_job(client, upload(client, WITH_ERRORS.read_bytes(), "salah.csv"))
    run = detail.context["run"]
    assert run.status == ImportRun.Status.REJECTED
    assert [e["row"] for e in detail.context["errors"]] == [13, 14, 15, 16, 21, 24, 25, 39]
    page = detail.content.decode()
    assert 'id="commit-import"' not in page
    assert 'id="error-report"' in page
    response = client.post(url("import-detail", pk=run.pk))
    assert response.status_code == 302
    assert count(cast.a) == before


def test_error_report_is_the_file_with_an_error_column(cast, login):
    client = login(cast.admin)
    detail, _job = follow_job(client, upload(client, WITH_ERRORS.read_bytes(), "salah.csv"))
    response = client.get(url("import-error-report", pk=detail.context["run"].pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = workbook.get_sheet_by_index(0).to_python()
    header = rows[0]
    original = WITH_ERRORS.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[: len(original)] == original
    assert len(header) == len(original) + 1
    error_column = len(original)
    assert rows[1][error_column] == ""  # row 2 is fine
    assert "NIP BARU" in rows[13][error_column]  # spreadsheet row 14: NIP of 17 digits
    assert rows[13][1] == "19920219201711155"  # kept as text, not a number
    assert "TMT GOLONGAN" in rows[14][error_column]
    assert all(rows[n - 1][error_column] for n in (13, 14, 15, 16, 21, 24, 25, 39))
    listing = workbook.get_sheet_by_index(1).to_python()
    assert len(listing) == 1 + 8


def test_template_has_the_headers_and_an_example_that_imports(cast, login):
    client = login(cast.admin)
    response = client.get(url("import-template"))
    assert response.status_code == 200
    rows = load_workbook(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["NIP BARU", "NAMA"]
    assert len(rows) == 2
    assert isinstance(rows[1][0], str) and len(rows[1][0]) == 18
    detail, _job = follow_job(client, upload(client, response.content, "templat.xlsx"))
    assert detail.context["run"].errors == []
    assert detail.context["run"].created == 1


def _zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "kosong.csv", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "gambar.csv", "not_spreadsheet"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "program.csv", "not_spreadsheet"),
        (None, "bom.xlsx", "zip_bomb"),
    ],
)
def test_upload_refusals_show_a_message_and_start_nothing(cast, login, content, name, code):
    client = login(cast.admin)
    content = _zip_bomb() if content is None else content
    response = upload(client, content, name)
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["file"]
    assert [e.code for e in errors] == [code]
    assert str(errors[0].messages[0]) in response.content.decode()
    with scopes_disabled():
        assert not Job.objects.filter(agency=cast.a).exists()


def test_too_large_upload_is_refused(cast, login, settings):
    settings.UPLOAD_MAX_MB = 1
    client = login(cast.admin)
    response = upload(client, b"NIP BARU,NAMA\n" + b"1,a\n" * 400_000)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["file"]] == ["too_large"]


def test_corrupt_xlsx_ends_in_a_rejected_import_not_an_error_page(cast, login):
    client = login(cast.admin)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><not-closed>")
    detail, _job = follow_job(client, upload(client, buffer.getvalue(), "rusak.xlsx"))
    assert detail.status_code == 200
    run = detail.context["run"]
    assert run.status == ImportRun.Status.REJECTED
    assert [e["code"] for e in run.errors] == ["bad_xlsx"]


def test_missing_required_column_is_named_on_the_page(cast, login):
    client = login(cast.admin)
    detail, _job = follow_job(client, upload(client, b"NIP BARU,JABATAN\n1,Guru\n"))
    assert [(e["row"], e["column"]) for e in detail.context["run"].errors] == [(1, "NAMA")]
    assert "NAMA" in detail.content.decode()


def test_operator_cannot_start_an_import(cast, login):
    client = login(cast.operator)
    assert upload(client, VALID.read_bytes()).status_code == 403


@pytest.fixture
def import_cast(cast):
    with scopes_disabled():
        permission_rows_import.prepare(cast)
    return cast


@pytest.mark.parametrize("row", permission_rows_import.ROWS, ids=lambda r: r.url_name)
def test_import_permission_rows(row, import_cast, client):
    check_permission_row(row, import_cast, client)


def test_error_report_keeps_formula_like_text_as_text(cast, login):
    client = login(cast.admin)
    content = b'NIP BARU,NAMA\n12345,=HYPERLINK("http://x")\n'
    detail, _job = follow_job(client, upload(client, content, "rumus.csv"))
    response = client.get(url("import-error-report", pk=detail.context["run"].pk))
    rows = load_workbook(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert rows[1][1] == '=HYPERLINK("http://x")'
    assert "NIP BARU" in rows[1][2]
