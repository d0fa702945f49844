from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "binaasn.citizens"
    label = "citizens"
    verbose_name = _("Public participation")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.ServiceUnit, exclude_fields=["created_at"])
        auditlog.register(models.ServiceUserCount)
        auditlog.register(models.CitizenSettings)
        auditlog.register(models.HistoricalIkm, exclude_fields=["created_at"])
        # The workflow of a complaint, not its text or the complainant's contact.
        auditlog.register(
            models.Complaint,
            include_fields=[
                "status", "unit", "employee", "verified_at", "forwarded_at", "responded_at",
                "closed_at", "closed_automatically", "rejection_reason", "lapor_tracking_id",
            ],
        )  # fmt: skip
        auditlog.register(
            models.Forum, exclude_fields=["created_at"], m2m_fields={"attended_employees"}
        )
        auditlog.register(models.ForumIssue, exclude_fields=["created_at"])
        auditlog.register(models.ComplaintPattern, exclude_fields=["created_at"])
        # Survey answers are anonymous and many: imports and deletions write one entry each
        # (services/skm.py), single answers none.
