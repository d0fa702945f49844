"""Complaint patterns: a unit and category with many complaints in a period, noted so that a
follow-up action can answer it (issue "follow-up actions from a complaint pattern")."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction

from .. import queries
from ..models import Complaint, ComplaintPattern

DEFAULT_MINIMUM = 3


def count_for(unit, category, start, end):
    """Complaints about ``unit`` in ``category`` received ``start``…``end``."""
    rows = queries.complaint_counts(unit.agency, start, end, by=("category",), units=[unit])
    return next((row["count"] for row in rows if row["category"] == category), 0)


@transaction.atomic
def note_complaint_pattern(*, unit, category, start, end, by=None, action):
    """Record the pattern (or refresh the one already noted for the same unit, category and
    period) and the follow-up action answering it; ``action`` holds the action's fields
    (title, description, kind, unit, owner_employee, owner_user, due_on). Both or neither are
    saved."""
    if category not in Complaint.Category.values:
        raise ValidationError(_("Unknown complaint category."))
    if end < start:
        raise ValidationError(_("The end date is before the start date."))
    count = count_for(unit, category, start, end)
    if not count:
        raise ValidationError(_("No complaints of this category about this unit in the period."))
    pattern, created = ComplaintPattern.objects.for_agency(unit.agency).get_or_create(
        unit=unit,
        category=category,
        starts_on=start,
        ends_on=end,
        defaults={"agency": unit.agency, "complaint_count": count, "noted_by": by},
    )
    if not created and pattern.complaint_count != count:
        pattern.complaint_count = count
        pattern.save(update_fields=["complaint_count"])
    fields = dict(action)
    fields.setdefault("kind", FollowUpAction.Kind.SERVICE_IMPROVEMENT)
    title = fields.pop("title")
    new_action = action_services.create_action(
        agency=unit.agency, title=title, by=by, source=pattern, **fields
    )
    return pattern, new_action
