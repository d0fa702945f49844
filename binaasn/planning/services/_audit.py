from binaasn.core.models import AuditEntry


def audit_batch(instance, message, by=None):
    """One audit entry for a batch write (an analysis, a bulk acceptance) on ``instance``."""
    AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={"batch": ["", message]},
        **({"actor": by} if by is not None and by.is_authenticated else {}),
    )
