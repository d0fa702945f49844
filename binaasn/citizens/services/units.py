"""Service units, their population of service users, and the agency's IKM method."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import pagecache
from ..models import CitizenSettings, ServiceUnit, ServiceUserCount


def _check_org_unit(agency, org_unit):
    if org_unit.agency_id != agency.pk:
        raise ValidationError({"org_unit": _("This unit belongs to another agency.")})


def _check_code_free(agency, code, exclude_pk=None):
    taken = ServiceUnit.objects.for_agency(agency).filter(public_code=code.strip().upper())
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {
                "public_code": _("Another service unit already uses the code %(code)s.")
                % {"code": code.upper()}
            }
        )


@transaction.atomic
def create_service_unit(*, agency, org_unit, name, public_code, services="", by=None):
    """A new service unit with a public code that is unique in the agency."""
    _check_org_unit(agency, org_unit)
    _check_code_free(agency, public_code)
    unit = ServiceUnit(
        agency=agency,
        org_unit=org_unit,
        name=name,
        public_code=public_code.strip().upper(),
        services=services,
    )
    unit.full_clean(validate_unique=False, validate_constraints=False)
    unit.save()
    return unit


@transaction.atomic
def update_service_unit(unit, *, by=None, **fields):
    allowed = {"org_unit", "name", "public_code", "services", "is_active"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "org_unit" in fields:
        _check_org_unit(unit.agency, fields["org_unit"])
    if "public_code" in fields:
        _check_code_free(unit.agency, fields["public_code"], exclude_pk=unit.pk)
        fields["public_code"] = fields["public_code"].strip().upper()
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean(validate_unique=False, validate_constraints=False)
    unit.save()
    pagecache.forget(unit.agency_id)
    return unit


@transaction.atomic
def set_service_user_count(unit, *, start_on, end_on, count, note="", by=None):
    """Record how many people the unit served in a period (replaces the same period's value)."""
    if end_on < start_on:
        raise ValidationError({"end_on": _("The end date is before the start date.")})
    row, _created = ServiceUserCount.objects.for_agency(unit.agency).update_or_create(
        unit=unit,
        start_on=start_on,
        end_on=end_on,
        defaults={"agency": unit.agency, "count": count, "note": note},
    )
    return row


def delete_service_user_count(row, *, by=None):
    row.delete()


@transaction.atomic
def set_ikm_method(agency, method, *, by=None):
    """Choose how the agency computes IKM (exact mean or weight 0,111)."""
    if method not in CitizenSettings.Method.values:
        raise ValidationError({"ikm_method": _("Unknown IKM method.")})
    settings_row, _created = CitizenSettings.objects.for_agency(agency).update_or_create(
        agency=agency, defaults={"ikm_method": method}
    )
    return settings_row
