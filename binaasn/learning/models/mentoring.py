from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaasn.core.tenancy import TenantModel


class Mentorship(TenantModel):
    """A mentor–mentee pair (NKL02): goals, meeting logs and feedback from both at the end."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    mentor = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="mentorships_as_mentor",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "people.Employee",
        on_delete=models.PROTECT,
        related_name="mentorships_as_mentee",
        verbose_name=_("mentee"),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("planned end date"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    mentor_feedback = models.TextField(_("feedback from the mentor"), blank=True)
    mentee_feedback = models.TextField(_("feedback from the mentee"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentoring")
        verbose_name_plural = _("mentoring")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")), name="mentorship_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"


class MentoringGoal(TenantModel):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    competency = models.ForeignKey(
        "competencies.Competency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("competency"),
    )
    competency_name = models.CharField(_("competency"), max_length=200, blank=True)
    description = models.TextField(_("goal"))
    is_achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        verbose_name = _("mentoring goal")
        verbose_name_plural = _("mentoring goals")
        ordering = ["pk"]

    def __str__(self):
        return self.description[:60]

    @property
    def competency_label(self):
        return self.competency_name or (str(self.competency) if self.competency_id else "")


class MentoringMeeting(TenantModel):
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    topic = models.CharField(_("topic"), max_length=200)
    agreed_actions = models.TextField(_("agreed actions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1), name="meeting_duration_positive"
            ),
        ]

    def __str__(self):
        return f"{self.held_on:%d-%m-%Y} · {self.topic}"
