"""Writes of the core app: memberships and background-job bookkeeping."""

from django.db import transaction
from django.utils import timezone

from .models import Job, Membership


def record_job_progress(job, done, total=None, message=None):
    """Store a job's progress; called from the worker as it goes."""
    fields = {"progress_done": done}
    if total is not None:
        fields["progress_total"] = total
    if message is not None:
        fields["message"] = message
    Job.objects.with_scopes_disabled().filter(pk=job.pk).update(**fields)
    for key, value in fields.items():
        setattr(job, key, value)


def start_job(job):
    job.status = Job.Status.RUNNING
    job.started_at = timezone.now()
    Job.objects.with_scopes_disabled().filter(pk=job.pk).update(
        status=job.status, started_at=job.started_at
    )


def finish_job(job, *, result=None, message="", failed=False):
    job.status = Job.Status.FAILED if failed else Job.Status.SUCCEEDED
    job.finished_at = timezone.now()
    job.result = result or {}
    job.message = message
    if not failed and job.progress_total:
        job.progress_done = job.progress_total
    job.save(
        update_fields=["status", "finished_at", "result", "message", "progress_done", "result_file"]
    )


@transaction.atomic
def grant_membership(*, user, agency, role, unit=None, by=None):
    """Give ``user`` a role in ``agency`` (operators need a unit)."""
    membership, created = Membership.objects.update_or_create(
        user=user, agency=agency, role=role, defaults={"unit": unit, "is_active": True}
    )
    return membership


# Roles an agency may oblige to use an authenticator app, in the order they are stored.
MFA_ROLES = ("admin", "operator", "leader")


@transaction.atomic
def update_agency_settings(agency, *, mfa_roles):
    """Save an agency's own settings (``agency`` carries the edited fields) and which roles must
    use a second factor. django-auditlog records before → after with the agency and, inside a
    request, who made the change and from where, so it shows in the agency's audit trail."""
    agency.mfa_required_roles = ",".join(role for role in MFA_ROLES if role in set(mfa_roles))
    agency.save()
    return agency
