"""Dialogue forums: plan the event, record who came and what was said, and turn every issue
into follow-up actions (binaasn.actions)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction

from ..models import Forum, ForumIssue

FORUM_FIELDS = (
    "theme",
    "held_on",
    "place",
    "unit",
    "community_groups",
    "community_attendance",
    "minutes",
    "is_published",
)


def _check_agency(agency, unit=None, employees=()):
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("This unit belongs to another agency.")})
    for employee in employees:
        if employee.agency_id != agency.pk:
            raise ValidationError(_("%(name)s belongs to another agency.") % {"name": employee})


@transaction.atomic
def create_forum(*, agency, by=None, invited_employees=(), **fields):
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_agency(agency, fields.get("unit"), invited_employees)
    forum = Forum(agency=agency, created_by=by, **fields)
    forum.full_clean(
        exclude=["unit", "created_by"], validate_unique=False, validate_constraints=False
    )
    forum.save()
    forum.invited_employees.set(invited_employees)
    return forum


@transaction.atomic
def update_forum(
    forum, *, by=None, invited_employees=None, attended_employees=None, minutes_file=None, **fields
):
    unknown = set(fields) - set(FORUM_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_agency(
        forum.agency,
        fields.get("unit"),
        list(invited_employees or []) + list(attended_employees or []),
    )
    for name, value in fields.items():
        setattr(forum, name, value)
    if minutes_file is not None:
        from binaasn.core.uploads import validate_document

        try:
            validate_document(minutes_file)
        except ValidationError as error:
            raise ValidationError({"minutes_file": error.messages}) from None
        forum.minutes_file = minutes_file
    forum.full_clean(
        exclude=["unit", "created_by"], validate_unique=False, validate_constraints=False
    )
    forum.save()
    if invited_employees is not None:
        forum.invited_employees.set(invited_employees)
    if attended_employees is not None:
        forum.attended_employees.set(attended_employees)
    return forum


@transaction.atomic
def raise_issue(forum, *, title, description="", raised_by="", by=None, action=None):
    """Record an issue raised in the forum and, with ``action`` (a dict of owner, due date and
    kind), the follow-up action that answers it."""
    if not title or not title.strip():
        raise ValidationError({"title": _("Name the issue.")})
    issue = ForumIssue.objects.create(
        agency=forum.agency,
        forum=forum,
        title=title.strip(),
        description=description.strip(),
        raised_by=raised_by.strip(),
    )
    if action:
        add_issue_action(issue, by=by, **action)
    return issue


def add_issue_action(
    issue, *, by=None, title=None, kind=FollowUpAction.Kind.SERVICE_IMPROVEMENT, **fields
):
    """A follow-up action owned by ``issue``; its unit defaults to the forum's unit."""
    fields.setdefault("unit", issue.forum.unit)
    return action_services.create_action(
        agency=issue.agency, title=title or issue.title, source=issue, kind=kind, by=by, **fields
    )
