"""Agency choices for training delivery: signatory, numbering, JP conversion per path code."""

from django.db import transaction

from ..models import LearningSettings, PathRule


def get_settings(agency):
    row, _created = LearningSettings.objects.get_or_create(agency=agency)
    return row


def save_settings(row):
    row.save()
    return row


@transaction.atomic
def save_path_rule(rule):
    rule.save()
    return rule


def delete_path_rule(rule):
    rule.delete()


__all__ = [
    "LearningSettings",
    "PathRule",
    "delete_path_rule",
    "get_settings",
    "save_path_rule",
    "save_settings",
]
