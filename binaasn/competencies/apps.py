from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "binaasn.competencies"
    label = "competencies"
    verbose_name = _("Competencies")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Scores are personal data: every change to them is audited.
        auditlog.register(models.Competency)
        auditlog.register(models.PositionStandard)
        auditlog.register(models.Assessment)
        auditlog.register(models.AssessmentScore)
        auditlog.register(models.JpmBand)
