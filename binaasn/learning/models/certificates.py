import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel


def new_code():
    """An unguessable public code (128 bits) for the verification URL."""
    return secrets.token_urlsafe(16)


class Certificate(TenantModel):
    """A certificate for one completed learning record. What it says is copied at issue time so
    the PDF and the public verification page never change when the programme is edited."""

    record = models.OneToOneField(
        "learning.LearningRecord", on_delete=models.PROTECT, related_name="certificate"
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="certificates"
    )
    offering = models.ForeignKey(
        "learning.Offering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    number = models.CharField(_("certificate number"), max_length=100)
    code = models.CharField(max_length=40, unique=True, default=new_code, editable=False)
    recipient_name = models.CharField(_("recipient"), max_length=255)
    recipient_nip = models.CharField(_("NIP"), max_length=18, blank=True)
    programme_title = models.CharField(_("programme"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=200)
    path_code = models.CharField(_("path code"), max_length=5)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_position = models.CharField(_("signatory position"), max_length=200, blank=True)
    signatory_nip = models.CharField(_("signatory NIP"), max_length=18, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="certificate_unique_number"),
        ]
        indexes = [models.Index(fields=["agency", "employee"], name="certificate_agency_employee")]

    def __str__(self):
        return self.number

    @property
    def is_revoked(self):
        return self.revoked_at is not None
