"""Permission rows of the employee import (appended to this app's ROWS by permission_rows.py)."""

from django.core.files.base import ContentFile

from binaasn.core.models import Job
from binaasn.core.tests.matrix import Row
from binaasn.people.models import ImportRun

ADMIN_ONLY = {"admin": 200}

ROWS = [
    Row("people:import-start", expect=ADMIN_ONLY),
    Row("people:import-template", expect=ADMIN_ONLY),
    Row(
        "people:import-detail",
        kwargs=lambda c: {"pk": c.import_run.pk},
        foreign=lambda c: {"pk": c.import_run_b.pk},
        expect=ADMIN_ONLY,
    ),
    Row(
        "people:import-error-report",
        kwargs=lambda c: {"pk": c.import_run.pk},
        foreign=lambda c: {"pk": c.import_run_b.pk},
        expect=ADMIN_ONLY,
    ),
]

BAD_FILE = b"NIP BARU,NAMA\n123,Tanpa NIP Lengkap\n"


def _rejected_run(agency, user):
    job = Job.objects.create(
        agency=agency, kind="people.import", title="Impor", created_by=user, status="succeeded"
    )
    job.input_file.save("pegawai.csv", ContentFile(BAD_FILE))
    return ImportRun.objects.create(
        agency=agency,
        job=job,
        file_name="pegawai.csv",
        status=ImportRun.Status.REJECTED,
        rejected=1,
        errors=[
            {
                "row": 2,
                "column": "NIP BARU",
                "message": "NIP must be 18 digits.",
                "code": "nip_length",
            }
        ],
        created_by=user,
    )


def prepare(cast):
    cast.import_run = _rejected_run(cast.a, cast.admin)
    cast.import_run_b = _rejected_run(cast.b, cast.admin_b)
