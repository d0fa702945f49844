from .complaints import Complaint, ComplaintAttachment, ComplaintMessage, ComplaintPattern
from .forums import Forum, ForumIssue
from .skm import (
    AgeGroup,
    CitizenSettings,
    Education,
    HistoricalIkm,
    Occupation,
    ServiceUnit,
    ServiceUserCount,
    SkmResponse,
    age_group_for,
)

__all__ = [
    "AgeGroup",
    "CitizenSettings",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintMessage",
    "ComplaintPattern",
    "Education",
    "Forum",
    "ForumIssue",
    "HistoricalIkm",
    "Occupation",
    "ServiceUnit",
    "ServiceUserCount",
    "SkmResponse",
    "age_group_for",
]
