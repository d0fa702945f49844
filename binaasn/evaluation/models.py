"""Evaluation of development programmes (Kirkpatrick L1–L4), the findings that lead to
follow-up actions, and the challenges register of each annual plan."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel


class Level(models.TextChoices):
    REACTION = "l1", _("L1 reaction")
    LEARNING = "l2", _("L2 learning")
    BEHAVIOUR = "l3", _("L3 behaviour")
    RESULTS = "l4", _("L4 results")
    PLAN = "plan", _("Plan as a whole")


class EvaluationSettings(TenantModel):
    """How an agency runs its evaluations: the questionnaire templates and the timing."""

    reaction_template = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reaction questionnaire template (L1)"),
    )
    behaviour_template = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behaviour questionnaire template (L3)"),
    )
    reaction_days_open = models.PositiveSmallIntegerField(
        _("days the reaction questionnaire stays open"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    behaviour_delay_months = models.PositiveSmallIntegerField(
        _("months after completion for the behaviour questionnaire"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    behaviour_days_open = models.PositiveSmallIntegerField(
        _("days the behaviour questionnaire stays open"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(180)],
    )
    reminder_every_days = models.PositiveSmallIntegerField(
        _("remind those who have not answered every … days"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    outcome_window_months = models.PositiveSmallIntegerField(
        _("months before and after an offering compared for results (L4)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    outcome_min_respondents = models.PositiveSmallIntegerField(
        _("fewest SKM respondents per group and period for an L4 figure"),
        default=30,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("evaluation settings")
        verbose_name_plural = _("evaluation settings")
        constraints = [
            models.UniqueConstraint(fields=["agency"], name="evaluation_settings_one_per_agency")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class OfferingEvaluation(TenantModel):
    """The evaluation questionnaires of one offering: reaction right after it finished and
    behaviour some months later."""

    offering = models.OneToOneField(
        "learning.Offering", on_delete=models.CASCADE, related_name="evaluation"
    )
    reaction = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reaction questionnaire"),
    )
    reaction_sent_at = models.DateTimeField(_("reaction questionnaire sent"), null=True, blank=True)
    behaviour_due_on = models.DateField(
        _("behaviour questionnaire due"), null=True, blank=True, db_index=True
    )
    behaviour = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behaviour questionnaire"),
    )
    behaviour_sent_at = models.DateTimeField(
        _("behaviour questionnaire sent"), null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("offering evaluation")
        verbose_name_plural = _("offering evaluations")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return str(self.offering)


class Finding(TenantModel):
    """Something an evaluation showed that needs work; follow-up actions point at it."""

    level = models.CharField(_("level"), max_length=5, choices=Level.choices)
    programme = models.ForeignKey(
        "planning.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    offering = models.ForeignKey(
        "learning.Offering",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offering"),
    )
    plan = models.ForeignKey(
        "planning.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    text = models.TextField(_("finding"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluation finding")
        verbose_name_plural = _("evaluation findings")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def staff_url(self):
        """The evaluation page the finding was made on."""
        slug = self.agency.slug
        if self.offering_id:
            return reverse(
                "evaluation:offering-report", kwargs={"agency": slug, "pk": self.offering_id}
            )
        if self.programme_id:
            return reverse(
                "evaluation:programme-report", kwargs={"agency": slug, "pk": self.programme_id}
            )
        if self.plan_id:
            return reverse(
                "evaluation:plan-evaluation", kwargs={"agency": slug, "pk": self.plan_id}
            )
        return reverse("evaluation:finding-list", kwargs={"agency": slug})


class Challenge(TenantModel):
    """A challenge met while carrying out a plan, with how it is mitigated."""

    class Category(models.TextChoices):
        BUDGET = "budget", _("Budget limits")
        PARTICIPATION = "participation", _("Low participation")
        RESISTANCE = "resistance", _("Resistance to change")
        WORKLOAD = "workload", _("Workload and time of participants")
        INFRASTRUCTURE = "infrastructure", _("Facilities, network and devices")
        TRAINERS = "trainers", _("Availability of trainers and speakers")
        DATA = "data", _("Incomplete or outdated data")
        POLICY = "policy", _("Regulation and policy changes")
        OTHER = "other", _("Other")

    class Impact(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MITIGATING = "mitigating", _("Being mitigated")
        RESOLVED = "resolved", _("Resolved")

    plan = models.ForeignKey(
        "planning.Plan", on_delete=models.CASCADE, related_name="challenges", verbose_name=_("plan")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"))
    impact = models.CharField(
        _("impact"), max_length=10, choices=Impact.choices, default=Impact.MEDIUM
    )
    mitigation = models.TextField(_("mitigation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["plan", "status", "-created_at", "pk"]

    def __str__(self):
        return self.get_category_display()

    @property
    def staff_url(self):
        return reverse(
            "evaluation:challenge-list", kwargs={"agency": self.agency.slug, "pk": self.plan_id}
        )
