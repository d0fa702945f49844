"""Correction requests: an ASN asks, the agency admin approves (through update_employee, so the
change is validated and audited) or rejects with a note."""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import CorrectionRequest, Employee
from .employees import update_employee

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
        raise ValidationError(_("At most %(n)d characters.") % {"n": model_field.max_length})
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
