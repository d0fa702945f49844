"""Training delivery: offerings, enrolment, attendance, results, the JP ledger, certificates,
mentoring, project-based learning, internships and community activities."""

from .certificates import Certificate
from .community import CommunityActivity, CommunityPhoto
from .costs import CostCategory, CostRealization
from .internships import Internship, LogbookEntry
from .ledger import ExternalLearning, JpYearTotal, LearningRecord
from .mentoring import MentoringGoal, MentoringMeeting, Mentorship
from .offerings import (
    Assignment,
    AssignmentGrade,
    Attendance,
    Enrolment,
    Offering,
    Session,
)
from .projects import ProjectDeliverable, ProjectGroup, ProjectMilestone, RubricCriterion
from .settings import LearningSettings, PathRule

__all__ = [
    "Assignment",
    "AssignmentGrade",
    "Attendance",
    "Certificate",
    "CommunityActivity",
    "CommunityPhoto",
    "CostCategory",
    "CostRealization",
    "Enrolment",
    "ExternalLearning",
    "Internship",
    "JpYearTotal",
    "LearningRecord",
    "LearningSettings",
    "LogbookEntry",
    "MentoringGoal",
    "MentoringMeeting",
    "Mentorship",
    "Offering",
    "PathRule",
    "ProjectDeliverable",
    "ProjectGroup",
    "ProjectMilestone",
    "RubricCriterion",
    "Session",
]
