"""From SIASN's JENIS JABATAN and position name to our position types (DOMAIN.md, "Position
types"), and matching the file's positions to the agency's, or planning new ones."""

import re

from django.utils.translation import gettext as _

from binaasn.people.models import Position

from .values import text

T = Position.Type
LEVELS = {
    "ahli pertama": "ahli_pertama",
    "ahli muda": "ahli_muda",
    "ahli madya": "ahli_madya",
    "ahli utama": "ahli_utama",
    "pemula": "pemula",
    "terampil": "terampil",
    "mahir": "mahir",
    "penyelia": "penyelia",
}
_LEVEL_WORDS = "|".join(LEVELS)
_LEVEL_SEARCH = re.compile(rf"\b({_LEVEL_WORDS})\b", re.IGNORECASE)
# SIASN sometimes writes "AHLI PERTAMA - GURU" for "Guru Ahli Pertama".
_LEVEL_FIRST = re.compile(rf"^\s*({_LEVEL_WORDS})\s*-\s*(.+?)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

# ESELON ID / ESELON NAMA of structural positions.
ESELON = {
    "1": T.JPT_MADYA,
    "2": T.JPT_PRATAMA,
    "3": T.ADMINISTRATOR,
    "4": T.PENGAWAS,
    "5": T.PENGAWAS,
}
_ROMAN_ESELON = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}

# Structural positions by the start of their name, first match wins.
STRUCTURAL_NAMES = [
    ("asisten", T.JPT_PRATAMA),
    ("staf ahli", T.JPT_PRATAMA),
    ("staff ahli", T.JPT_PRATAMA),
    ("kepala dinas", T.JPT_PRATAMA),
    ("kepala badan", T.JPT_PRATAMA),
    ("kepala biro", T.JPT_PRATAMA),
    ("kepala satuan polisi", T.JPT_PRATAMA),
    ("kepala satpol", T.JPT_PRATAMA),
    ("sekretaris dprd", T.JPT_PRATAMA),
    ("sekretaris dewan", T.JPT_PRATAMA),
    ("inspektur pembantu", T.ADMINISTRATOR),
    ("inspektur", T.JPT_PRATAMA),
    ("sekretaris", T.ADMINISTRATOR),
    ("kepala bidang", T.ADMINISTRATOR),
    ("kepala bagian", T.ADMINISTRATOR),
    ("camat", T.ADMINISTRATOR),
    ("direktur", T.ADMINISTRATOR),
    ("kepala seksi", T.PENGAWAS),
    ("kepala subbagian", T.PENGAWAS),
    ("kepala sub bagian", T.PENGAWAS),
    ("kepala subbidang", T.PENGAWAS),
    ("kepala sub bidang", T.PENGAWAS),
    ("kepala upt", T.PENGAWAS),
    ("kepala unit", T.PENGAWAS),
    ("kepala puskesmas", T.PENGAWAS),
    ("lurah", T.PENGAWAS),
]


def canonical_name(value):
    """The position name with spaces collapsed; "AHLI PERTAMA - GURU" → "Guru Ahli Pertama"."""
    name = _SPACES.sub(" ", text(value)).strip()
    match = _LEVEL_FIRST.match(name)
    if match:
        level, rest = match.groups()
        name = f"{_title(rest)} {_title(level)}"
    return name


def _title(part):
    return part.title() if part.isupper() else part


def name_key(name):
    return _SPACES.sub(" ", name).strip().casefold()


def held_once(pairs):
    """``{identifier: pk}`` of the (identifier, pk) pairs whose identifier one object alone
    holds. An id that several units or positions hold (a file that gave one SIASN id to the
    same post in several units) decides nothing: those are matched by name under their own
    unit, as when they were created, so importing the same file again changes nothing."""
    found, shared = {}, set()
    for identifier, pk in pairs:
        if found.setdefault(identifier, pk) != pk:
            shared.add(identifier)
    for identifier in shared:
        del found[identifier]
    return found


def functional_level(name):
    match = _LEVEL_SEARCH.search(name)
    return LEVELS[match.group(1).lower()] if match else ""


def eselon_type(eselon_id, eselon_name):
    code = text(eselon_id)
    if code[:1] in ESELON and code.isdigit():
        return ESELON[code[:1]]
    roman = text(eselon_name).upper().split(".")[0].strip()
    if roman in _ROMAN_ESELON:
        return ESELON[_ROMAN_ESELON[roman]]
    return None


def structural_type(name, agency_kind, eselon=None):
    if eselon:
        return eselon
    key = name.casefold()
    if key.startswith("sekretaris daerah"):
        return T.JPT_MADYA if agency_kind == "provinsi" else T.JPT_PRATAMA
    for start, position_type in STRUCTURAL_NAMES:
        if key.startswith(start):
            return position_type
    return T.PENGAWAS


def classify(name, jenis_id, jenis_name, agency_kind, eselon=None):
    """(position_type, level) for a position of the file."""
    jenis = text(jenis_id)
    kind = text(jenis_name).casefold()
    level = functional_level(name)
    if jenis == "1" or kind.startswith("struktural") or kind.startswith("jpt"):
        return structural_type(name, agency_kind, eselon), ""
    if jenis == "2" or kind.startswith("fungsional tertentu") or kind == "fungsional":
        return _functional(level)
    if jenis in ("3", "4") or kind in ("pelaksana", "fungsional umum"):
        return T.PELAKSANA, ""
    # No jenis jabatan in the file: guess from the name.
    if level:
        return _functional(level)
    if eselon or name.casefold().startswith(
        ("kepala ", "sekretaris", "camat", "lurah", "inspektur")
    ):
        return structural_type(name, agency_kind, eselon), ""
    return T.PELAKSANA, ""


def _functional(level):
    if level in Position.KETERAMPILAN_LEVELS:
        return T.FUNGSIONAL_KETERAMPILAN, level
    return T.FUNGSIONAL_KEAHLIAN, level


class PlannedPosition:
    """A position the file names that the agency does not have yet."""

    def __init__(self, name, position_type, level, unit, unit_name, siasn_id):
        self.name = name
        self.position_type = position_type
        self.level = level
        self.unit = unit  # an OrgUnit id, a PlannedUnit or None
        self.unit_name = unit_name
        self.siasn_id = siasn_id
        self.pk = None

    def describe(self):
        return {
            "name": self.name,
            "type": str(T(self.position_type).label),
            "level": str(Position.Level(self.level).label) if self.level else "",
            "unit": self.unit_name,
        }


class PositionMatcher:
    """Match by SIASN id, then by name (in the employee's unit first); plan missing ones."""

    def __init__(self, agency, create):
        self.agency = agency
        self.create = create
        self.by_name = {}
        self.names = {}
        rows = list(
            Position.objects.for_agency(agency)
            .order_by("pk")
            .values_list("pk", "name", "unit_id", "siasn_id")
        )
        for pk, name, unit_id, _siasn_id in rows:
            self.names[pk] = name
            key = name_key(name)
            self.by_name.setdefault((key, unit_id), pk)
            self.by_name.setdefault((key, "*"), pk)
        self.by_siasn = held_once((siasn_id, pk) for pk, _n, _u, siasn_id in rows if siasn_id)
        self.planned = {}
        self.order = []  # the planned positions in the order they were planned
        self._cache = {}
        self._descriptions = {}

    def match(self, siasn_id, raw_name, jenis_id, jenis_name, eselon, unit, unit_name=""):
        """Return (position id, PlannedPosition or None, error message or None)."""
        if siasn_id and siasn_id in self.by_siasn:
            return self.by_siasn[siasn_id], None, None
        # Past a known SIASN id the answer depends on the rest only; a position planned here
        # keeps the SIASN id of the first row that names it.
        unit_key = _unit_key(unit)
        cache_key = (raw_name, jenis_id, jenis_name, eselon, unit_key)
        cached = self._cache.get(cache_key)
        if cached is None:
            cached = self._cache[cache_key] = self._match(
                siasn_id, raw_name, jenis_id, jenis_name, eselon, unit, unit_key, unit_name
            )
        return cached

    def _match(self, siasn_id, raw_name, jenis_id, jenis_name, eselon, unit, unit_key, unit_name):
        described = self._describe(raw_name, jenis_id, jenis_name, eselon)
        if described is None:
            return None, None, None
        name, key, position_type, level, structural = described
        if isinstance(unit_key, int) and (key, unit_key) in self.by_name:
            return self.by_name[(key, unit_key)], None, None
        if not structural:
            if (key, None) in self.by_name:
                return self.by_name[(key, None)], None, None
            if (key, "*") in self.by_name:
                return self.by_name[(key, "*")], None, None
        elif (key, None) in self.by_name:
            return self.by_name[(key, None)], None, None
        if not self.create:
            return (
                None,
                None,
                _(
                    "Position “%(name)s” does not exist yet. Add it first, or tick “create units "
                    "and positions”."
                )
                % {"name": name},
            )
        # Structural positions belong to their unit; functional and pelaksana ones to the agency.
        plan_key = (key, unit_key if structural else None)
        planned = self.planned.get(plan_key)
        if planned is None:
            planned = self.planned[plan_key] = PlannedPosition(
                name,
                position_type,
                level,
                unit if structural else None,
                unit_name if structural else "",
                siasn_id,
            )
            self.order.append(planned)
        return None, planned, None

    def _describe(self, raw_name, jenis_id, jenis_name, eselon):
        """(name, name key, type, level, structural) of a position as the file describes it,
        worked out once per description: the same few hundred names fill a province's rows."""
        description = (raw_name, jenis_id, jenis_name, eselon)
        try:
            return self._descriptions[description]
        except KeyError:
            pass
        name = canonical_name(raw_name)
        described = None
        if name:
            position_type, level = classify(name, jenis_id, jenis_name, self.agency.kind, eselon)
            structural = position_type not in (
                T.PELAKSANA,
                T.FUNGSIONAL_KEAHLIAN,
                T.FUNGSIONAL_KETERAMPILAN,
            )
            described = (name, name_key(name), position_type, level, structural)
        self._descriptions[description] = described
        return described


def _unit_key(unit):
    if unit is None:
        return None
    if isinstance(unit, int):
        return unit
    return ("planned", id(unit))
