from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel

from .. import paths
from .common import photo_path


class CommunityActivity(TenantModel):
    """Bakti sosial, penyuluhan and similar: recorded on the participants' learning records,
    crediting JP only when the agency marks the activity as development."""

    class Kind(models.TextChoices):
        BAKTI_SOSIAL = "bakti_sosial", _("Bakti sosial (community service)")
        PENYULUHAN = "penyuluhan", _("Penyuluhan (public counselling)")
        OTHER = "other", _("Other community activity")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    organiser_unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organising unit"),
    )
    participants = models.ManyToManyField(
        "people.Employee", related_name="community_activities", verbose_name=_("participating ASN")
    )
    community_reached = models.CharField(_("community reached"), max_length=300, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    counts_as_development = models.BooleanField(
        _("counts as competency development"),
        default=False,
        help_text=_("Only then do participants receive JP for it."),
    )
    path_code = models.CharField(
        _("path code"), max_length=5, choices=paths.NON_CLASSICAL_CHOICES, default="NKL13"
    )
    description = models.TextField(_("description"), blank=True)
    is_recorded = models.BooleanField(default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community activity")
        verbose_name_plural = _("community activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title


class CommunityPhoto(TenantModel):
    activity = models.ForeignKey(CommunityActivity, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=300)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["pk"]

    def __str__(self):
        return self.caption or self.image.name
