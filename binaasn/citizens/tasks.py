"""Background work of public participation (django-tasks): enqueue from a scheduler."""

from django_tasks import task

from .services.complaints import close_stale_complaints


@task()
def close_stale_complaints_task():
    """Daily: close responded complaints with no reply from the complainant after 10 days."""
    return close_stale_complaints()
