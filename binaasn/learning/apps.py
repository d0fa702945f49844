from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "binaasn.learning"
    label = "learning"
    verbose_name = _("Learning and training")

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        # Scores, attendance and JP are personal data: every change is audited.
        auditlog.register(models.Offering, m2m_fields={"trainers"})
        auditlog.register(models.Enrolment, exclude_fields=["warnings"])
        auditlog.register(models.Attendance)
        auditlog.register(models.AssignmentGrade)
        auditlog.register(models.LearningRecord)
        auditlog.register(models.ExternalLearning)
        auditlog.register(models.Certificate)
        auditlog.register(models.Mentorship)
        auditlog.register(models.MentoringMeeting)
        auditlog.register(models.RubricCriterion)
        auditlog.register(models.ProjectGroup, m2m_fields={"members"})
        auditlog.register(models.Internship)
        auditlog.register(models.LogbookEntry)
        auditlog.register(models.CommunityActivity, m2m_fields={"participants"})
        auditlog.register(models.CostRealization)
        auditlog.register(models.PathRule)
        auditlog.register(models.LearningSettings)
