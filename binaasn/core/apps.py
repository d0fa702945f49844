from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "binaasn.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Agency, exclude_fields=["created_at"])
        auditlog.register(models.Membership, exclude_fields=["created_at"])
        auditlog.register(
            models.User,
            include_fields=["username", "email", "full_name", "is_active", "is_superuser"],
        )
