"""Complaints and suggestions from the public (SP4N-LAPOR!, PermenPANRB 62/2018)."""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

# Tracking codes: 12 characters of Crockford's base32 (no I, L, O, U), about 60 bits.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_tracking_code(text):
    """What a person typed, in the stored form: upper case, I/L read as 1, O as 0, dashes."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    raw = raw.translate(str.maketrans("ILO", "110"))
    if len(raw) != 12 or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def attachment_path(instance, filename):
    return f"complaints/{instance.agency_id}/{secrets.token_hex(12)}/{filename}"


class ComplaintQuerySet(TenantQuerySet):
    def visible_to(self, membership):
        """Admins and leaders see all complaints; operators those of their unit subtree."""
        if membership is None:
            return self.none()
        if membership.role in ("admin", "leader"):
            return self
        if membership.role == "operator" and membership.unit_id:
            return self.filter(unit__org_unit__path__startswith=membership.unit.path)
        return self.none()

    def open(self):
        return self.exclude(status__in=Complaint.FINAL_STATUSES)


class Complaint(TenantModel):
    """A complaint or suggestion, found again by its tracking code."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint (pengaduan)")
        SUGGESTION = "suggestion", _("Suggestion (saran)")

    class Category(models.TextChoices):
        PROCEDURE = "procedure", _("Requirements and procedure")
        TIME = "time", _("Service time")
        FEES = "fees", _("Fees and illegal charges")
        CONDUCT = "conduct", _("Staff conduct")
        FACILITIES = "facilities", _("Facilities")
        INFORMATION = "information", _("Information")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFIED = "verified", _("Verified")
        FORWARDED = "forwarded", _("Forwarded to the unit")
        RESPONDED = "responded", _("Responded")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Rejected")

    FINAL_STATUSES = (Status.CLOSED, Status.REJECTED)

    tracking_code = models.CharField(
        _("tracking code"), max_length=14, unique=True, default=new_tracking_code, editable=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    unit = models.ForeignKey(
        "citizens.ServiceUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("service unit"),
    )
    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employee concerned"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    verify_due_on = models.DateField(_("verification due"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    follow_up_due_on = models.DateField(_("follow-up due"), null=True, blank=True)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    auto_close_on = models.DateField(_("closes automatically on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_automatically = models.BooleanField(_("closed automatically"), default=False)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    lapor_tracking_id = models.CharField(_("LAPOR! tracking id"), max_length=50, blank=True)

    objects = tenant_manager(ComplaintQuerySet)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(
                fields=["agency", "status", "received_at"], name="complaint_agency_status"
            ),
            models.Index(fields=["agency", "received_at"], name="complaint_agency_received"),
        ]

    def __str__(self):
        return f"{self.tracking_code} · {self.subject}"

    @property
    def is_final(self):
        return self.status in self.FINAL_STATUSES

    def due_on(self):
        """The deadline of the current step: verification and forwarding within 3 working days,
        the unit's follow-up within 5 working days, then the automatic closing date."""
        if self.status in (self.Status.RECEIVED, self.Status.VERIFIED):
            return self.verify_due_on
        if self.status == self.Status.FORWARDED:
            return self.follow_up_due_on
        if self.status == self.Status.RESPONDED:
            return self.auto_close_on
        return None

    def is_overdue_on(self, today):
        """Staff are late on verification or follow-up (closing on time is automatic)."""
        if self.status == self.Status.RESPONDED:
            return False
        due = self.due_on()
        return due is not None and due < today

    @property
    def is_overdue(self):
        return self.is_overdue_on(timezone.localdate())


class ComplaintAttachment(TenantModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class ComplaintMessage(TenantModel):
    """A reply on a complaint: staff replies and the complainant's replies are public to the
    complainant; internal notes are not."""

    class Author(models.TextChoices):
        STAFF = "staff", _("Staff")
        CITIZEN = "citizen", _("Complainant")
        SYSTEM = "system", _("System")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"))
    is_public = models.BooleanField(_("visible to the complainant"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("complaint message")
        verbose_name_plural = _("complaint messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.complaint.tracking_code} · {self.get_author_kind_display()}"


class ComplaintPattern(TenantModel):
    """A recurring complaint noted by staff: many complaints of one category about one service
    unit in a period. Follow-up actions answer it; the count is the one seen when it was noted."""

    unit = models.ForeignKey(
        "citizens.ServiceUnit",
        on_delete=models.CASCADE,
        related_name="complaint_patterns",
        verbose_name=_("service unit"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Complaint.Category.choices)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    complaint_count = models.PositiveIntegerField(_("complaints when noted"))
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    actions = GenericRelation(
        "actions.FollowUpAction", content_type_field="source_type", object_id_field="source_id"
    )

    class Meta:
        verbose_name = _("complaint pattern")
        verbose_name_plural = _("complaint patterns")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "category", "starts_on", "ends_on"],
                name="complaint_pattern_once_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="complaint_pattern_period_in_order",
            ),
        ]

    def __str__(self):
        return _("%(category)s at %(unit)s, %(start)s – %(end)s (%(count)s complaints)") % {
            "category": self.get_category_display(),
            "unit": self.unit.name,
            "start": date_format(self.starts_on, "j F Y"),
            "end": date_format(self.ends_on, "j F Y"),
            "count": self.complaint_count,
        }

    @property
    def period_key(self):
        return f"{self.starts_on.isoformat()}:{self.ends_on.isoformat()}"

    @property
    def staff_url(self):
        """The patterns page showing this unit and category for the pattern's period."""
        url = reverse("citizens:complaint-patterns", kwargs={"agency": self.agency.slug})
        query = {
            "periode": "custom",
            "dari": self.starts_on.isoformat(),
            "sampai": self.ends_on.isoformat(),
            "unit": self.unit_id,
            "category": self.category,
            "minimum": 1,
        }
        return f"{url}?{urlencode(query)}"
