"""Checking every row and sorting the valid ones into create, update and unchanged.

Existing employees, units and positions are loaded in a few queries up front; no query runs
per row.
"""

from django.utils.translation import gettext as _

from binaasn.people.models import Employee

from .positions import PositionMatcher
from .result import RowError
from .rows import UNCHANGED, RowChecker
from .units import UnitMatcher

# Employee fields an import may set, compared to tell an update from an unchanged row.
FIELDS = [
    "name", "front_title", "back_title", "gender", "birth_place", "birth_date", "status",
    "golongan", "tmt_golongan", "tmt_cpns", "tmt_jabatan", "education_level", "education_major",
    "education_institution", "graduation_year", "email", "phone", "nik", "address", "siasn_id",
    "unit_id", "position_id",
]  # fmt: skip
INDEX = {field: i for i, field in enumerate(FIELDS, start=2)}
PROGRESS_STEPS = 50


class Plan:
    def __init__(self):
        self.errors = []
        self.rejected_rows = set()
        self.creates = []  # Records
        self.updates = []  # (Record, existing values dict, [(field, old, new)])
        self.unchanged = 0
        self.units = None
        self.positions = None


def _reference(target):
    """The id a planned or existing unit/position will have (None while still planned)."""
    if target is UNCHANGED or target is None:
        return target
    return target if isinstance(target, int) else None


def make_plan(agency, sheet, *, create_units, progress=None, total=None):
    """Check every row of ``sheet`` and return the Plan."""
    planner = Planner(agency, sheet, create_units=create_units)
    rows = sheet.rows
    total = total or len(rows)
    step = max(500, len(rows) // PROGRESS_STEPS)
    for start in range(0, len(rows), step):
        planner.check(rows[start : start + step])
        if progress is not None and start + step < len(rows):
            progress(start + step, total)
    if progress is not None:
        progress(len(rows), total)
    return planner.plan


class Planner:
    """Checks rows, in as many pieces as the caller likes, into one Plan.

    Loading what the agency has (employees, units, positions) is the only database work; the
    checking itself runs no query, so it may run in a thread of its own while the rows checked
    so far are written.
    """

    def __init__(self, agency, sheet, *, create_units):
        self.plan = plan = Plan()
        plan.units = UnitMatcher(agency, create_units)
        plan.positions = PositionMatcher(agency, create_units)
        self.checker = RowChecker(sheet.columns, plan.units, plan.positions)
        # (nip, pk, *FIELDS) tuples: turned into dicts only for the rows that change.
        self.existing = {
            row[0]: row
            for row in Employee.objects.for_agency(agency).values_list("nip", "pk", *FIELDS)
        }
        self.first_row = {}
        self.nip_column = sheet.columns.name_in_file("NIP BARU")

    def check(self, rows):
        """Check (number, cells) rows and sort them into the plan."""
        plan, checker, existing, first_row = self.plan, self.checker, self.existing, self.first_row
        check = checker.check
        for number, cells in rows:
            record, errors = check(number, cells)
            nip = checker.last_nip
            if nip:
                if nip in first_row:
                    errors.append(
                        RowError(
                            number,
                            self.nip_column,
                            _("The NIP %(nip)s also appears in row %(row)d.")
                            % {"nip": nip, "row": first_row[nip]},
                            "duplicate_nip",
                        )
                    )
                    record = None
                else:
                    first_row[nip] = number
            if errors:
                plan.errors.extend(errors)
                plan.rejected_rows.add(number)
            else:
                current = existing.get(nip)
                if current is None:
                    plan.creates.append(record)
                else:
                    _sort(plan, record, current)


def _sort(plan, record, current):
    at = INDEX
    changes = [
        (field, current[at[field]], new)
        for field, new in record.values.items()
        if current[at[field]] != new
    ]
    for field, target in (("unit_id", record.unit), ("position_id", record.position)):
        if target is UNCHANGED:
            continue
        reference = _reference(target)
        if reference is None or reference != current[at[field]]:
            changes.append((field, current[at[field]], target))
    if changes:
        plan.updates.append((record, dict(zip(["pk", *FIELDS], current[1:], strict=True)), changes))
    else:
        plan.unchanged += 1


def resolve(target):
    """The database id of a unit/position reference once planned ones are written."""
    if target is UNCHANGED or target is None:
        return None
    if isinstance(target, int):
        return target
    return target.pk


def describe_target(target, names):
    if target is UNCHANGED or target is None:
        return ""
    if isinstance(target, int):
        return names.get(target, "")
    return target.name
