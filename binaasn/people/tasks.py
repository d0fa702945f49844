"""Background work of the people app: the employee import runs as a job a person waits for."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_scopes import scope
from django_tasks import task

from binaasn.core.models import Job
from binaasn.core.services import finish_job, record_job_progress, start_job

from .importer import run_import

IMPORT_JOB_KIND = "people.import"


@task()
def import_employees_job(job_id):
    """Run (or preview) the import stored in the Job; its result points at the import page."""
    job = Job.objects.with_scopes_disabled().select_related("agency", "created_by").get(pk=job_id)
    start_job(job)
    params = job.params

    def progress(done, total):
        record_job_progress(job, done, total)

    with (
        scope(agency=job.agency),
        translation.override(params.get("language") or settings.LANGUAGE_CODE),
    ):
        try:
            with job.input_file.open("rb") as source:
                result = run_import(
                    job.agency,
                    source,
                    params.get("file_name") or job.input_file.name.rsplit("/", 1)[-1],
                    dry_run=params.get("dry_run", True),
                    create_units=params.get("create_units", False),
                    user=job.created_by,
                    progress=progress,
                )
        except Exception:
            finish_job(
                job, failed=True, message=_("The import stopped because of an unexpected error.")
            )
            raise
        run = result.run
        run.job = job
        run.save(update_fields=["job"])
        url = reverse("people:import-detail", kwargs={"agency": job.agency.slug, "pk": run.pk})
        finish_job(
            job,
            result={"next_url": url, "import_run": run.pk, "summary": result.summary_line()},
            message=run.get_status_display(),
        )
    return run.pk


def start_import_job(
    agency, user, *, file_name, create_units, dry_run, upload=None, stored_name=None
):
    """Create the Job that carries the file (an upload, or a file stored by an earlier job) and
    queue the import; the person follows it on the job page."""
    if dry_run:
        title = _("Employee import (preview): %(file)s") % {"file": file_name}
    else:
        title = _("Employee import: %(file)s") % {"file": file_name}
    job = Job(
        agency=agency,
        kind=IMPORT_JOB_KIND,
        title=title[:200],
        created_by=user,
        params={
            "file_name": file_name,
            "create_units": create_units,
            "dry_run": dry_run,
            "language": get_language(),
        },
    )
    if upload is not None:
        job.input_file.save(file_name, upload, save=False)
    else:
        job.input_file.name = stored_name
    job.save()
    result = import_employees_job.enqueue(job.pk)
    Job.objects.for_agency(agency).filter(pk=job.pk).update(task_id=result.id)
    return job
