"""Checking one row of the file and turning it into the values of an Employee.

Blank cells never erase what the agency already has; only filled cells count. Birth date,
gender, status and (for PNS) TMT CPNS fall back to what the NIP says.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from binaasn.people.nip import NipError, validate_nip

from . import values as v
from .headers import NAME, NIP
from .positions import eselon_type
from .result import RowError

UNCHANGED = object()  # the file says nothing about this employee's unit or position

# (SIASN column, Employee field, max length) of plain text fields.
TEXT_FIELDS = [
    ("GELAR DEPAN", "front_title", 50),
    ("GELAR BELAKANG", "back_title", 80),
    ("TEMPAT LAHIR NAMA", "birth_place", 100),
    ("PENDIDIKAN NAMA", "education_major", 200),
    ("NAMA SEKOLAH", "education_institution", 200),
    ("ALAMAT", "address", 300),
    ("PNS ID", "siasn_id", 64),
]
DATE_FIELDS = [
    ("TMT GOLONGAN", "tmt_golongan"),
    ("TMT CPNS", "tmt_cpns"),
    ("TMT JABATAN", "tmt_jabatan"),
]
UNIT_COLUMNS = ("SATUAN KERJA KERJA ID", "SATUAN KERJA KERJA NAMA", "UNOR ID", "UNOR NAMA")


class Record:
    """A valid row: the NIP, the Employee field values, and its unit and position."""

    __slots__ = ("row", "nip", "values", "unit", "position")

    def __init__(self, row, nip, values, unit, position):
        self.row = row
        self.nip = nip
        self.values = values
        self.unit = unit
        self.position = position


class RowChecker:
    def __init__(self, columns, units, positions, today=None):
        self.columns = columns
        self.units = units
        self.positions = positions
        self.today = today or datetime.date.today()
        self.index = dict(columns.index)
        self.has_units = any(name in columns for name in UNIT_COLUMNS)
        self.has_position = "JABATAN NAMA" in columns or "JABATAN ID" in columns
        self.text_fields = [(c, f, n) for c, f, n in TEXT_FIELDS if c in columns]
        self.date_fields = [(c, f) for c, f in DATE_FIELDS if c in columns]

    def check(self, number, cells):
        """Return (Record or None, errors) for one row."""
        index = self.index
        width = len(cells)

        def cell(name):
            position = index.get(name)
            return cells[position] if position is not None and position < width else ""

        errors = []

        def fail(column, message, code):
            errors.append(RowError(number, self.columns.name_in_file(column), str(message), code))

        values = {}
        try:
            nip = v.number_text(cell(NIP), "NIP")
        except ValueError as error:
            fail(NIP, error, "nip_number")
            nip = None
        if nip == "":
            fail(NIP, _("The NIP is empty."), "missing_nip")
        name = v.text(cell(NAME))
        if not name:
            fail(NAME, _("The name is empty."), "missing_name")
        elif len(name) > 200:
            fail(NAME, _("The name is longer than 200 characters."), "too_long")
        values["name"] = name

        birth_date = self._date(cell, "TANGGAL LAHIR", fail)
        if birth_date and birth_date > self.today:
            fail("TANGGAL LAHIR", _("The birth date lies in the future."), "bad_date")
            birth_date = None
        gender = self._parse(v.gender, cell("JENIS KELAMIN"), "JENIS KELAMIN", "bad_gender", fail)
        status = self._status(cell, fail)

        parts = None
        if nip:
            try:
                parts = validate_nip(
                    nip, birth_date=birth_date, gender=gender, status=status, today=self.today
                )
            except NipError as error:
                fail(NIP, error.message, error.code)
        if parts is not None:
            birth_date = birth_date or parts.birth_date
            gender = gender or parts.gender
            status = status or parts.kind
        elif status is None and nip and len(nip) > 12:
            status = "PPPK" if nip[12] == "2" else "PNS"
        values["birth_date"] = birth_date
        values["gender"] = gender
        values["status"] = status

        try:
            golongan = v.golongan(cell("GOL AKHIR NAMA"), cell("GOL AKHIR ID"), status)
        except ValueError as error:
            column = "GOL AKHIR NAMA" if v.text(cell("GOL AKHIR NAMA")) else "GOL AKHIR ID"
            fail(column, error, "unknown_golongan")
        else:
            if golongan:
                values["golongan"] = golongan

        for column, field in self.date_fields:
            value = self._date(cell, column, fail)
            if value is not None:
                values[field] = value
        if "tmt_cpns" not in values and parts is not None and parts.appointment_month:
            values["tmt_cpns"] = datetime.date(parts.appointment_year, parts.appointment_month, 1)

        for column, field, limit in self.text_fields:
            value = v.text(cell(column))
            if value:
                if len(value) > limit:
                    fail(
                        column,
                        _("The text is longer than %(n)d characters.") % {"n": limit},
                        "too_long",
                    )
                values[field] = value

        self._education(cell, values, fail)
        self._contact(cell, values, fail)
        unit = self._unit(cell, fail)
        position = self._position(cell, unit, fail)
        if errors:
            return None, errors
        return Record(number, nip, values, unit, position), errors

    @staticmethod
    def _parse(parser, value, column, code, fail):
        try:
            return parser(value)
        except ValueError as error:
            fail(column, error, code)
            return None

    def _date(self, cell, column, fail):
        return self._parse(v.date, cell(column), column, "bad_date", fail)

    def _status(self, cell, fail):
        status = self._parse(
            v.status_word, cell("STATUS PEGAWAI"), "STATUS PEGAWAI", "bad_status", fail
        )
        if status:
            return status
        return v.status_from_siasn(
            cell("KEDUDUKAN HUKUM ID"),
            cell("KEDUDUKAN HUKUM NAMA"),
            cell("JENIS PEGAWAI NAMA"),
            cell("STATUS CPNS PNS"),
        )

    def _education(self, cell, values, fail):
        try:
            level = v.education(cell("TINGKAT PENDIDIKAN NAMA"), cell("TINGKAT PENDIDIKAN ID"))
        except ValueError as error:
            fail("TINGKAT PENDIDIKAN NAMA", error, "bad_education")
        else:
            if level:
                values["education_level"] = level
        year = self._parse(v.year, cell("TAHUN LULUS"), "TAHUN LULUS", "bad_year", fail)
        if year:
            values["graduation_year"] = year

    def _contact(self, cell, values, fail):
        nik = self._parse(
            lambda value: v.number_text(value, "NIK"), cell("NIK"), "NIK", "bad_nik", fail
        )
        if nik:
            if not nik.isdigit() or len(nik) != 16:
                fail("NIK", _("The NIK must be 16 digits."), "bad_nik")
            values["nik"] = nik
        phone = self._parse(
            lambda value: v.number_text(value, "NOMOR HP"),
            cell("NOMOR HP"),
            "NOMOR HP",
            "bad_phone",
            fail,
        )
        if phone:
            if len(phone) > 30:
                fail(
                    "NOMOR HP",
                    _("The text is longer than %(n)d characters.") % {"n": 30},
                    "too_long",
                )
            values["phone"] = phone
        column = "EMAIL"
        email = v.text(cell("EMAIL"))
        if not email:
            column, email = "EMAIL GOV", v.text(cell("EMAIL GOV"))
        if email:
            try:
                validate_email(email)
            except ValidationError:
                fail(
                    column,
                    _("“%(value)s” is not an e-mail address.") % {"value": email},
                    "bad_email",
                )
            values["email"] = email

    def _unit(self, cell, fail):
        if not self.has_units:
            return UNCHANGED
        opd_id, opd_name, unit_id, unit_name = (v.text(cell(c)) for c in UNIT_COLUMNS)
        if not (opd_id or opd_name or unit_id or unit_name):
            return UNCHANGED
        unit, error, which = self.units.match(opd_id, opd_name, unit_id, unit_name)
        if error:
            if which == "opd":
                column = "SATUAN KERJA KERJA NAMA" if opd_name else "SATUAN KERJA KERJA ID"
            else:
                column = "UNOR NAMA" if unit_name else "UNOR ID"
            fail(column, error, "unknown_unit")
            return UNCHANGED
        return unit

    def _position(self, cell, unit, fail):
        if not self.has_position:
            return UNCHANGED
        siasn_id = v.text(cell("JABATAN ID"))
        name = v.text(cell("JABATAN NAMA"))
        if not (siasn_id or name):
            return UNCHANGED
        eselon = eselon_type(cell("ESELON ID"), cell("ESELON NAMA"))
        known_unit = None if unit is UNCHANGED else unit
        position_id, planned, error = self.positions.match(
            siasn_id,
            name,
            v.text(cell("JENIS JABATAN ID")),
            v.text(cell("JENIS JABATAN NAMA")),
            eselon,
            known_unit,
            self.units.name_of(known_unit),
        )
        if error:
            fail("JABATAN NAMA", error, "unknown_position")
            return UNCHANGED
        if planned is not None:
            return planned
        return position_id if position_id is not None else UNCHANGED
