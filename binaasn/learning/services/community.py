"""Community activities (bakti sosial, penyuluhan): recorded on every participant's learning
record; JP only when the agency marks the activity as development."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import jp as jp_rules
from ..models import CommunityActivity, CommunityPhoto, LearningRecord
from . import ledger


def activity_credit(activity):
    minutes = int(activity.hours * 60)
    if not activity.counts_as_development:
        return jp_rules.Credit(0, jp_rules.BASIS_MINUTES), minutes
    rule = ledger.rule_for(activity.agency, activity.path_code)
    return jp_rules.convert(minutes=minutes, sessions=1, days=1, weeks=1, rule=rule), minutes


@transaction.atomic
def save_activity(activity, *, participants, by):
    """Create or update an activity and write the participants' records to match."""
    if activity.hours is None or activity.hours <= 0:
        raise ValidationError({"hours": _("Enter the hours the activity took.")})
    inactive = [p.full_name for p in participants if not p.is_active]
    if inactive:
        raise ValidationError(
            {"participants": _("Not active any more: %(names)s.") % {"names": ", ".join(inactive)}}
        )
    if activity.pk is None:
        activity.created_by = by
    activity.is_recorded = True
    activity.save()
    before = set(activity.participants.values_list("pk", flat=True))
    activity.participants.set(participants)
    credit, minutes = activity_credit(activity)
    for person in participants:
        ledger.credit(
            person,
            source=LearningRecord.Source.COMMUNITY,
            source_pk=activity.pk,
            path_code=activity.path_code,
            name=activity.title,
            organiser=activity.organiser_unit.name,
            starts_on=activity.held_on,
            ends_on=activity.held_on,
            credit=credit,
            minutes=minutes,
            counts=activity.counts_as_development,
        )
    removed = before - {p.pk for p in participants}
    if removed:
        for record in (
            LearningRecord.objects.for_agency(activity.agency)
            .filter(
                source=LearningRecord.Source.COMMUNITY,
                source_pk=activity.pk,
                employee_id__in=removed,
            )
            .select_related("employee")
        ):
            ledger.withdraw(
                record.employee, source=LearningRecord.Source.COMMUNITY, source_pk=activity.pk
            )
    return activity


def add_photo(activity, *, image, caption=""):
    return CommunityPhoto.objects.create(
        agency=activity.agency, activity=activity, image=image, caption=caption
    )


def check_image(upload):
    """Photos must be PNG or JPEG images within the size limit."""
    from binaasn.core.uploads import check_size, sniff

    check_size(upload)
    if sniff(upload) not in ("png", "jpeg"):
        raise ValidationError(_("Upload a photo as a PNG or JPEG image."), code="bad_type")
    return upload


__all__ = ["CommunityActivity", "activity_credit", "add_photo", "check_image", "save_activity"]
