"""Organisation units (the tree) and positions (jabatan)."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Employee, OrgUnit, Position
from .common import FieldErrors

# Organisation units ------------------------------------------------------------------------


def validate_unit(unit):
    """Check a unit: a name, a parent of the same agency that is not below it, a unique code,
    and no active employees left when it is switched off."""
    errors = FieldErrors()
    if not (unit.name or "").strip():
        errors.add("name", _("Enter the name."))
    if unit.parent_id:
        if unit.parent.agency_id != unit.agency_id:
            errors.add("parent", _("The parent unit belongs to another agency."))
        elif unit.pk and (unit.parent_id == unit.pk or unit.parent.path.startswith(f"{unit.path}")):
            errors.add("parent", _("A unit cannot be placed under itself or a unit below it."))
    if unit.code:
        same_code = OrgUnit.objects.for_agency(unit.agency).filter(code=unit.code)
        if unit.pk:
            same_code = same_code.exclude(pk=unit.pk)
        if same_code.exists():
            errors.add(
                "code", _("Another unit already uses the code %(code)s.") % {"code": unit.code}
            )
    if unit.pk and not unit.is_active:
        staffed = Employee.objects.for_agency(unit.agency).active().in_subtree(unit).count()
        if staffed:
            errors.add(
                "is_active",
                _("%(n)d active employees still work in this unit or below; move them first.")
                % {"n": staffed},
            )
    errors.raise_if_any()


@transaction.atomic
def create_unit(agency, *, by=None, **fields):
    """Add an organisation unit under its parent."""
    unit = OrgUnit(agency=agency, **fields)
    validate_unit(unit)
    unit.save()
    return unit


@transaction.atomic
def update_unit(unit, *, by=None, **changes):
    """Rename, recode or move a unit; moving it rewrites the paths of every unit below it."""
    old_path = (
        OrgUnit.objects.for_agency(unit.agency).values_list("path", flat=True).get(pk=unit.pk)
    )
    for field, value in changes.items():
        setattr(unit, field, value)
    unit.path = old_path
    validate_unit(unit)
    unit.save()
    unit.refresh_from_db(fields=["path", "depth"])
    if unit.path != old_path:
        below = list(
            OrgUnit.objects.for_agency(unit.agency)
            .filter(path__startswith=old_path)
            .exclude(pk=unit.pk)
        )
        for child in below:
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
        OrgUnit.objects.for_agency(unit.agency).bulk_update(
            below, ["path", "depth"], batch_size=500
        )
    return unit


# Positions -----------------------------------------------------------------------------------


def validate_position(position):
    """Check a position: a functional level exactly for functional types (keahlian levels for
    keahlian, keterampilan levels for keterampilan), kelas jabatan 1–17, a unit of the agency."""
    errors = FieldErrors()
    if not (position.name or "").strip():
        errors.add("name", _("Enter the name."))
    if position.position_type not in Position.Type.values:
        errors.add("position_type", _("Choose the position type."))
    elif position.position_type == Position.Type.FUNGSIONAL_KEAHLIAN:
        if position.level not in Position.KEAHLIAN_LEVELS:
            errors.add(
                "level",
                _(
                    "A functional expertise (keahlian) position needs a level: ahli pertama, "
                    "ahli muda, ahli madya or ahli utama."
                ),
            )
    elif position.position_type == Position.Type.FUNGSIONAL_KETERAMPILAN:
        if position.level not in Position.KETERAMPILAN_LEVELS:
            errors.add(
                "level",
                _(
                    "A functional skill (keterampilan) position needs a level: pemula, terampil, "
                    "mahir or penyelia."
                ),
            )
    elif position.level:
        errors.add("level", _("Only functional positions have a functional level."))
    if position.kelas_jabatan is not None and not 1 <= position.kelas_jabatan <= 17:
        errors.add("kelas_jabatan", _("Kelas jabatan runs from 1 to 17."))
    if position.unit_id and position.unit.agency_id != position.agency_id:
        errors.add("unit", _("The unit belongs to another agency."))
    errors.raise_if_any()


@transaction.atomic
def create_position(agency, *, by=None, **fields):
    """Add a position (jabatan) with its type and, for functional ones, its level."""
    position = Position(agency=agency, **fields)
    validate_position(position)
    position.save()
    return position


@transaction.atomic
def update_position(position, *, by=None, **changes):
    for field, value in changes.items():
        setattr(position, field, value)
    validate_position(position)
    position.save()
    return position
