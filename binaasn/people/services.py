"""Writes of master data: employees, their career history, units, positions and corrections.

Every change goes through these functions so the rules of DOMAIN.md are checked in one place and
django-auditlog records each save (actor and IP address come from its middleware in a request).
"""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import ranks
from .models import CareerEntry, CorrectionRequest, Employee, OrgUnit, Position
from .nip import NipError, clean_nip, validate_nip

# Fields a form or an import may set on an employee through create_employee/update_employee.
EMPLOYEE_FIELDS = (
    "nip", "front_title", "name", "back_title", "gender", "birth_place", "birth_date", "status",
    "golongan", "tmt_golongan", "tmt_cpns", "position", "tmt_jabatan", "unit", "supervisor",
    "education_level", "education_major", "education_institution", "graduation_year", "email",
    "phone", "nik", "address", "siasn_id",
)  # fmt: skip

# What an ASN may ask to have corrected in their own record (self-service).
CORRECTABLE_FIELDS = {
    "front_title": gettext_lazy("Front title"),
    "name": gettext_lazy("Name"),
    "back_title": gettext_lazy("Back title"),
    "gender": gettext_lazy("Gender"),
    "birth_place": gettext_lazy("Birth place"),
    "birth_date": gettext_lazy("Birth date"),
    "education_level": gettext_lazy("Education level"),
    "education_major": gettext_lazy("Major"),
    "education_institution": gettext_lazy("Institution"),
    "graduation_year": gettext_lazy("Graduation year"),
    "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"),
    "nik": gettext_lazy("NIK"),
    "address": gettext_lazy("Address"),
}


class _Errors:
    """Collects messages per field and raises them together, so a form shows every problem."""

    def __init__(self):
        self.by_field = {}

    def add(self, field, message):
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self):
        if self.by_field:
            raise ValidationError(self.by_field)


def _same_agency(obj, agency):
    return obj is None or obj.agency_id == agency.pk


def _inside_operator_subtree(unit, membership):
    if membership is None or membership.role != "operator":
        return True
    if membership.unit is None or unit is None:
        return False
    return unit.path.startswith(membership.unit.path)


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
    errors = _Errors()
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
    elif not _inside_operator_subtree(employee.unit, membership):
        errors.add("unit", _("Choose a unit inside your own unit (%(unit)s).")
                   % {"unit": membership.unit})
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
    if membership is not None and not _inside_operator_subtree(stored.unit, membership):
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


def _validate_career(entry):
    errors = _Errors()
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
    _validate_career(entry)
    entry.save()
    return entry


@transaction.atomic
def update_career_entry(entry, *, by=None, **changes):
    """Correct a career entry (its SK number, dates or values)."""
    for field, value in changes.items():
        setattr(entry, field, value)
    _validate_career(entry)
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


# Organisation units ------------------------------------------------------------------------


def _validate_unit(unit):
    errors = _Errors()
    if not (unit.name or "").strip():
        errors.add("name", _("Enter the name."))
    if unit.parent_id:
        if unit.parent.agency_id != unit.agency_id:
            errors.add("parent", _("The parent unit belongs to another agency."))
        elif unit.pk and (
            unit.parent_id == unit.pk or unit.parent.path.startswith(f"{unit.path}")
        ):
            errors.add("parent", _("A unit cannot be placed under itself or a unit below it."))
    if unit.code:
        same_code = OrgUnit.objects.for_agency(unit.agency).filter(code=unit.code)
        if unit.pk:
            same_code = same_code.exclude(pk=unit.pk)
        if same_code.exists():
            errors.add("code", _("Another unit already uses the code %(code)s.") % {"code": unit.code})
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
    _validate_unit(unit)
    unit.save()
    return unit


@transaction.atomic
def update_unit(unit, *, by=None, **changes):
    """Rename, recode or move a unit; moving it rewrites the paths of every unit below it."""
    old_path = OrgUnit.objects.for_agency(unit.agency).values_list("path", flat=True).get(pk=unit.pk)
    for field, value in changes.items():
        setattr(unit, field, value)
    unit.path = old_path
    _validate_unit(unit)
    unit.save()
    unit.refresh_from_db(fields=["path", "depth"])
    if unit.path != old_path:
        below = list(
            OrgUnit.objects.for_agency(unit.agency)
            .filter(path__startswith=old_path)
            .exclude(pk=unit.pk)
        )
        for child in below:
            child.path = unit.path + child.path[len(old_path):]
            child.depth = child.path.count("/") - 2
        OrgUnit.objects.for_agency(unit.agency).bulk_update(below, ["path", "depth"], batch_size=500)
    return unit


# Positions -----------------------------------------------------------------------------------


def _validate_position(position):
    errors = _Errors()
    if not (position.name or "").strip():
        errors.add("name", _("Enter the name."))
    if position.position_type not in Position.Type.values:
        errors.add("position_type", _("Choose the position type."))
    elif position.position_type == Position.Type.FUNGSIONAL_KEAHLIAN:
        if position.level not in Position.KEAHLIAN_LEVELS:
            errors.add(
                "level",
                _("A functional expertise (keahlian) position needs a level: ahli pertama, "
                  "ahli muda, ahli madya or ahli utama."),
            )
    elif position.position_type == Position.Type.FUNGSIONAL_KETERAMPILAN:
        if position.level not in Position.KETERAMPILAN_LEVELS:
            errors.add(
                "level",
                _("A functional skill (keterampilan) position needs a level: pemula, terampil, "
                  "mahir or penyelia."),
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
    _validate_position(position)
    position.save()
    return position


@transaction.atomic
def update_position(position, *, by=None, **changes):
    for field, value in changes.items():
        setattr(position, field, value)
    _validate_position(position)
    position.save()
    return position


# Correction requests -----------------------------------------------------------------------


def parse_correction_value(field, text):
    """Turn the text an ASN typed into the value of ``field``; ValidationError when impossible."""
    text = (text or "").strip()
    model_field = Employee._meta.get_field(field)
    if field == "birth_date":
        for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValidationError(_("Write the date as dd-mm-yyyy, for example 17-08-1985."))
    if field == "graduation_year":
        if not text.isdigit() or len(text) != 4:
            raise ValidationError(_("Write the year with four digits, for example 2008."))
        return int(text)
    if model_field.choices:
        by_label = {str(label).lower(): value for value, label in model_field.choices}
        values = {str(value).lower(): value for value, _label in model_field.choices}
        key = text.lower()
        if key in values:
            return values[key]
        if key in by_label:
            return by_label[key]
        raise ValidationError(
            _("Choose one of: %(choices)s.")
            % {"choices": ", ".join(str(label) for _value, label in model_field.choices)}
        )
    if field == "nik" and text and (not text.isdigit() or len(text) != 16):
        raise ValidationError(_("The NIK has 16 digits."))
    if field == "name" and not text:
        raise ValidationError(_("Enter the name."))
    if field == "email" and text:
        from django.core.validators import validate_email

        validate_email(text)
    if model_field.max_length and len(text) > model_field.max_length:
        raise ValidationError(
            _("At most %(n)d characters.") % {"n": model_field.max_length}
        )
    return text


def correction_value_text(field, value):
    """How a field's value is written in a correction request (dates as dd-mm-yyyy)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@transaction.atomic
def request_correction(employee, *, field, new_value, reason="", evidence=None, by=None):
    """An ASN asks the agency admin to correct one field of their record."""
    if field not in CORRECTABLE_FIELDS:
        raise ValidationError({"field": _("This field cannot be corrected by request.")})
    try:
        value = parse_correction_value(field, new_value)
    except ValidationError as error:
        raise ValidationError({"new_value": error.messages}) from None
    current = getattr(employee, field)
    if value == current:
        raise ValidationError({"new_value": _("This is already the value in your record.")})
    correction = CorrectionRequest(
        agency=employee.agency,
        employee=employee,
        field=field,
        old_value=correction_value_text(field, current),
        new_value=correction_value_text(field, value),
        reason=reason,
        requested_by=by,
    )
    if evidence:
        correction.evidence = evidence
    correction.save()
    return correction


class CorrectionNotApplied(Exception):
    """The requested value breaks a rule; the message says which and nothing was changed."""


@transaction.atomic
def approve_correction(correction, *, by=None, note=""):
    """Apply the requested value through update_employee (validated and audited)."""
    if correction.status != CorrectionRequest.Status.PENDING:
        raise CorrectionNotApplied(_("This request has already been decided."))
    employee = correction.employee
    try:
        value = parse_correction_value(correction.field, correction.new_value)
        with transaction.atomic():
            update_employee(employee, by=by, **{correction.field: value})
    except ValidationError as error:
        employee.refresh_from_db()
        messages = []
        if hasattr(error, "error_dict"):
            for field, field_errors in error.message_dict.items():
                label = _field_label(field)
                messages.extend(f"{label}: {message}" for message in field_errors)
        else:
            messages = error.messages
        raise CorrectionNotApplied(
            _("The correction cannot be applied: %(errors)s") % {"errors": " ".join(messages)}
        ) from None
    correction.status = CorrectionRequest.Status.APPROVED
    correction.decided_by = by
    correction.decided_at = timezone.now()
    correction.decision_note = note
    correction.save()
    return correction


@transaction.atomic
def reject_correction(correction, *, by=None, note):
    """Refuse a request; the note tells the ASN why."""
    if correction.status != CorrectionRequest.Status.PENDING:
        raise CorrectionNotApplied(_("This request has already been decided."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Tell the employee why the request is rejected.")})
    correction.status = CorrectionRequest.Status.REJECTED
    correction.decided_by = by
    correction.decided_at = timezone.now()
    correction.decision_note = note
    correction.save()
    return correction


def _field_label(field):
    if field in CORRECTABLE_FIELDS:
        return str(CORRECTABLE_FIELDS[field])
    try:
        return str(Employee._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:  # a form-wide error such as __all__
        return ""
