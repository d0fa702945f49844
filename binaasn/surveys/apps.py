from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "binaasn.surveys"
    label = "surveys"
    verbose_name = _("Questionnaires")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Questionnaire changes are audited; answers are not personal data of record, and
        # invitations are audited once per batch by the services.
        auditlog.register(
            models.Questionnaire, exclude_fields=["updated_at", "created_at", "link_code"]
        )
        auditlog.register(models.Section)
        auditlog.register(models.Question)
