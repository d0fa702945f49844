"""One audit entry for a batch write (imports, bulk generation), as CONVENTIONS.md asks."""

from django.contrib.contenttypes.models import ContentType

from binaasn.core.models import AuditEntry


def audit_batch(obj, actor, message, changes=None):
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=str(obj)[:255],
        action=AuditEntry.Action.UPDATE,
        changes_text=str(message),
        changes=changes or {"batch": [str(message), ""]},
        actor=actor if getattr(actor, "pk", None) else None,
        additional_data={"agency": obj.agency_id},
        agency_id=obj.agency_id,
    )
