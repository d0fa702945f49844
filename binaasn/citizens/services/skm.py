"""Recording SKM answers: one at a time (online form, kiosk, paper entry) or a whole file."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.models import AuditEntry

from .. import ikm
from ..models import Education, HistoricalIkm, Occupation, SkmResponse, age_group_for

ANSWER_FIELDS = tuple(f"u{n}" for n in range(1, 10))
PROFILE_FIELDS = ("age_group", "gender", "education", "occupation", "service", "suggestion")


def clean_answer(value, code):
    """One answer as an int 1–4, else ValidationError naming the unsur (U1…U9)."""
    if value in (None, ""):
        raise ValidationError(_("%(code)s is not answered.") % {"code": code}, code="missing")
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValidationError(
            _("%(code)s must be a number from 1 to 4, not “%(value)s”.")
            % {"code": code, "value": value},
            code="not_a_number",
        ) from None
    if number != int(number) or not 1 <= number <= 4:
        raise ValidationError(
            _("%(code)s must be 1, 2, 3 or 4, not %(value)s.") % {"code": code, "value": value},
            code="out_of_range",
        )
    return int(number)


def clean_answers(data):
    """The nine answers from ``data`` (keys u1…u9); every wrong one is reported by its field."""
    answers, errors = {}, {}
    for number, field in enumerate(ANSWER_FIELDS, start=1):
        try:
            answers[field] = clean_answer(data.get(field), f"U{number}")
        except ValidationError as error:
            errors[field] = error.messages
    if errors:
        raise ValidationError(errors)
    return answers


def _build_response(unit, answered_on, answers, profile, source, client_uuid=None, by=None):
    unknown = set(profile) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    return SkmResponse(
        agency=unit.agency,
        unit=unit,
        answered_on=answered_on,
        source=source,
        client_uuid=client_uuid,
        entered_by=by,
        **answers,
        **profile,
    ).pack_answers()


def record_response(unit, *, answers, profile, source, answered_on=None, client_uuid=None, by=None):
    """Store one respondent's survey; returns (response, created).

    Idempotent on ``client_uuid``: a repeated submission (double click, a kiosk retrying after
    a lost connection) returns the stored answer instead of storing it twice.
    """
    answers = clean_answers(answers)
    answered_on = answered_on or timezone.localdate()
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The date cannot be in the future.")})
    if client_uuid is not None and not isinstance(client_uuid, uuid.UUID):
        try:
            client_uuid = uuid.UUID(str(client_uuid))
        except ValueError:
            raise ValidationError({"client_uuid": _("The submission id is not valid.")}) from None
    existing = _existing(unit, client_uuid)
    if existing is not None:
        return existing, False
    response = _build_response(unit, answered_on, answers, profile, source, client_uuid, by)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        existing = _existing(unit, client_uuid)
        if existing is None:
            raise
        return existing, False
    return response, True


def _existing(unit, client_uuid):
    if client_uuid is None:
        return None
    return SkmResponse.objects.for_agency(unit.agency).filter(client_uuid=client_uuid).first()


@transaction.atomic
def import_responses(unit, rows, *, by=None, file_name=""):
    """Write already validated rows (see ``imports.parse_skm_file``) in one transaction, with one
    audit entry for the batch."""
    objects = [
        _build_response(
            unit,
            row["answered_on"],
            row["answers"],
            row["profile"],
            SkmResponse.Source.IMPORT,
            by=by,
        )
        for row in rows
    ]
    SkmResponse.objects.bulk_create(objects, batch_size=1000)
    summary = _("SKM import %(file)s: %(n)d answers for %(unit)s.") % {
        "file": file_name or "-",
        "n": len(objects),
        "unit": unit.name,
    }
    _audit(
        unit,
        by,
        AuditEntry.Action.UPDATE,
        {"skm_answers_imported": ["", str(len(objects))]},
        summary,
    )
    return len(objects)


def _audit(instance, by, action, changes, summary):
    return AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=action,
        actor=by,
        changes=changes,
        changes_text=summary,
        additional_data={"agency": instance.agency_id, "summary": summary},
    )


@transaction.atomic
def delete_typed_response(response, *, by):
    """Remove a survey that staff typed in or imported by mistake (answers the public gave
    themselves are never deleted); the deletion is audited."""
    if response.source in (SkmResponse.Source.ONLINE, SkmResponse.Source.KIOSK):
        raise ValidationError(_("Answers the public gave themselves cannot be deleted."))
    summary = _("SKM answer of %(date)s for %(unit)s deleted (%(answers)s).") % {
        "date": response.answered_on.strftime("%d-%m-%Y"),
        "unit": response.unit.name,
        "answers": ",".join(str(a) for a in response.answers),
    }
    _audit(
        response,
        by,
        AuditEntry.Action.DELETE,
        {"answers": [",".join(map(str, response.answers)), ""]},
        summary,
    )
    response.delete()


@transaction.atomic
def record_historical_ikm(
    *,
    agency,
    unit,
    regulation,
    period_label,
    start_on,
    end_on,
    converted,
    mutu="",
    kinerja="",
    element_count=None,
    respondents=None,
    note="",
    by=None,
):
    """Take over a result from an old report. Its mutu is the one printed in that report; when
    the report printed none, it is read from the bands of the report's own regulation."""
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError({"unit": _("This unit belongs to another agency.")})
    if end_on < start_on:
        raise ValidationError({"end_on": _("The end date is before the start date.")})
    mutu = (mutu or ikm.mutu_for(converted, regulation)).strip().upper()
    if not kinerja:
        kinerja = ikm.KINERJA.get(mutu, "")
    if element_count is None:
        element_count = 14 if regulation == ikm.REGULATION_2004 else 9
    return HistoricalIkm.objects.create(
        agency=agency,
        unit=unit,
        regulation=regulation,
        period_label=period_label,
        start_on=start_on,
        end_on=end_on,
        converted=converted,
        mutu=mutu,
        kinerja=kinerja,
        element_count=element_count,
        respondents=respondents,
        note=note,
    )


# Profile values as people write them on paper forms and spreadsheets.
EDUCATION_ALIASES = {
    "SD": Education.SD,
    "SMP": Education.SMP,
    "SLTP": Education.SMP,
    "SMA": Education.SMA,
    "SLTA": Education.SMA,
    "SMK": Education.SMA,
    "D1": Education.D1_D3,
    "D2": Education.D1_D3,
    "D3": Education.D1_D3,
    "D1-D3": Education.D1_D3,
    "DI": Education.D1_D3,
    "DII": Education.D1_D3,
    "DIII": Education.D1_D3,
    "D4": Education.D4_S1,
    "DIV": Education.D4_S1,
    "S1": Education.D4_S1,
    "D4-S1": Education.D4_S1,
    "S2": Education.S2,
    "S3": Education.S3,
}
GENDER_ALIASES = {
    "L": "L",
    "LAKI-LAKI": "L",
    "LAKI LAKI": "L",
    "PRIA": "L",
    "P": "P",
    "PEREMPUAN": "P",
    "WANITA": "P",
}
OCCUPATION_ALIASES = {value.upper(): value for value in Occupation.values}


def clean_education(value):
    key = str(value or "").strip().upper().replace(" ", "")
    key = key.replace("-", "") if key not in EDUCATION_ALIASES else key
    if key in EDUCATION_ALIASES:
        return EDUCATION_ALIASES[key]
    raise ValidationError(
        _("Education must be one of %(choices)s, not “%(value)s”.")
        % {"choices": ", ".join(Education.values), "value": value}
    )


def clean_gender(value):
    key = str(value or "").strip().upper()
    if key in GENDER_ALIASES:
        return GENDER_ALIASES[key]
    raise ValidationError(_("Gender must be L or P, not “%(value)s”.") % {"value": value})


def clean_occupation(value):
    key = str(value or "").strip().upper()
    if key in OCCUPATION_ALIASES:
        return OCCUPATION_ALIASES[key]
    raise ValidationError(
        _("Occupation must be one of %(choices)s, not “%(value)s”.")
        % {"choices": ", ".join(Occupation.values), "value": value}
    )


def clean_age(value):
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ValidationError(
            _("Age must be a whole number of years, not “%(value)s”.") % {"value": value}
        ) from None
    if number != int(number) or not 10 <= number <= 120:
        raise ValidationError(
            _("Age must be between 10 and 120 years, not %(value)s.") % {"value": value}
        )
    return age_group_for(int(number))


def clean_answered_on(value, today=None):
    """A survey date (a date, or text dd/mm/yyyy, dd-mm-yyyy or yyyy-mm-dd), not in the future."""
    today = today or timezone.localdate()
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        text = str(value or "").strip()
        if not text:
            raise ValidationError(_("The date is empty."))
        value = None
        for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
            try:
                value = datetime.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if value is None:
            raise ValidationError(
                _("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": text}
            )
    if value > today:
        raise ValidationError(
            _("The date %(value)s is in the future.") % {"value": value.strftime("%d/%m/%Y")}
        )
    return value
