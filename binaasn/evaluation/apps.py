from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "binaasn.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, signals  # noqa: F401

        auditlog.register(models.EvaluationSettings)
        auditlog.register(models.OfferingEvaluation)
        auditlog.register(models.Finding)
        auditlog.register(models.Challenge, exclude_fields=["updated_at"])
