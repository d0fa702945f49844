from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel

from .common import report_path, score_validators


class Internship(TenantModel):
    """A placement (magang, NKL12) at a partner institution with weekly logbook entries."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        NOT_PASSED = "not_passed", _("Did not pass")

    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="internships",
        verbose_name=_("employee"),
    )
    partner = models.ForeignKey(
        "planning.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner institution"),
    )
    partner_name = models.CharField(
        _("partner institution (name)"),
        max_length=200,
        blank=True,
        help_text=_("Filled from the partner; type it for a partner not in the list."),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    goals = models.TextField(_("learning goals"), blank=True)
    partner_supervisor_name = models.CharField(_("supervisor at the partner"), max_length=200)
    partner_supervisor_position = models.CharField(_("their position"), max_length=200, blank=True)
    partner_supervisor_email = models.EmailField(_("their e-mail"), blank=True)
    internal_supervisor = models.ForeignKey(
        "people.Employee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor in the agency"),
    )
    final_report = models.FileField(
        _("final report"), upload_to=report_path, blank=True, max_length=300
    )
    partner_score = models.DecimalField(
        _("score from the partner supervisor"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )
    partner_evaluation = models.TextField(_("evaluation by the partner supervisor"), blank=True)
    internal_score = models.DecimalField(
        _("score from the agency supervisor"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )
    internal_evaluation = models.TextField(_("evaluation by the agency supervisor"), blank=True)
    pass_score = models.DecimalField(
        _("pass score"), max_digits=5, decimal_places=2, default=60, validators=score_validators
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="internship_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.partner_display}"

    @property
    def partner_display(self):
        return self.partner_name or (str(self.partner) if self.partner_id else "")


class LogbookEntry(TenantModel):
    """A weekly logbook entry; its date must fall inside the placement."""

    internship = models.ForeignKey(Internship, on_delete=models.CASCADE, related_name="logbook")
    entry_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours of learning"), max_digits=5, decimal_places=1)
    activities = models.TextField(_("activities"))
    learnings = models.TextField(_("what I learned"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        ordering = ["entry_on", "pk"]

    def __str__(self):
        return f"{self.internship} · {self.entry_on:%d-%m-%Y}"
