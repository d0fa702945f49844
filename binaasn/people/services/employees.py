"""Employees and their career history: create, update, deactivate, reactivate, past records,
and the link between a login and its employee record."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import ranks
from ..models import CareerEntry, Employee
from ..nip import NipError, clean_nip, validate_nip
from .common import FieldErrors, inside_operator_subtree

# Fields a form or an import may set on an employee through create_employee/update_employee.
EMPLOYEE_FIELDS = (
    "nip", "front_title", "name", "back_title", "gender", "birth_place", "birth_date", "status",
    "golongan", "tmt_golongan", "tmt_cpns", "position", "tmt_jabatan", "unit", "supervisor",
    "education_level", "education_major", "education_institution", "graduation_year", "email",
    "phone", "nik", "address", "siasn_id",
)  # fmt: skip


def _same_agency(obj, agency):
    return obj is None or obj.agency_id == agency.pk


def _supervisor_cycle(employee, supervisor):
    """True when ``supervisor`` reports (directly or not) to ``employee``."""
    seen = set()
    current = supervisor
    while current is not None and current.pk not in seen:
        if employee.pk and current.pk == employee.pk:
            return True
        seen.add(current.pk)
        if current.supervisor_id is None:
            return False
        current = (
            Employee.objects.for_agency(employee.agency_id).filter(pk=current.supervisor_id).first()
        )
    return False


def validate_employee(employee, *, membership=None, today=None):
    """Check an (unsaved) employee against DOMAIN.md; raise ValidationError naming each field.

    ``membership`` is the acting member: an operator may only place employees in their subtree.
    """
    today = today or timezone.localdate()
    errors = FieldErrors()
    agency = employee.agency

    employee.nip = clean_nip(employee.nip)
    if not employee.name or not employee.name.strip():
        errors.add("name", _("Enter the name."))
    if employee.birth_date and employee.birth_date > today:
        errors.add("birth_date", _("The birth date lies in the future."))
    if employee.nip:
        try:
            validate_nip(
                employee.nip,
                birth_date=employee.birth_date,
                gender=employee.gender,
                status=employee.status,
                today=today,
            )
        except NipError as error:
            errors.add("nip", error.message)
        else:
            duplicate = Employee.objects.for_agency(agency).filter(nip=employee.nip)
            if employee.pk:
                duplicate = duplicate.exclude(pk=employee.pk)
            if duplicate.exists():
                errors.add("nip", _("Another employee of this agency already has this NIP."))
    else:
        errors.add("nip", _("Enter the NIP."))

    if employee.golongan:
        canonical = ranks.normalize_golongan(employee.golongan, employee.status)
        if canonical is None:
            if employee.status == Employee.Status.PPPK:
                errors.add(
                    "golongan",
                    _("%(value)s is not a PPPK golongan; PPPK have golongan I to XVII.")
                    % {"value": employee.golongan},
                )
            else:
                errors.add(
                    "golongan",
                    _("%(value)s is not a PNS golongan; PNS and CPNS have I/a to IV/e.")
                    % {"value": employee.golongan},
                )
        else:
            employee.golongan = canonical

    for field, label in (
        ("tmt_golongan", _("TMT golongan")),
        ("tmt_cpns", _("TMT CPNS/PPPK")),
        ("tmt_jabatan", _("TMT position")),
    ):
        value = getattr(employee, field)
        if value and value > today:
            errors.add(field, _("%(label)s cannot lie in the future.") % {"label": label})
        elif value and employee.birth_date and value < employee.birth_date:
            errors.add(field, _("%(label)s lies before the birth date.") % {"label": label})

    if employee.graduation_year:
        if employee.graduation_year > today.year:
            errors.add("graduation_year", _("The graduation year lies in the future."))
        elif employee.birth_date and employee.graduation_year <= employee.birth_date.year:
            errors.add("graduation_year", _("The graduation year lies before the birth date."))

    if employee.unit_id and not _same_agency(employee.unit, agency):
        errors.add("unit", _("The unit belongs to another agency."))
    elif not inside_operator_subtree(employee.unit, membership):
        errors.add(
            "unit", _("Choose a unit inside your own unit (%(unit)s).") % {"unit": membership.unit}
        )
    if employee.position_id and not _same_agency(employee.position, agency):
        errors.add("position", _("The position belongs to another agency."))

    if employee.supervisor_id:
        supervisor = employee.supervisor
        if not _same_agency(supervisor, agency):
            errors.add("supervisor", _("The supervisor must work in the same agency."))
        elif employee.pk and supervisor.pk == employee.pk:
            errors.add("supervisor", _("An employee cannot be their own supervisor."))
        elif _supervisor_cycle(employee, supervisor):
            errors.add(
                "supervisor",
                _("%(name)s already reports to this employee; choose another supervisor.")
                % {"name": supervisor.full_name},
            )
    errors.raise_if_any()


def _career_value(employee, kind):
    if kind == CareerEntry.Kind.POSITION:
        return employee.position.name if employee.position_id else ""
    if kind == CareerEntry.Kind.RANK:
        return employee.golongan or ""
    return employee.unit.name if employee.unit_id else ""


def _career_effective_on(employee, kind, decree):
    if decree.get("effective_on"):
        return decree["effective_on"]
    if kind == CareerEntry.Kind.RANK and employee.tmt_golongan:
        return employee.tmt_golongan
    if kind in (CareerEntry.Kind.POSITION, CareerEntry.Kind.UNIT) and employee.tmt_jabatan:
        return employee.tmt_jabatan
    return timezone.localdate()


def _record_career(employee, before, decree):
    """Write one career entry per changed position, golongan or unit (old → new)."""
    decree = decree or {}
    checks = (
        (CareerEntry.Kind.POSITION, "position_id"),
        (CareerEntry.Kind.RANK, "golongan"),
        (CareerEntry.Kind.UNIT, "unit_id"),
    )
    entries = []
    for kind, attribute in checks:
        old_key = before.get(attribute) if before else None
        new_key = getattr(employee, attribute) or None
        if (old_key or None) == new_key:
            continue
        new_value = _career_value(employee, kind)
        if not new_value:
            new_value = _("(none)")
        entries.append(
            CareerEntry(
                agency=employee.agency,
                employee=employee,
                kind=kind,
                effective_on=_career_effective_on(employee, kind, decree),
                decree_number=decree.get("decree_number") or "",
                decree_on=decree.get("decree_on"),
                old_value=(before or {}).get(f"{kind}_display", ""),
                new_value=new_value,
                note=decree.get("note") or "",
            )
        )
    for entry in entries:
        entry.save()  # one by one so the audit trail records each entry
    return entries


def _snapshot(employee):
    return {
        "position_id": employee.position_id,
        "golongan": employee.golongan or None,
        "unit_id": employee.unit_id,
        "position_display": _career_value(employee, CareerEntry.Kind.POSITION),
        "rank_display": _career_value(employee, CareerEntry.Kind.RANK),
        "unit_display": _career_value(employee, CareerEntry.Kind.UNIT),
    }


@transaction.atomic
def create_employee(agency, *, by=None, membership=None, decree=None, **fields):
    """Add an employee after validating every rule; the first career entries record the start.

    ``decree`` may hold ``decree_number``, ``decree_on``, ``effective_on`` and ``note``.
    """
    unknown = set(fields) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise TypeError(f"create_employee() got unknown fields: {sorted(unknown)}")
    employee = Employee(agency=agency, **fields)
    validate_employee(employee, membership=membership)
    employee.save()
    _record_career(employee, None, decree)
    _link_login_by_nip(employee)
    return employee


@transaction.atomic
def update_employee(employee, *, by=None, membership=None, decree=None, **changes):
    """Change an employee's fields after validating; position, golongan or unit changes add a
    career entry (with the optional decree). Returns the saved employee."""
    unknown = set(changes) - set(EMPLOYEE_FIELDS)
    if unknown:
        raise TypeError(f"update_employee() got unknown fields: {sorted(unknown)}")
    stored = (
        Employee.objects.for_agency(employee.agency)
        .select_related("position", "unit")
        .get(pk=employee.pk)
    )
    if membership is not None and not inside_operator_subtree(stored.unit, membership):
        raise ValidationError(_("This employee is outside your unit."))
    before = _snapshot(stored)
    for field, value in changes.items():
        setattr(employee, field, value)
    validate_employee(employee, membership=membership)
    employee.save()
    _record_career(employee, before, decree)
    return employee


@transaction.atomic
def deactivate_employee(employee, *, reason, on, by=None):
    """Mark an employee inactive (pensiun, mutasi keluar, meninggal, berhenti). Never deletes."""
    if reason not in Employee.InactiveReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    if on is None:
        raise ValidationError({"on": _("Enter the date.")})
    if on > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"on": _("The date lies more than a year ahead.")})
    employee.is_active = False
    employee.inactive_reason = reason
    employee.inactive_on = on
    employee.save(update_fields=["is_active", "inactive_reason", "inactive_on", "updated_at"])
    return employee


@transaction.atomic
def reactivate_employee(employee, *, by=None):
    """Bring a deactivated employee back (e.g. a transfer that did not happen)."""
    employee.is_active = True
    employee.inactive_reason = ""
    employee.inactive_on = None
    employee.save(update_fields=["is_active", "inactive_reason", "inactive_on", "updated_at"])
    return employee


def validate_career_entry(entry):
    """Check a career entry: what changed, a new value (a real golongan for a rank), no TMT or
    decree date in the future."""
    errors = FieldErrors()
    today = timezone.localdate()
    if entry.kind not in CareerEntry.Kind.values:
        errors.add("kind", _("Choose what changed."))
    if not (entry.new_value or "").strip():
        errors.add("new_value", _("Enter the new position, golongan or unit."))
    if entry.effective_on and entry.effective_on > today:
        errors.add("effective_on", _("The TMT cannot lie in the future."))
    if entry.decree_on and entry.decree_on > today:
        errors.add("decree_on", _("The decree date cannot lie in the future."))
    if entry.kind == CareerEntry.Kind.RANK and entry.new_value:
        # A past rank may predate a change of status, so either form is accepted.
        canonical = ranks.normalize_golongan(entry.new_value, entry.employee.status) or (
            ranks.normalize_pns_golongan(entry.new_value)
            or ranks.normalize_pppk_golongan(entry.new_value)
        )
        if canonical is None:
            errors.add(
                "new_value",
                _("%(value)s is not a golongan: write I/a to IV/e, or I to XVII for PPPK.")
                % {"value": entry.new_value},
            )
        elif canonical:
            entry.new_value = canonical
    errors.raise_if_any()


@transaction.atomic
def add_career_entry(employee, *, by=None, **fields):
    """Record a past change (a position, golongan or unit the employee held before)."""
    entry = CareerEntry(agency=employee.agency, employee=employee, **fields)
    validate_career_entry(entry)
    entry.save()
    return entry


@transaction.atomic
def update_career_entry(entry, *, by=None, **changes):
    """Correct a career entry (its SK number, dates or values)."""
    for field, value in changes.items():
        setattr(entry, field, value)
    validate_career_entry(entry)
    entry.save()
    return entry


def link_employee_login(employee, user):
    """Connect a login to an employee record so the ASN sees their own profile."""
    if employee.user_id or Employee._base_manager.filter(user=user).exists():
        return False
    employee.user = user
    employee.save(update_fields=["user", "updated_at"])
    return True


def link_login_for_membership(membership):
    """A new membership whose username is an employee's NIP in that agency links the two."""
    from django_scopes import scope

    with scope(agency=membership.agency):
        employee = (
            Employee.objects.for_agency(membership.agency)
            .filter(nip=membership.user.username, user__isnull=True)
            .first()
        )
        if employee is None:
            return None
        return employee if link_employee_login(employee, membership.user) else None


def _link_login_by_nip(employee):
    from binaasn.core.models import Membership

    membership = (
        Membership.objects.filter(agency=employee.agency, user__username=employee.nip)
        .select_related("user")
        .first()
    )
    if membership is not None:
        link_employee_login(employee, membership.user)
