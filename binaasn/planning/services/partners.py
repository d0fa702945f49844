"""Partner institutions and speakers (narasumber)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Partner


@transaction.atomic
def save_partner(agency, partner, *, by=None):
    partner.agency = agency
    if (
        partner.mou_starts_on
        and partner.mou_ends_on
        and partner.mou_ends_on < partner.mou_starts_on
    ):
        raise ValidationError({"mou_ends_on": _("The MoU cannot end before it starts.")})
    clash = Partner.objects.for_agency(agency).filter(name__iexact=partner.name.strip())
    if partner.pk:
        clash = clash.exclude(pk=partner.pk)
    if clash.exists():
        raise ValidationError({"name": _("A partner with this name already exists.")})
    partner.full_clean(exclude=["agency"])
    partner.save()
    return partner


@transaction.atomic
def save_speaker(agency, speaker, *, by=None):
    speaker.agency = agency
    if speaker.partner_id and speaker.partner.agency_id != agency.pk:
        raise ValidationError({"partner": _("This partner belongs to another agency.")})
    speaker.full_clean(exclude=["agency"])
    speaker.save()
    return speaker
