"""One follow-up action model for every area that turns findings into work: a forum issue, a
complaint pattern or an evaluation finding owns its actions through a generic relation."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager


def evidence_path(instance, filename):
    return f"actions/{instance.agency_id}/{secrets.token_hex(8)}/{filename}"


class FollowUpActionQuerySet(TenantQuerySet):
    def open(self):
        return self.filter(status__in=FollowUpAction.OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__lt=today)

    def for_source(self, source):
        return self.filter(
            source_type=ContentType.objects.get_for_model(source), source_id=source.pk
        )

    def visible_to(self, membership):
        """Admins and leaders see every action; operators those of their unit subtree and
        their own; everyone else the actions they own."""
        if membership is None:
            return self.none()
        if membership.role in ("admin", "leader"):
            return self
        own = Q(owner_user_id=membership.user_id) | Q(owner_employee__user_id=membership.user_id)
        if membership.role == "operator" and membership.unit_id:
            return self.filter(own | Q(unit__path__startswith=membership.unit.path))
        return self.filter(own)


class FollowUpAction(TenantModel):
    """Something an owner must do by a date, with evidence when it is done."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        REVISE_MATERIAL = "revise_material", _("Revise learning material")
        TRAINING_NEED = "training_need", _("Training need")
        SERVICE_IMPROVEMENT = "service_improvement", _("Service improvement")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.GENERAL)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible unit"),
    )
    owner_employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (employee)"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (user)"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True, max_length=300)
    closing_note = models.TextField(_("closing note"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager(FollowUpActionQuerySet)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="action_agency_status_due"),
            models.Index(fields=["source_type", "source_id"], name="action_source"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def is_overdue_on(self, today):
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def is_overdue(self):
        return self.is_overdue_on(timezone.localdate())

    @property
    def owner_display(self):
        if self.owner_employee_id:
            return str(self.owner_employee)
        if self.owner_user_id:
            return str(self.owner_user)
        return ""

    @property
    def owner_email(self):
        if self.owner_employee_id:
            employee = self.owner_employee
            if employee.email:
                return employee.email
            if employee.user_id and employee.user.email:
                return employee.user.email
        if self.owner_user_id and self.owner_user.email:
            return self.owner_user.email
        return ""
