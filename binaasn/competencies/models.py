"""Competency dictionary, position standards and assessments (PermenPANRB 38/2017).

The managerial and socio-cultural competencies are one national dictionary shared by every
agency (rows without an agency, seeded by a data migration); technical competencies belong to
the agency that defines them. ``Competency.objects.for_agency(agency)`` returns both.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel, TenantQuerySet, tenant_manager

from . import profile

LEVELS = (1, 2, 3, 4, 5)
LEVEL_CHOICES = [(level, str(level)) for level in LEVELS]
level_validators = [MinValueValidator(1), MaxValueValidator(5)]


class CompetencyQuerySet(models.QuerySet):
    def for_agency(self, agency):
        """The shared national dictionary plus the agency's own technical competencies."""
        return self.filter(Q(agency__isnull=True) | Q(agency=agency))

    def active(self):
        return self.filter(is_active=True)


class Competency(models.Model):
    """One competency with its five level descriptions.

    Not a TenantModel: the shared rows have no agency. Every read goes through ``for_agency``.
    """

    class Kind(models.TextChoices):
        MANAGERIAL = "managerial", _("Managerial")
        SOCIO_CULTURAL = "socio_cultural", _("Socio-cultural")
        TECHNICAL = "technical", _("Technical")

    agency = models.ForeignKey(
        "core.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("Empty for the national dictionary shared by every agency."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(
        _("group"),
        max_length=100,
        blank=True,
        help_text=_("For technical competencies, e.g. Kesehatan."),
    )
    description = models.TextField(_("description"), blank=True)
    level_1 = models.TextField(_("level 1"))
    level_2 = models.TextField(_("level 2"))
    level_3 = models.TextField(_("level 3"))
    level_4 = models.TextField(_("level 4"))
    level_5 = models.TextField(_("level 5"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    objects = CompetencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["sort_order", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "name"], name="competency_unique_name_per_agency"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(agency__isnull=True),
                name="competency_unique_shared_name",
            ),
            models.CheckConstraint(
                condition=Q(agency__isnull=True) | Q(kind="technical"),
                name="competency_agency_defines_only_technical",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_shared(self):
        return self.agency_id is None

    def level_description(self, level):
        return getattr(self, f"level_{level}", "")

    @property
    def level_descriptions(self):
        return [(level, self.level_description(level)) for level in LEVELS]

    def get_additional_data(self):
        return {"agency": self.agency_id}


class JpmBand(TenantModel):
    """A JPM category as the agency configures it: scores at or above ``min_percent``."""

    label = models.CharField(_("category"), max_length=60)
    min_percent = models.DecimalField(
        _("from (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    css_class = models.CharField(
        _("colour"),
        max_length=20,
        choices=[("good", _("Green")), ("fair", _("Yellow")), ("poor", _("Red"))],
        default="fair",
    )

    class Meta:
        verbose_name = _("JPM category")
        verbose_name_plural = _("JPM categories")
        ordering = ["-min_percent"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "min_percent"], name="jpmband_unique_threshold"
            )
        ]

    def __str__(self):
        return f"{self.label} (≥ {self.min_percent}%)"


class PositionStandardQuerySet(TenantQuerySet):
    def for_position(self, position):
        return self.filter(position=position).select_related("competency")


class PositionStandard(TenantModel):
    """The level a position requires of one competency (Standar Kompetensi Jabatan)."""

    position = models.ForeignKey(
        "people.Position",
        on_delete=models.CASCADE,
        related_name="standards",
        verbose_name=_("position"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="standards", verbose_name=_("competency")
    )
    required_level = models.PositiveSmallIntegerField(
        _("required level"), choices=LEVEL_CHOICES, validators=level_validators
    )

    objects = tenant_manager(PositionStandardQuerySet)

    class Meta:
        verbose_name = _("position standard")
        verbose_name_plural = _("position standards")
        ordering = ["competency__sort_order", "competency__name"]
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="standard_unique"),
            models.CheckConstraint(
                condition=Q(required_level__gte=1, required_level__lte=5), name="standard_level_1_5"
            ),
        ]

    def __str__(self):
        return f"{self.position} · {self.competency}: {self.required_level}"

    @property
    def level_text(self):
        return self.competency.level_description(self.required_level)


def assessment_evidence_path(instance, filename):
    return f"competency-evidence/{instance.agency_id}/{instance.employee_id}/{filename}"


class Source(models.TextChoices):
    """Where a level comes from; ``PRECEDENCE`` orders them for the current profile."""

    ASSESSMENT_CENTRE = "assessment_centre", _("Assessment centre")
    TEST = "test", _("Test")
    SUPERVISOR = "supervisor", _("Supervisor")
    SELF = "self", _("Self-assessment")


# Highest first (profile.py): an assessment centre result outranks a test, a test the
# supervisor, the supervisor the employee's own view. Shown on the pages that use it.
PRECEDENCE = profile.PRECEDENCE


class AssessmentQuerySet(TenantQuerySet):
    def visible_to(self, membership):
        """Admins and leaders see all; operators their unit subtree; an employee their own."""
        if membership is None:
            return self.none()
        if membership.role in ("admin", "leader"):
            return self
        if membership.role == "operator":
            if membership.unit_id is None:
                return self.none()
            return self.filter(employee__unit__path__startswith=membership.unit.path)
        return self.filter(employee__user_id=membership.user_id)


class Assessment(TenantModel):
    """One assessment of one employee from one source on one date; its scores are personal data."""

    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("employee"),
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    assessed_on = models.DateField(_("assessment date"))
    assessor = models.CharField(_("assessor"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=assessment_evidence_path, blank=True, max_length=300
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = tenant_manager(AssessmentQuerySet)

    class Meta:
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        ordering = ["-assessed_on", "-created_at"]
        indexes = [
            models.Index(fields=["agency", "employee", "source"], name="assessment_employee_source")
        ]

    def __str__(self):
        return f"{self.employee} · {self.get_source_display()} · {self.assessed_on:%d-%m-%Y}"


class AssessmentScore(TenantModel):
    """The level one assessment gave one competency."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="+", verbose_name=_("competency")
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=LEVEL_CHOICES, validators=level_validators
    )

    class Meta:
        verbose_name = _("assessment score")
        verbose_name_plural = _("assessment scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="score_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="score_level_1_5"),
        ]

    def __str__(self):
        return f"{self.competency}: {self.level}"


class CurrentLevelQuerySet(TenantQuerySet):
    def in_subtree(self, unit):
        return self.filter(employee__unit__path__startswith=unit.path)


class CurrentLevel(TenantModel):
    """The employee's current level of one competency, kept up to date by the assessment
    services from the latest score of each source and the precedence above. A derived table:
    gap pages and the needs analysis read it instead of re-deciding over every assessment."""

    employee = models.ForeignKey(
        "people.Employee",
        on_delete=models.CASCADE,
        related_name="current_levels",
        verbose_name=_("employee"),
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="+", verbose_name=_("competency")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVEL_CHOICES)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    assessed_on = models.DateField(_("assessment date"))

    objects = tenant_manager(CurrentLevelQuerySet)

    class Meta:
        verbose_name = _("current competency level")
        verbose_name_plural = _("current competency levels")
        constraints = [
            models.UniqueConstraint(fields=["employee", "competency"], name="currentlevel_unique")
        ]

    def __str__(self):
        return f"{self.employee} · {self.competency}: {self.level}"
