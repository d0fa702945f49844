from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def own_fields(model, exclude=()):
    """The model's own columns: other apps' reverse relations (enrolments, assessments, ...)
    would otherwise fill every "created" audit entry with empty lines."""
    skip = {"id", "agency", *exclude}
    return [field.name for field in model._meta.concrete_fields if field.name not in skip]


class PeopleConfig(AppConfig):
    name = "binaasn.people"
    label = "people"
    verbose_name = _("Master data")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, signals

        auditlog.register(
            models.OrgUnit, include_fields=own_fields(models.OrgUnit, ["path", "depth"])
        )
        auditlog.register(models.Position, include_fields=own_fields(models.Position))
        auditlog.register(
            models.Employee,
            include_fields=own_fields(models.Employee, ["updated_at", "created_at"]),
        )
        auditlog.register(
            models.CareerEntry, include_fields=own_fields(models.CareerEntry, ["created_at"])
        )
        auditlog.register(
            models.CorrectionRequest, include_fields=own_fields(models.CorrectionRequest)
        )
        signals.connect()
