import secrets

from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tenancy import TenantModel, TenantQuerySet, tenant_manager

# First path segments that belong to the platform, never to an agency.
RESERVED_SLUGS = {"admin", "akun", "i18n", "publik", "static", "media", "api", "bantuan"}


def validate_agency_slug(value):
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(_("This slug is reserved by the platform; choose another."))


class Agency(models.Model):
    """A tenant: one Pemda (provinsi, kabupaten, kota) or one kecamatan."""

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Province")
        KABUPATEN = "kabupaten", _("Regency")
        KOTA = "kota", _("City")
        KECAMATAN = "kecamatan", _("Sub-district")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=50, unique=True, validators=[validate_agency_slug]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    region_code = models.CharField(
        _("Kemendagri region code"), max_length=20, blank=True, help_text=_("For example 75.01")
    )
    seat = models.CharField(_("seat"), max_length=100, blank=True)
    logo = models.ImageField(_("logo"), upload_to="agency-logos/", blank=True)
    mfa_required_roles = models.CharField(
        _("roles that must use a second factor"),
        max_length=100,
        default="admin",
        blank=True,
        help_text=_("Comma-separated roles, e.g. admin,operator,leader. Empty: optional for all."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    def requires_mfa_for(self, role):
        roles = {r.strip() for r in self.mfa_required_roles.split(",") if r.strip()}
        return role in roles

    def get_additional_data(self):
        """Changes to the agency itself show in its own audit trail."""
        return {"agency": self.pk}


class User(AbstractUser):
    """A login. ``username`` holds the NIP for ASN, so they log in with NIP or e-mail."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    last_agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self):
        return str(self)


class Role(models.TextChoices):
    ADMIN = "admin", _("Agency admin (BKPSDM)")
    OPERATOR = "operator", _("Unit operator")
    LEADER = "leader", _("Leader")
    TRAINER = "trainer", _("Trainer")
    EMPLOYEE = "employee", _("Employee (ASN)")


class Membership(models.Model):
    """A user's role in one agency; operators are limited to one org unit subtree."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
        help_text=_("Required for operators: they see this unit and the units below it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")
        ]
        ordering = ["agency__name", "role"]

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"

    @property
    def is_admin(self):
        return self.role == Role.ADMIN

    @property
    def is_operator(self):
        return self.role == Role.OPERATOR

    def get_additional_data(self):
        """Granted and withdrawn roles show in the agency's audit trail."""
        return {"agency": self.agency_id}


class AuditEntry(AbstractLogEntry):
    """django-auditlog's log entry, with the agency it belongs to for per-agency audit pages."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            models.Index(fields=["agency", "-timestamp"], name="audit_agency_time"),
            models.Index(fields=["content_type", "object_pk"], name="audit_object"),
        ]

    def save(self, *args, **kwargs):
        if self.agency_id is None and isinstance(self.additional_data, dict):
            self.agency_id = self.additional_data.get("agency")
        super().save(*args, **kwargs)


def job_file_path(instance, filename):
    return f"jobs/{instance.agency_id}/{secrets.token_hex(8)}/{filename}"


class JobQuerySet(TenantQuerySet):
    def active(self):
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])


class Job(TenantModel):
    """A background job that a person waits for: status, progress and the resulting file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to=job_file_path, blank=True, max_length=300)
    result_file = models.FileField(upload_to=job_file_path, blank=True, max_length=300)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager(JobQuerySet)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, int(self.progress_done * 100 / self.progress_total))

    @property
    def is_finished(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class NotificationQuerySet(TenantQuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(TenantModel):
    """An in-app message to one user (invitations, approvals, reminders, changes); any app may
    create them, usually together with an e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = tenant_manager(NotificationQuerySet)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["agency", "user", "read_at"], name="notification_inbox")]

    def __str__(self):
        return self.title
