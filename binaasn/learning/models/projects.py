from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel

from .. import paths
from .common import deliverable_path, score_validators


class ProjectGroup(TenantModel):
    """Project-based learning: a group of ASN with a coach working on a real brief."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        NOT_PASSED = "not_passed", _("Did not pass")

    title = models.CharField(_("project title"), max_length=200)
    brief = models.TextField(_("project brief"))
    unit = models.ForeignKey(
        "people.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coach"),
    )
    members = models.ManyToManyField(
        "people.Employee", related_name="project_groups", verbose_name=_("members")
    )
    path_code = models.CharField(_("path code"), max_length=5, choices=paths.PROJECT_CHOICES)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    learning_hours = models.PositiveSmallIntegerField(
        _("learning hours per member"),
        default=0,
        help_text=_(
            "Hours each member spent; converted to JP (÷ 45 minutes) unless the agency has a rule "
            "for this path."
        ),
    )
    pass_score = models.DecimalField(
        _("pass score"), max_digits=5, decimal_places=2, default=60, validators=score_validators
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    final_score = models.DecimalField(
        _("final score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project group")
        verbose_name_plural = _("project groups")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="project_dates_in_order",
            ),
        ]

    def __str__(self):
        return self.title


class ProjectMilestone(TenantModel):
    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class ProjectDeliverable(TenantModel):
    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="deliverables")
    milestone = models.ForeignKey(
        ProjectMilestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name=_("milestone"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=deliverable_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class RubricCriterion(TenantModel):
    """One line of the coach's assessment rubric: a weight and a score 0–100."""

    group = models.ForeignKey(ProjectGroup, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=score_validators,
    )

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1), name="criterion_weight_positive"
            ),
        ]

    def __str__(self):
        return self.name
