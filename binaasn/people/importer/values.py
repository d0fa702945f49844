"""Cell values as SIASN files and spreadsheet programs write them: text, dates, codes.

Every parser takes a cell (a string from CSV; a string, number or date from XLSX) and returns
the value to store, or raises ValueError with a message for the user.
"""

import datetime
import re

from django.utils.translation import gettext as _

from binaasn.people import ranks

EXCEL_EPOCH = datetime.date(1899, 12, 30)
THIS_YEAR = datetime.date.today().year
MAX_EXACT_FLOAT = 2**53


def text(value):
    """A cell as trimmed text; whole numbers from XLSX lose their ``.0``."""
    if value.__class__ is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    return str(value).strip()


def number_text(value, what):
    """Digits kept as text (NIP, NIK, phone): Excel's leading apostrophe and spaces removed.

    A number stored as an Excel number beyond 2^53 has already lost digits: refuse it.
    """
    if isinstance(value, float):
        if abs(value) >= MAX_EXACT_FLOAT:
            raise ValueError(
                _(
                    "%(what)s was stored as a number in Excel and lost its last digits; "
                    "format the column as text and type it again."
                )
                % {"what": what}
            )
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return text(value).lstrip("'").replace(" ", "")


_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
    (
        re.compile(
            r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
            r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
        ),
        ("y", "m", "d"),
    ),
]


def excel_serial(number):
    """An Excel serial day number (1900 date system) as a date."""
    if not 1 <= number < 2958466:
        raise ValueError(_("%(value)s is not a date.") % {"value": number})
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


def date(value):
    """``dd-mm-yyyy``, ``dd/mm/yyyy``, ``yyyy-mm-dd``, ISO timestamps, Excel dates and serials."""
    if value.__class__ is str:
        value = value.strip()
        if not value:
            return None
        # The common SIASN form dd-mm-yyyy, without a regular expression.
        if len(value) == 10 and value[2] == value[5] and value[2] in "-/." and value[:2].isdigit():
            day, month, year = value[0:2], value[3:5], value[6:10]
        else:
            day = month = year = None
            for pattern, order in _DATE_PATTERNS:
                match = pattern.match(value)
                if match:
                    parts = dict(zip(order, match.groups(), strict=True))
                    day, month, year = parts["d"], parts["m"], parts["y"]
                    break
            if day is None:
                if value.isdigit() and len(value) <= 5:
                    return excel_serial(int(value))
                raise ValueError(
                    _("“%(value)s” is not a date; write it as dd-mm-yyyy.") % {"value": value}
                )
        try:
            result = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(_("%(value)s is not a real date.") % {"value": value}) from None
        if result.year < 1900:
            raise ValueError(_("%(value)s is not a real date.") % {"value": value})
        return result
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial(value)
    raise ValueError(_("“%(value)s” is not a date; write it as dd-mm-yyyy.") % {"value": value})


GENDERS = {
    "M": "L", "L": "L", "1": "L", "LAKI-LAKI": "L", "LAKI LAKI": "L", "LAKI": "L", "PRIA": "L",
    "F": "P", "P": "P", "2": "P", "PEREMPUAN": "P", "WANITA": "P",
}  # fmt: skip


def gender(value):
    code = text(value).upper()
    if not code:
        return None
    try:
        return GENDERS[code]
    except KeyError:
        raise ValueError(
            _("“%(value)s” is not a gender; use L/P, M/F or 1/2.") % {"value": text(value)}
        ) from None


STATUSES = {"PNS": "PNS", "CPNS": "CPNS", "PPPK": "PPPK", "P3K": "PPPK"}


def status_word(value):
    code = text(value).upper()
    if not code:
        return None
    try:
        return STATUSES[code]
    except KeyError:
        raise ValueError(
            _("“%(value)s” is not a status; use PNS, CPNS or PPPK.") % {"value": text(value)}
        ) from None


PPPK_KEDUDUKAN = {"71", "72", "73"}


def status_from_siasn(kedudukan_id, kedudukan_name, jenis_pegawai, cpns_pns):
    """PPPK by KEDUDUKAN HUKUM 71–73 or a name saying PPPK; else STATUS CPNS PNS C/P."""
    kedudukan = text(kedudukan_id).lstrip("0")
    if kedudukan in PPPK_KEDUDUKAN:
        return "PPPK"
    if "PPPK" in text(kedudukan_name).upper() or "PPPK" in text(jenis_pegawai).upper():
        return "PPPK"
    flag = text(cpns_pns).upper()
    if flag in ("C", "CPNS"):
        return "CPNS"
    if flag in ("P", "PNS"):
        return "PNS"
    return None


def golongan(name, siasn_id, status):
    """Canonical golongan from its name (``III/a``, ``3a``…) or, for PNS, SIASN's GOL AKHIR ID."""
    name = text(name)
    if name:
        result = ranks.normalize_golongan(name, status)
        if result is None:
            if status == "PPPK":
                raise ValueError(
                    _("“%(value)s” is not a PPPK golongan (I to XVII).") % {"value": name}
                )
            raise ValueError(_("“%(value)s” is not a golongan (I/a to IV/e).") % {"value": name})
        return result
    code = text(siasn_id)
    if code and status != "PPPK":
        result = ranks.SIASN_GOLONGAN_ID.get(code)
        if result is None:
            raise ValueError(
                _("GOL AKHIR ID %(value)s is not a golongan (11 to 45).") % {"value": code}
            )
        return result
    return None


EDUCATION = {
    "SD": "SD",
    "SLTP": "SLTP", "SMP": "SLTP", "MTS": "SLTP",
    "SLTA": "SLTA", "SMA": "SLTA", "SMU": "SLTA", "SMK": "SLTA", "MA": "SLTA", "STM": "SLTA",
    "DI": "D-I", "D1": "D-I", "DIPLOMAI": "D-I",
    "DII": "D-II", "D2": "D-II", "DIPLOMAII": "D-II",
    "DIII": "D-III", "D3": "D-III", "DIPLOMAIII": "D-III",
    "DIV": "D-IV", "D4": "D-IV", "DIPLOMAIV": "D-IV",
    "S1": "S-1", "SARJANA": "S-1",
    "S2": "S-2", "MAGISTER": "S-2",
    "S3": "S-3", "DOKTOR": "S-3",
}  # fmt: skip
# SIASN "TINGKAT PENDIDIKAN ID".
EDUCATION_IDS = {
    "05": "SD", "10": "SLTP", "12": "SLTP", "15": "SLTA", "17": "SLTA", "18": "SLTA",
    "20": "D-I", "25": "D-II", "30": "D-III", "35": "D-IV", "40": "S-1", "45": "S-2", "50": "S-3",
}  # fmt: skip
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")


def education(name, siasn_id):
    raw = text(name)
    if raw:
        key = _NOT_ALNUM.sub("", raw.upper().replace("KEJURUAN", "").replace("KEGURUAN", ""))
        try:
            return EDUCATION[key]
        except KeyError:
            raise ValueError(
                _(
                    "“%(value)s” is not an education level "
                    "(SD, SLTP, SLTA, D-I to D-IV, S-1 to S-3)."
                )
                % {"value": raw}
            ) from None
    code = text(siasn_id).zfill(2) if text(siasn_id) else ""
    return EDUCATION_IDS.get(code) if code else None


def year(value):
    raw = text(value)
    if not raw:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= THIS_YEAR + 1:
        raise ValueError(_("“%(value)s” is not a year.") % {"value": raw})
    return int(raw)
