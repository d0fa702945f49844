"""SIASN's unit hierarchy file (``ID``, ``NAMA_UNOR``, ``ID_ATASAN``): imported before the
employees, it builds the organisation tree with SIASN ids so employee rows match by id.

Units already in the tree are matched by SIASN id, then by name; they get their SIASN id but are
never moved. New units go under their parent in the file, or under the agency's root.
"""

from django.utils.translation import gettext as _

from binaasn.people.models import OrgUnit

from .headers import normalize_header
from .positions import name_key
from .result import RowError
from .units import PlannedUnit, guess_kind
from .values import text

ID, NAME, PARENT = "ID", "NAMA UNOR", "ID ATASAN"


def hierarchy_columns(raw_headers):
    """Positions of the three columns when the file is a hierarchy file, else None."""
    names = [normalize_header(h) for h in raw_headers]
    if {ID, NAME, PARENT} <= set(names) and "NIP BARU" not in names and "NIP" not in names:
        return {name: names.index(name) for name in (ID, NAME, PARENT)}
    return None


class HierarchyPlan:
    def __init__(self):
        self.errors = []
        self.rejected_rows = set()
        self.planned = []  # PlannedUnit, parents first
        self.updates = []  # (unit id, siasn id)
        self.unchanged = 0


def plan_hierarchy(agency, sheet, index):
    plan = HierarchyPlan()
    raw = sheet.columns.raw
    labels = {name: raw[position] for name, position in index.items()}
    units = list(
        OrgUnit.objects.for_agency(agency)
        .order_by("depth", "path")
        .values_list("pk", "name", "parent_id", "siasn_id")
    )
    by_siasn = {siasn: pk for pk, _n, _p, siasn in units if siasn}
    by_name = {}
    for pk, name, _parent, _siasn in units:
        by_name.setdefault(name_key(name), pk)
    siasn_of = {pk: siasn for pk, _n, _p, siasn in units}
    names = {pk: name for pk, name, _p, _s in units}
    root = next((pk for pk, _n, parent, _s in units if parent is None), None)

    rows = {}
    for number, cells in sheet.rows:
        cells = list(cells) + [""] * 3
        unit_id, name, parent_id = (text(cells[index[c]]) for c in (ID, NAME, PARENT))

        def fail(column, message, code, number=number):
            plan.errors.append(RowError(number, labels[column], str(message), code))
            plan.rejected_rows.add(number)

        if not unit_id:
            fail(ID, _("The unit id is empty."), "missing_id")
        elif unit_id in rows:
            fail(
                ID,
                _("The id %(id)s also appears in row %(row)d.")
                % {"id": unit_id, "row": rows[unit_id][0]},
                "duplicate_id",
            )
        if not name:
            fail(NAME, _("The unit name is empty."), "missing_name")
        if unit_id and unit_id not in rows:
            rows[unit_id] = (number, name, parent_id)

    resolved = {}  # SIASN id → existing unit id or PlannedUnit

    def resolve(unit_id, trail=()):
        if unit_id in resolved:
            return resolved[unit_id]
        number, name, parent_id = rows[unit_id]
        if unit_id in trail:
            plan.errors.append(
                RowError(
                    number, labels[PARENT], _("The units' parents form a loop."), "parent_loop"
                )
            )
            plan.rejected_rows.add(number)
            resolved[unit_id] = None
            return None
        if parent_id and parent_id in rows and parent_id != unit_id:
            parent = resolve(parent_id, (*trail, unit_id))
        elif parent_id and parent_id in by_siasn:
            parent = by_siasn[parent_id]
        else:
            parent = "top"
        existing = by_siasn.get(unit_id)
        if existing is None and name:
            existing = by_name.get(name_key(name))
        if existing is None and parent == "top" and name_key(name).startswith("pemerintah"):
            existing = root  # the top of SIASN's tree is the agency itself
        if existing is not None:
            if siasn_of.get(existing) != unit_id:
                plan.updates.append((existing, unit_id))
            else:
                plan.unchanged += 1
            resolved[unit_id] = existing
            return existing
        if parent == "top":
            if root is None:
                planned = PlannedUnit(name, None, "", OrgUnit.Kind.PEMDA, unit_id)
                plan.planned.append(planned)
                resolved[unit_id] = planned
                return planned
            parent = root
        if parent is None:  # part of a loop, already reported
            resolved[unit_id] = None
            return None
        parent_name = parent.name if isinstance(parent, PlannedUnit) else names[parent]
        planned = PlannedUnit(name, parent, parent_name, guess_kind(name, parent == root), unit_id)
        plan.planned.append(planned)
        resolved[unit_id] = planned
        return planned

    for unit_id, (_number, name, _parent) in rows.items():
        if name:
            resolve(unit_id)
    return plan
