"""Employee import: upload → background dry run → preview → commit (all rows or none)."""

import datetime
import io
import os

import xlsxwriter
from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaasn.core.exports import XLSX_CONTENT_TYPE, build_workbook
from binaasn.core.permissions import role_required
from binaasn.core.uploads import validate_spreadsheet
from binaasn.people.importer import ImportFileError, read_sheet
from binaasn.people.importer.values import text
from binaasn.people.models import ImportRun
from binaasn.people.nip import compose_nip
from binaasn.people.tasks import start_import_job


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (XLSX or CSV)"),
        allow_empty_file=True,
        help_text=gettext_lazy("The SIASN “data ASN” download or our template."),
    )
    create_units = forms.BooleanField(
        label=gettext_lazy("Create units and positions that do not exist yet"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_spreadsheet(upload)
        return upload


def _to_job(request, job):
    return redirect("core:job-detail", agency=request.agency.slug, pk=job.pk)


@role_required("admin")
def import_start(request, agency):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        file_name = os.path.basename(upload.name or "impor.csv")[-150:] or "impor.csv"
        job = start_import_job(
            request.agency,
            request.user,
            file_name=file_name,
            create_units=form.cleaned_data["create_units"],
            dry_run=True,
            upload=upload,
        )
        return _to_job(request, job)
    runs = ImportRun.objects.for_agency(request.agency).select_related("created_by")[:10]
    return render(request, "people/import_start.html", {"form": form, "runs": runs})


def _run_for(request, pk):
    return get_object_or_404(
        ImportRun.objects.for_agency(request.agency).select_related("job", "created_by"), pk=pk
    )


def _can_commit(run):
    return (
        run.status == ImportRun.Status.PREVIEWED
        and run.is_dry_run
        and run.job is not None
        and bool(run.job.input_file)
        and "commit_job" not in (run.preview or {})
    )


@role_required("admin")
def import_detail(request, agency, pk):
    run = _run_for(request, pk)
    if request.method == "POST":
        if not _can_commit(run):
            messages.error(request, _("This preview cannot be committed; upload the file again."))
            return redirect("people:import-detail", agency=request.agency.slug, pk=run.pk)
        job = start_import_job(
            request.agency,
            request.user,
            file_name=run.file_name,
            create_units=run.create_units,
            dry_run=False,
            stored_name=run.job.input_file.name,
        )
        # A preview is committed once; a second click finds the button gone.
        run.preview = {**(run.preview or {}), "commit_job": job.pk}
        run.save(update_fields=["preview"])
        return _to_job(request, job)
    preview = run.preview or {}
    context = {
        "run": run,
        "preview": preview,
        "errors": run.errors[:ERRORS_SHOWN],
        "errors_hidden": max(0, len(run.errors) - ERRORS_SHOWN),
        "can_commit": _can_commit(run),
        "has_report": bool(run.errors) and run.job is not None and bool(run.job.input_file),
        "create_hidden": max(0, run.created - len(preview.get("create", []))),
        "update_hidden": max(0, run.updated - len(preview.get("update", []))),
    }
    return render(request, "people/import_detail.html", context)


ERRORS_SHOWN = 200


def _report_value(value):
    if isinstance(value, datetime.date | datetime.datetime | str) or value is None:
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value if isinstance(value, int | float) else text(value)


@role_required("admin")
def import_error_report(request, agency, pk):
    """The uploaded rows back as XLSX with one more column saying what is wrong in each."""
    run = _run_for(request, pk)
    if not run.errors:
        raise Http404
    by_row = {}
    for error in run.errors:
        part = f"{error['column']}: {error['message']}" if error.get("column") else error["message"]
        by_row.setdefault(error.get("row"), []).append(part)
    sheets = []
    sheet = None
    if run.job is not None and run.job.input_file:
        try:
            with run.job.input_file.open("rb") as source:
                sheet = read_sheet(source)
        except (ImportFileError, OSError):
            sheet = None
    if sheet is not None:
        headers = sheet.columns.raw + [_("Error")]
        width = len(sheet.columns.raw)
        rows = []
        expected = sheet.header_row + 1
        for number, cells in sheet.rows:
            rows.extend([[]] * (number - expected))  # keep the row numbers of the file
            expected = number + 1
            values = [_report_value(value) for value in list(cells)[:width]]
            values += [None] * (width - len(values))
            rows.append(values + ["; ".join(by_row.get(number, []))])
        sheets.append((_("Rows"), headers, rows))
    listing = [
        (error.get("row") or "", error.get("column") or "", error["message"])
        for error in run.errors
    ]
    sheets.append((_("Errors"), [_("Row"), _("Column"), _("Message")], listing))
    content = build_workbook(sheets)
    base = os.path.splitext(run.file_name)[0] or "impor"
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_ascii(base)}-kesalahan.xlsx"'
    return response


def _ascii(name):
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "-" for ch in name)[
        :80
    ]


TEMPLATE_COLUMNS = [
    ("NIP BARU", None),
    ("NAMA", "Siti Contoh"),
    ("GELAR DEPAN", ""),
    ("GELAR BELAKANG", "S.Kep."),
    ("TEMPAT LAHIR NAMA", "GORONTALO"),
    ("TANGGAL LAHIR", "15-06-1990"),
    ("JENIS KELAMIN", "P"),
    ("STATUS PEGAWAI", "PNS"),
    ("GOL AKHIR NAMA", "III/b"),
    ("TMT GOLONGAN", "01-04-2021"),
    ("TMT CPNS", "01-02-2015"),
    ("JENIS JABATAN NAMA", "Fungsional"),
    ("JABATAN NAMA", "Perawat Ahli Pertama"),
    ("TMT JABATAN", "01-04-2021"),
    ("SATUAN KERJA KERJA NAMA", "Dinas Kesehatan"),
    ("UNOR NAMA", "Puskesmas Telaga"),
    ("TINGKAT PENDIDIKAN NAMA", "S-1"),
    ("PENDIDIKAN NAMA", "S-1 Keperawatan"),
    ("NAMA SEKOLAH", ""),
    ("TAHUN LULUS", "2012"),
    ("NIK", "7501015506900001"),
    ("NOMOR HP", "081234567890"),
    ("EMAIL", "siti.contoh@example.com"),
    ("ALAMAT", "Jl. Merdeka No. 1"),
]
TEXT_COLUMNS = {"NIP BARU", "NIK", "NOMOR HP"}


@role_required("admin")
def import_template(request, agency):
    """An XLSX with our columns and one example row; number columns are formatted as text."""
    example_nip = compose_nip(datetime.date(1990, 6, 15), "P", 1, tmt=datetime.date(2015, 2, 1))
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = workbook.add_worksheet("Pegawai")
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7"})
    as_text = workbook.add_format({"num_format": "@"})
    for col, (header, example) in enumerate(TEMPLATE_COLUMNS):
        sheet.set_column(
            col, col, max(14, len(header) + 2), as_text if header in TEXT_COLUMNS else None
        )
        sheet.write_string(0, col, header, bold)
        value = example_nip if example is None else example
        if value:
            sheet.write_string(1, col, value, as_text if header in TEXT_COLUMNS else None)
    sheet.freeze_panes(1, 0)
    workbook.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="templat-impor-pegawai-{stamp}.xlsx"'
    return response
