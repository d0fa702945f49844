from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

from .. import paths
from .common import evidence_path


class Source(models.TextChoices):
    OFFERING = "offering", _("Training offering")
    EXTERNAL = "external", _("External learning")
    MENTORING = "mentoring", _("Mentoring")
    PROJECT = "project", _("Project-based learning")
    INTERNSHIP = "internship", _("Internship")
    COMMUNITY = "community", _("Community activity")


class LearningRecordQuerySet(TenantQuerySet):
    def counting(self):
        return self.filter(counts_toward_target=True)


class LearningRecord(TenantModel):
    """One row of the JP ledger: a completed learning activity of one ASN, with everything the
    SIASN training history (riwayat diklat) needs."""

    Source = Source

    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="learning_records",
        verbose_name=_("employee"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_pk = models.PositiveBigIntegerField(null=True, blank=True)
    path_code = models.CharField(_("path code"), max_length=5, choices=paths.PATH_CHOICES)
    siasn_type = models.PositiveSmallIntegerField(
        _("SIASN type (jenisDiklatId)"), choices=paths.SIASN_TYPE_CHOICES
    )
    name = models.CharField(_("name"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=200)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    jp_basis = models.CharField(_("JP basis"), max_length=12, blank=True)
    counts_toward_target = models.BooleanField(_("counts toward the JP target"), default=True)
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_type = models.CharField(_("certificate type"), max_length=1, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = tenant_manager(LearningRecordQuerySet)

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")
        ordering = ["-ends_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "year", "employee"], name="record_agency_year_employee"),
            models.Index(fields=["employee", "year"], name="record_employee_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_pk", "employee"],
                name="record_once_per_source",
                condition=models.Q(source_pk__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.employee} · {self.name} ({self.jp} JP)"

    @property
    def path_label(self):
        return paths.label(self.path_code)


class JpYearTotal(TenantModel):
    """The JP an ASN gathered in one year, kept by the ledger service as rows are written so the
    compliance page never sums millions of ledger rows."""

    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="jp_totals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    jp = models.PositiveIntegerField(_("JP"), default=0)

    class Meta:
        verbose_name = _("yearly JP total")
        verbose_name_plural = _("yearly JP totals")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="jptotal_once_per_year"),
        ]
        indexes = [models.Index(fields=["agency", "year", "jp"], name="jptotal_agency_year_jp")]

    def __str__(self):
        return f"{self.employee} · {self.year}: {self.jp} JP"


class ExternalLearning(TenantModel):
    """Learning an ASN did elsewhere and submits with evidence; an operator verifies it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="external_learning",
        verbose_name=_("employee"),
    )
    title = models.CharField(_("name of the activity"), max_length=255)
    organiser = models.CharField(_("organiser"), max_length=200)
    path_code = models.CharField(_("path code"), max_length=5, choices=paths.PATH_CHOICES)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    minutes = models.PositiveIntegerField(
        _("minutes of learning"),
        null=True,
        blank=True,
        help_text=_("Used only when the certificate states no JP."),
    )
    sessions = models.PositiveSmallIntegerField(
        _("number of sessions or meetings"),
        null=True,
        blank=True,
    )
    certificate_jp = models.PositiveSmallIntegerField(
        _("JP on the certificate"), null=True, blank=True
    )
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    evidence = models.FileField(
        _("evidence (certificate)"), upload_to=evidence_path, max_length=300
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("external learning")
        verbose_name_plural = _("external learning")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["agency", "status"], name="external_agency_status")]

    def __str__(self):
        return f"{self.employee} · {self.title}"
