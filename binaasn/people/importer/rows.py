"""Checking one row of the file and turning it into the values of an Employee.

Blank cells never erase what the agency already has; only filled cells count. Birth date,
gender, status and (for PNS) TMT CPNS fall back to what the NIP says.

This runs once per row of files with 100,000 rows, so it reads all the cells it needs with one
``itemgetter`` call and keeps the common path free of helper calls.
"""

import datetime
import re
from operator import itemgetter

from django.utils.translation import gettext as _

from binaasn.people.nip import NipError, validate_nip

from . import values as v
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
# The cells read for every row, in this order.
READ = [
    "NIP BARU", "NAMA", "TANGGAL LAHIR", "JENIS KELAMIN", "STATUS PEGAWAI", "KEDUDUKAN HUKUM ID",
    "KEDUDUKAN HUKUM NAMA", "JENIS PEGAWAI NAMA", "STATUS CPNS PNS", "GOL AKHIR NAMA",
    "GOL AKHIR ID", "TINGKAT PENDIDIKAN NAMA", "TINGKAT PENDIDIKAN ID", "TAHUN LULUS", "NIK",
    "NOMOR HP", "EMAIL", "EMAIL GOV", *UNIT_COLUMNS, "JABATAN ID", "JABATAN NAMA",
    "JENIS JABATAN ID", "JENIS JABATAN NAMA", "ESELON ID", "ESELON NAMA",
]  # fmt: skip
# Loose on purpose: SIASN addresses are kept as given unless plainly not an address.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
text = v.text


def remembered(parse):
    """``parse`` with its answers kept: SIASN columns repeat the same few values on every row.

    Refusals are not kept, so each bad cell still raises with its own message.
    """
    answers = {}

    def lookup(*key):
        try:
            return answers[key]
        except KeyError:
            answer = answers[key] = parse(*key)
            return answer

    return lookup


def remembered_one(parse):
    """``remembered`` for a parser of one cell (no argument tuple to build)."""
    answers = {}

    def lookup(key):
        try:
            return answers[key]
        except KeyError:
            answer = answers[key] = parse(key)
            return answer

    return lookup


def digits_text(cell, what):
    """NIK/phone as text: the common case (a CSV string) without a call."""
    if cell.__class__ is str:
        return cell.strip().lstrip("'").replace(" ", "")
    return v.number_text(cell, what)


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
        # Absent columns read a blank cell added at the end of every row.
        self.width = len(columns.raw) + 1
        self.padding = [""] * self.width
        blank = self.width - 1
        index = columns.index
        self.read = itemgetter(*[index.get(name, blank) for name in READ])
        self.has_units = any(name in columns for name in UNIT_COLUMNS)
        self.has_position = "JABATAN NAMA" in columns or "JABATAN ID" in columns
        present_text = [(c, f, n) for c, f, n in TEXT_FIELDS if c in columns]
        self.text_fields = [(c, f, n) for c, f, n in present_text]
        self.read_text = itemgetter(*[index[c] for c, _f, _n in present_text] + [blank, blank])
        present_dates = [(c, f) for c, f in DATE_FIELDS if c in columns]
        self.date_fields = present_dates
        self.read_dates = itemgetter(*[index[c] for c, _f in present_dates] + [blank, blank])
        self.name_in_file = columns.name_in_file
        self.date = remembered_one(v.date)
        self.gender = remembered_one(v.gender)
        self.status_word = remembered_one(v.status_word)
        self.status_from_siasn = remembered(v.status_from_siasn)
        self.golongan = remembered(v.golongan)
        self.education = remembered(v.education)
        self.year = remembered_one(v.year)
        self.last_nip = None  # of the row checked last, valid or not (duplicates are per NIP)
        self.unit_answers = {}
        self.position_answers = {}
        self.position_by_siasn = positions.by_siasn

    def check(self, number, cells):
        """Return (Record or None, errors) for one row."""
        if len(cells) < self.width:
            cells = cells + self.padding[len(cells) :]
        (nip_cell, name_cell, birth_cell, gender_cell, status_cell, kedudukan_id, kedudukan_name,
         jenis_pegawai, cpns_pns, gol_name, gol_id, edu_name, edu_id, year_cell, nik_cell,
         phone_cell, email_cell, email_gov, opd_id, opd_name, unit_id, unit_name, position_id,
         position_name, jenis_id, jenis_name, eselon_id, eselon_name,
         ) = self.read(cells)  # fmt: skip
        errors = []
        name_in_file = self.name_in_file

        def fail(column, message, code):
            errors.append(RowError(number, name_in_file(column), str(message), code))

        values = {}
        nip = self.last_nip = self._nip_and_name(nip_cell, name_cell, values, fail)
        status = self._status(
            status_cell, kedudukan_id, kedudukan_name, jenis_pegawai, cpns_pns, fail
        )
        parts = self._person(nip, birth_cell, gender_cell, status, values, fail)
        self._rank(gol_name, gol_id, values["status"], values, fail)
        self._dates_and_texts(cells, parts, values, fail)
        self._education(edu_name, edu_id, year_cell, values, fail)
        self._contact(nik_cell, phone_cell, email_cell, email_gov, values, fail)
        unit = position = UNCHANGED
        if self.has_units:
            unit = self._answer(
                self.unit_answers, self._unit, (opd_id, opd_name, unit_id, unit_name), fail
            )
        if self.has_position:
            # A SIASN id the agency knows decides alone; otherwise the answer does not depend
            # on the id (SIASN gives each post its own), so it is looked up without it.
            siasn_id = position_id.strip() if position_id.__class__ is str else text(position_id)
            position = self.position_by_siasn.get(siasn_id) if siasn_id else None
            if position is None:
                key = (position_name, jenis_id, jenis_name, eselon_id, eselon_name, unit)
                found = self.position_answers.get(key)
                if found is None:
                    found = self.position_answers[key] = self._position(siasn_id, *key)
                position, error = found
                if error is not None:
                    fail(*error)
        if errors:
            return None, errors
        return Record(number, nip, values, unit, position), errors

    @staticmethod
    def _nip_and_name(nip_cell, name_cell, values, fail):
        nip = nip_cell.strip().lstrip("'").replace(" ", "") if nip_cell.__class__ is str else None
        if nip is None:
            try:
                nip = v.number_text(nip_cell, "NIP")
            except ValueError as error:
                fail("NIP BARU", error, "nip_number")
        if nip == "":
            fail("NIP BARU", _("The NIP is empty."), "missing_nip")
        name = text(name_cell)
        if not name:
            fail("NAMA", _("The name is empty."), "missing_name")
        elif len(name) > 200:
            fail("NAMA", _("The name is longer than 200 characters."), "too_long")
        values["name"] = name
        return nip

    def _status(self, status_cell, kedudukan_id, kedudukan_name, jenis_pegawai, cpns_pns, fail):
        """Our STATUS PEGAWAI column first, then SIASN's KEDUDUKAN HUKUM / STATUS CPNS PNS."""
        try:
            status = self.status_word(status_cell)
        except ValueError as error:
            fail("STATUS PEGAWAI", error, "bad_status")
            status = None
        if status is None:
            status = self.status_from_siasn(kedudukan_id, kedudukan_name, jenis_pegawai, cpns_pns)
        return status

    def _person(self, nip, birth_cell, gender_cell, status, values, fail):
        """Birth date and gender, the NIP checked against them and the status (DOMAIN.md, NIP);
        what the file leaves blank comes from the NIP. Returns the NIP's parts or None."""
        birth_date = gender = None
        try:
            birth_date = self.date(birth_cell)
        except ValueError as error:
            fail("TANGGAL LAHIR", error, "bad_date")
        if birth_date is not None and birth_date > self.today:
            fail("TANGGAL LAHIR", _("The birth date lies in the future."), "bad_date")
            birth_date = None
        try:
            gender = self.gender(gender_cell)
        except ValueError as error:
            fail("JENIS KELAMIN", error, "bad_gender")
        parts = None
        if nip:
            try:
                parts = validate_nip(
                    nip, birth_date=birth_date, gender=gender, status=status, today=self.today
                )
            except NipError as error:
                fail("NIP BARU", error.message, error.code)
        if parts is not None:
            birth_date = birth_date or parts.birth_date
            gender = gender or parts.gender
            status = status or parts.kind
        elif status is None and nip and len(nip) > 12:
            status = "PPPK" if nip[12] == "2" else "PNS"
        values["birth_date"] = birth_date
        values["gender"] = gender
        values["status"] = status
        return parts

    def _rank(self, gol_name, gol_id, status, values, fail):
        try:
            golongan = self.golongan(gol_name, gol_id, status)
        except ValueError as error:
            fail("GOL AKHIR NAMA" if text(gol_name) else "GOL AKHIR ID", error, "unknown_golongan")
        else:
            if golongan:
                values["golongan"] = golongan

    def _dates_and_texts(self, cells, parts, values, fail):
        if self.date_fields:
            for (column, field), cell in zip(
                self.date_fields, self.read_dates(cells), strict=False
            ):
                try:
                    value = self.date(cell)
                except ValueError as error:
                    fail(column, error, "bad_date")
                else:
                    if value is not None:
                        values[field] = value
        if "tmt_cpns" not in values and parts is not None and parts.appointment_month:
            values["tmt_cpns"] = datetime.date(parts.appointment_year, parts.appointment_month, 1)
        if self.text_fields:
            for (column, field, limit), cell in zip(
                self.text_fields, self.read_text(cells), strict=False
            ):
                value = cell.strip() if cell.__class__ is str else text(cell)
                if value:
                    if len(value) > limit:
                        message = _("The text is longer than %(n)d characters.") % {"n": limit}
                        fail(column, message, "too_long")
                    values[field] = value

    def _education(self, edu_name, edu_id, year_cell, values, fail):
        try:
            level = self.education(edu_name, edu_id)
        except ValueError as error:
            fail("TINGKAT PENDIDIKAN NAMA", error, "bad_education")
        else:
            if level:
                values["education_level"] = level
        try:
            year = self.year(year_cell)
        except ValueError as error:
            fail("TAHUN LULUS", error, "bad_year")
        else:
            if year:
                values["graduation_year"] = year

    @staticmethod
    def _answer(answers, find, key, fail):
        """A unit's or position's match, looked up once per distinct set of raw cells."""
        found = answers.get(key)
        if found is None:
            found = answers[key] = find(*key)
        target, error = found
        if error is not None:
            fail(*error)
        return target

    @staticmethod
    def _contact(nik_cell, phone_cell, email_cell, email_gov, values, fail):
        try:
            nik = digits_text(nik_cell, "NIK")
        except ValueError as error:
            fail("NIK", error, "bad_nik")
        else:
            if nik:
                if len(nik) != 16 or not nik.isdigit():
                    fail("NIK", _("The NIK must be 16 digits."), "bad_nik")
                values["nik"] = nik
        try:
            phone = digits_text(phone_cell, "NOMOR HP")
        except ValueError as error:
            fail("NOMOR HP", error, "bad_phone")
        else:
            if phone and phone_cell.__class__ is not str and phone.startswith("8"):
                phone = "0" + phone  # Excel dropped the 0 of an 08… mobile number
            if phone:
                if len(phone) > 30:
                    fail(
                        "NOMOR HP",
                        _("The text is longer than %(n)d characters.") % {"n": 30},
                        "too_long",
                    )
                values["phone"] = phone
        column, email = "EMAIL", text(email_cell)
        if not email:
            column, email = "EMAIL GOV", text(email_gov)
        if email:
            if len(email) > 254 or not EMAIL.match(email):
                fail(
                    column,
                    _("“%(value)s” is not an e-mail address.") % {"value": email},
                    "bad_email",
                )
            values["email"] = email

    def _unit(self, opd_id, opd_name, unit_id, unit_name):
        """(unit, error) where error is None or the (column, message, code) to report."""
        opd_id, opd_name, unit_id, unit_name = map(text, (opd_id, opd_name, unit_id, unit_name))
        if not (opd_id or opd_name or unit_id or unit_name):
            return UNCHANGED, None
        unit, error, which = self.units.match(opd_id, opd_name, unit_id, unit_name)
        if error:
            if which == "opd":
                column = "SATUAN KERJA KERJA NAMA" if opd_name else "SATUAN KERJA KERJA ID"
            else:
                column = "UNOR NAMA" if unit_name else "UNOR ID"
            return UNCHANGED, (column, error, "unknown_unit")
        return unit, None

    def _position(self, siasn_id, name, jenis_id, jenis_name, eselon_id, eselon_name, unit):
        """(position, error) like ``_unit``; ``siasn_id`` is already text."""
        name = text(name)
        if not (siasn_id or name):
            return UNCHANGED, None
        known_unit = None if unit is UNCHANGED else unit
        position_id, planned, error = self.positions.match(
            siasn_id,
            name,
            text(jenis_id),
            text(jenis_name),
            eselon_type(eselon_id, eselon_name),
            known_unit,
            self.units.name_of(known_unit),
        )
        if error:
            return UNCHANGED, ("JABATAN NAMA", error, "unknown_position")
        if planned is not None:
            return planned, None
        return (position_id if position_id is not None else UNCHANGED), None
