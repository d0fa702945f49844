"""Tenant scoping: every agency-owned row goes through a manager that refuses unscoped queries.

The agency middleware runs each staff request inside ``scope(agency=request.agency)``; a query of
tenant data outside any scope raises ``django_scopes.ScopeError``. Management commands, tasks and
test set-up use ``scopes_disabled()`` or ``scope(agency=...)`` explicitly.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class TenantQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(agency=agency)


TenantManager = models.Manager.from_queryset(TenantQuerySet)


def tenant_manager(queryset_class=TenantQuerySet):
    """A scoped manager over ``queryset_class`` (which should extend TenantQuerySet)."""
    return ScopedManager(
        agency="agency", _manager_class=models.Manager.from_queryset(queryset_class)
    )


class TenantModel(models.Model):
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )

    objects = tenant_manager()

    class Meta:
        abstract = True

    def get_additional_data(self):
        """Stored with every audit entry so the audit trail can be read per agency."""
        return {"agency": self.agency_id}
