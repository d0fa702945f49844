"""Writes of evaluation findings: a finding, and optionally the follow-up action it asks for,
made together so neither exists without the other when both were asked for."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from binaasn.actions import services as action_services

from ..models import Finding, Level


def _check_subject(agency, offering, programme, plan):
    for name, value in (("offering", offering), ("programme", programme), ("plan", plan)):
        if value is not None and value.agency_id != agency.pk:
            raise ValidationError({name: _("This choice belongs to another agency.")})


@transaction.atomic
def record_finding(
    agency, *, level, text, by=None, offering=None, programme=None, plan=None, action=None
):
    """A finding about an offering, a programme or a plan; ``action`` (a dict with ``title``
    and the follow-up action's fields) also opens an action with the finding as its source.
    A refused action leaves no finding behind."""
    if level not in Level.values:
        raise ValidationError({"level": _("Choose a level.")})
    if not text.strip():
        raise ValidationError({"text": _("Write what the evaluation found.")})
    if offering is not None and programme is None:
        programme = offering.programme
    _check_subject(agency, offering, programme, plan)
    finding = Finding(
        agency=agency,
        level=level,
        text=text.strip(),
        offering=offering,
        programme=programme,
        plan=plan,
        created_by=by,
    )
    finding.full_clean(exclude=["created_by"])
    finding.save()
    created = None
    if action is not None:
        fields = dict(action)
        title = fields.pop("title")
        created = action_services.create_action(
            agency=agency, title=title, by=by, source=finding, **fields
        )
    return finding, created
