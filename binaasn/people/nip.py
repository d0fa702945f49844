"""NIP (PNS) and NI PPPK numbers: structure and consistency checks (DOMAIN.md, "NIP").

PNS:  YYYYMMDD birth · YYYYMM TMT CPNS · G gender (1 male, 2 female) · NNN sequence.
PPPK: YYYYMMDD birth · YYYY first appointment · 2 · K agreements (1–9) · G gender · NNN.
Pure functions without the ORM; messages are in the product's language through gettext.
"""

import datetime
import functools
from typing import NamedTuple

from django.utils.translation import gettext as _


class NipError(ValueError):
    """A NIP that breaks a rule; ``code`` names the rule for reports and tests."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class NipParts(NamedTuple):
    kind: str  # "PNS" or "PPPK"
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int | None  # PNS only
    gender: str  # "L" or "P"
    sequence: str


def clean_nip(value):
    """Strip spaces and Excel's leading apostrophe; keep the number as text."""
    text = str(value or "").strip().lstrip("'").replace(" ", "")
    return text


# An import checks 100,000 NIPs: the birth dates and appointment months they share are worked
# out once. Only facts are kept, never messages (those follow the language of each request).
@functools.lru_cache(maxsize=1 << 16)
def _birth_date(digits):
    """The date of 8 digits YYYYMMDD, or None when it is no real date."""
    try:
        return datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


@functools.lru_cache(maxsize=1 << 14)
def _appointment(digits):
    """Digits 9–14: (kind, year, month or None, TMT CPNS date or None, well formed)."""
    year = int(digits[0:4])
    if digits[4] == "2":  # a PNS month is 01–12, so digit 13 is never 2 there
        return "PPPK", year, None, None, digits[5] in "123456789"
    month = int(digits[4:6])
    if not 1 <= month <= 12:
        return "PNS", year, month, None, False
    return "PNS", year, month, datetime.date(year, month, 1), True


def parse_nip(value, today=None):
    """Split and validate an 18-digit NIP / NI PPPK, raising NipError on the first broken rule."""
    nip = value
    if not (nip.__class__ is str and len(nip) == 18 and nip.isdigit() and nip.isascii()):
        nip = clean_nip(value)
        if not (nip.isdigit() and nip.isascii()):  # "²" and "٣" are digits too
            raise NipError("nip_digits", _("NIP must contain digits only."))
        if len(nip) != 18:
            raise NipError(
                "nip_length", _("NIP must be 18 digits (this one has %(n)d).") % {"n": len(nip)}
            )
    today = today or datetime.date.today()
    birth = _birth_date(nip[0:8])
    if birth is None:
        raise NipError(
            "nip_birthdate", _("The first 8 digits of the NIP are not a real birth date.")
        )
    if birth > today:
        raise NipError("nip_birthdate", _("The birth date in the NIP lies in the future."))
    kind, year, month, tmt, well_formed = _appointment(nip[8:14])
    if kind == "PPPK":
        if not well_formed:
            raise NipError("nip_pppk", _("Digit 14 of an NI PPPK must be 1–9."))
        if year > today.year:
            raise NipError("nip_tmt", _("The appointment year in the NIP lies in the future."))
        if year < birth.year + 18:
            raise NipError("nip_tmt", _("The appointment year in the NIP is before age 18."))
    else:
        if not well_formed:
            raise NipError(
                "nip_month",
                _("The TMT CPNS month in the NIP (digits 13–14) must be 01–12, not %(m)s.")
                % {"m": nip[12:14]},
            )
        if tmt > today:
            raise NipError("nip_tmt", _("The TMT CPNS in the NIP lies in the future."))
        # Before the first day of the month of the 18th birthday.
        if (year, month) < (birth.year + 18, birth.month):
            raise NipError("nip_tmt", _("The TMT CPNS in the NIP is before the 18th birthday."))
    gender_digit = nip[14]
    if gender_digit not in "12":
        raise NipError("nip_gender", _("The gender digit of the NIP (digit 15) must be 1 or 2."))
    return NipParts(kind, birth, year, month, "L" if gender_digit == "1" else "P", nip[15:18])


def validate_nip(value, *, birth_date=None, gender=None, status=None, today=None):
    """Validate a NIP against the employee's birth date, gender and status.

    Returns the NipParts; raises NipError naming the mismatch.
    """
    parts = parse_nip(value, today=today)
    if birth_date and parts.birth_date != birth_date:
        raise NipError(
            "nip_birthdate_mismatch",
            _("The birth date in the NIP (%(nip)s) differs from the birth date (%(field)s).")
            % {
                "nip": parts.birth_date.strftime("%d-%m-%Y"),
                "field": birth_date.strftime("%d-%m-%Y"),
            },
        )
    if gender and parts.gender != gender:
        raise NipError(
            "nip_gender_mismatch",
            _("The gender digit in the NIP (%(nip)s) differs from the gender (%(field)s).")
            % {"nip": parts.gender, "field": gender},
        )
    if status:
        expected = "PPPK" if status == "PPPK" else "PNS"
        if parts.kind != expected:
            raise NipError(
                "nip_status_mismatch",
                _("The number has the shape of a %(kind)s number but the status is %(status)s.")
                % {"kind": "NI PPPK" if parts.kind == "PPPK" else "NIP PNS", "status": status},
            )
    return parts


def compose_nip(birth_date, gender, sequence, *, tmt=None, pppk_year=None, agreements=1):
    """Build a NIP (PNS, from ``tmt``) or an NI PPPK (from ``pppk_year``) from its parts."""
    gender_digit = "1" if gender == "L" else "2"
    head = birth_date.strftime("%Y%m%d")
    if pppk_year is not None:
        return f"{head}{pppk_year:04d}2{agreements}{gender_digit}{sequence:03d}"
    return f"{head}{tmt.year:04d}{tmt.month:02d}{gender_digit}{sequence:03d}"
