from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "binaasn.planning"
    label = "planning"
    verbose_name = _("Needs analysis and plans")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(
            models.Campaign, exclude_fields=["max_affected", "max_mentions", "employees_considered"]
        )
        auditlog.register(models.Need, include_fields=["status"])
        auditlog.register(models.Interview, m2m_fields={"competencies"})
        auditlog.register(models.Plan)
        auditlog.register(
            models.Programme,
            m2m_fields={"needs", "competencies", "target_units", "target_employees", "speakers"},
        )
        auditlog.register(models.BudgetLine)
        auditlog.register(models.BudgetCeiling)
        auditlog.register(models.Partner)
        auditlog.register(models.Speaker)
        auditlog.register(models.MaterialVersion)
        auditlog.register(models.MaterialModule)
        auditlog.register(models.MaterialFile)
