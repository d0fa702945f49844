"""Matching the file's units to the agency's organisation tree, or planning new ones.

The employee's unit is UNOR ID/UNOR NAMA; its OPD is SATUAN KERJA KERJA ID/NAMA. Both are
matched by SIASN id (or our unit code) first, then by name. A missing OPD goes under the
agency's root, a missing unit under its OPD (README of the sample data).
"""

from django.utils.translation import gettext as _

from binaasn.people.models import OrgUnit

from .positions import held_once, name_key

K = OrgUnit.Kind
_KIND_WORDS = [
    ("puskesmas", K.PUSKESMAS),
    ("sekolah", K.SEKOLAH),
    ("sd ", K.SEKOLAH),
    ("smp ", K.SEKOLAH),
    ("sma ", K.SEKOLAH),
    ("smk ", K.SEKOLAH),
    ("upt", K.UPT),
    ("sekretariat", K.SECRETARIAT),
    ("bidang", K.BIDANG),
    ("bagian", K.BIDANG),
    ("seksi", K.SEKSI),
    ("subbagian", K.SEKSI),
    ("sub bagian", K.SEKSI),
    ("subbidang", K.SEKSI),
    ("kecamatan", K.KECAMATAN),
    ("kelurahan", K.KELURAHAN),
    ("desa", K.KELURAHAN),
]


def guess_kind(name, top_level):
    key = name.casefold() + " "
    if top_level:
        return K.KECAMATAN if key.startswith("kecamatan") else K.OPD
    for start, kind in _KIND_WORDS:
        if key.startswith(start):
            return kind
    return K.UPT


class PlannedUnit:
    """A unit the file names that the tree does not have yet."""

    def __init__(self, name, parent, parent_name, kind, siasn_id=""):
        self.name = name
        self.parent = parent  # an OrgUnit id, a PlannedUnit or None (a new root)
        self.parent_name = parent_name
        self.kind = kind
        self.siasn_id = siasn_id
        self.pk = None
        self.path = None  # set where it is written with its id (PostgreSQL)

    def describe(self):
        return {"name": self.name, "parent": self.parent_name, "kind": str(K(self.kind).label)}


class UnitMatcher:
    def __init__(self, agency, create):
        self.agency = agency
        self.create = create
        self.names = {}
        self.paths = {}
        self.by_name = {}
        self.root = None
        rows = list(
            OrgUnit.objects.for_agency(agency)
            .order_by("depth", "path")
            .values_list("pk", "name", "parent_id", "path", "siasn_id", "code")
        )
        for pk, name, parent_id, path, _siasn_id, _code in rows:
            self.names[pk] = name
            self.paths[pk] = path
            self.by_name.setdefault(name_key(name), []).append(pk)
            if parent_id is None and self.root is None:
                self.root = pk
        self.by_code = held_once(
            (identifier.strip().casefold(), pk)
            for pk, _n, _p, _path, siasn_id, code in rows
            for identifier in (siasn_id, code)
            if identifier
        )
        self.planned = []
        self._planned_by_key = {}
        self._cache = {}

    def name_of(self, unit):
        if unit is None:
            return ""
        return unit.name if isinstance(unit, PlannedUnit) else self.names[unit]

    def match(self, opd_id, opd_name, unit_id, unit_name):
        """Return (unit, error, which) where unit is an OrgUnit id, a PlannedUnit or None and
        ``which`` says whether the error is about the "opd" or the "unit"."""
        key = (opd_id, opd_name, unit_id, unit_name)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._match(opd_id, opd_name, unit_id, unit_name)
        return cached

    def _find_code(self, identifier):
        return self.by_code.get(identifier.casefold()) if identifier else None

    def _find_name(self, name, within=None):
        for pk in self.by_name.get(name_key(name), ()):
            if within is None or self.paths[pk].startswith(self.paths[within]):
                return pk
        return None

    def _match(self, opd_id, opd_name, unit_id, unit_name):
        found = self._find_code(unit_id)
        if found is not None:
            return found, None, None
        opd = None
        if opd_id or opd_name:
            opd = self._find_code(opd_id)
            if opd is None and opd_name:
                opd = self._find_name(opd_name)
            if opd is None:
                if not self.create or not opd_name:
                    return None, self._missing(opd_name or opd_id), "opd"
                opd = self._plan(opd_name, self._root(), opd_id, top_level=True)
        if not unit_name:
            if unit_id and opd is None:
                return None, self._missing(unit_id), "unit"
            return opd, None, None
        if opd is not None and name_key(unit_name) == name_key(opd_name or self.name_of(opd)):
            return opd, None, None
        if isinstance(opd, int):
            found = self._find_name(unit_name, within=opd)
        elif opd is None:
            found = self._find_name(unit_name)
        else:
            found = None  # a new OPD has no units yet
        if found is not None:
            return found, None, None
        if not self.create:
            if opd is not None:
                return (
                    None,
                    _(
                        "Unit “%(unit)s” under “%(opd)s” is not in the organisation tree. Add it "
                        "first, or tick “create units and positions”."
                    )
                    % {"unit": unit_name, "opd": self.name_of(opd)},
                    "unit",
                )
            return None, self._missing(unit_name), "unit"
        parent = opd if opd is not None else self._root()
        return self._plan(unit_name, parent, unit_id, top_level=opd is None), None, None

    def _missing(self, name):
        return _(
            "Unit “%(unit)s” is not in the organisation tree. Add it first, or tick “create "
            "units and positions”."
        ) % {"unit": name}

    def _root(self):
        if self.root is None:
            self.root = self._plan(self.agency.name, None, "", top_level=True, kind=K.PEMDA)
        return self.root

    def _plan(self, name, parent, siasn_id, *, top_level, kind=None):
        key = (name_key(name), parent if isinstance(parent, int) else id(parent))
        planned = self._planned_by_key.get(key)
        if planned is None:
            planned = PlannedUnit(
                name,
                parent,
                self.name_of(parent),
                kind or guess_kind(name, top_level),
                siasn_id or "",
            )
            self._planned_by_key[key] = planned
            self.planned.append(planned)
        return planned
