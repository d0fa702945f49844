from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "binaasn.people"
    label = "people"
    verbose_name = _("Master data")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, signals

        auditlog.register(models.OrgUnit, exclude_fields=["path", "depth"])
        auditlog.register(models.Position)
        auditlog.register(models.Employee, exclude_fields=["updated_at", "created_at"])
        auditlog.register(models.CareerEntry)
        auditlog.register(models.CorrectionRequest)
        signals.connect()
