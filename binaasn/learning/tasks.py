"""Background work of training delivery (django-tasks)."""

from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from django_tasks import task

from binaasn.core.models import Job
from binaasn.core.services import finish_job, record_job_progress, start_job


@task()
def generate_certificates(job_id):
    """Issue an offering's certificates and write them into one printable PDF."""
    from .models import Offering
    from .services import certificates

    with scopes_disabled():
        job = Job.objects.select_related("agency").get(pk=job_id)
    with scope(agency=job.agency):
        start_job(job)
        try:
            offering = Offering.objects.for_agency(job.agency).get(pk=job.params["offering"])
            base_url = job.params.get("base_url", "")
            issued = certificates.issue_for_offering(
                offering,
                by=job.created_by,
                progress=lambda done, total: record_job_progress(job, done, 2 * total),
            )
            total = len(issued)
            content = certificates.render(
                issued,
                job.agency,
                base_url,
                progress=lambda done, _total: record_job_progress(job, total + done, 2 * total),
            )
            job.result_file.save(f"sertifikat-{offering.pk}.pdf", ContentFile(content), save=False)
            next_url = reverse(
                "learning:offering-certificates",
                kwargs={"agency": job.agency.slug, "pk": offering.pk},
            )
            finish_job(job, result={"count": total, "next_url": next_url}, message="")
        except Exception as error:
            finish_job(job, failed=True, message=str(error))
            raise
    return job.pk
