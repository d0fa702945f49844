from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "binaasn.actions"
    label = "actions"
    verbose_name = _("Follow-up actions")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.FollowUpAction, exclude_fields=["updated_at", "last_reminded_on"])
