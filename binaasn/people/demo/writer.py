"""Write a Plan to the database, skipping what is already there.

Units go through ``services.create_unit`` (validated, audited, paths kept); positions, employees
and career entries are bulk-inserted in batches, supervisors before the people who report to
them. Rows that exist already (units by parent and name, positions by unit and name, employees by
NIP) are left untouched, so writing the same plan twice changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from binaasn.people import services
from binaasn.people.models import CareerEntry, Employee, OrgUnit, Position


@dataclass
class Written:
    units: int = 0
    positions: int = 0
    employees: int = 0
    career: int = 0


def _adopt(obj, pk, **values):
    """Make a planned instance stand for the stored row ``pk``."""
    obj.pk = pk
    for name, value in values.items():
        setattr(obj, name, value)
    obj._state.adding = False
    obj._state.db = "default"


@transaction.atomic
def write_plan(plan, *, batch_size=2000):
    agency = plan.agency
    written = Written()
    stored = {(unit.parent_id, unit.name): unit for unit in OrgUnit.objects.for_agency(agency)}
    for planned in plan.units:
        parent = planned.parent.obj if planned.parent else None
        unit = stored.get((parent.pk if parent else None, planned.obj.name))
        if unit is None:
            unit = services.create_unit(
                agency, parent=parent, name=planned.obj.name, kind=planned.obj.kind,
                code=planned.obj.code,
            )  # fmt: skip
            written.units += 1
        _adopt(planned.obj, unit.pk, path=unit.path, depth=unit.depth)

    positions = {
        (unit_id, name): pk
        for pk, unit_id, name in Position.objects.for_agency(agency).values_list(
            "pk", "unit_id", "name"
        )
    }
    new_positions = []
    for position in plan.positions:
        key = (position.unit.pk if position.unit else None, position.name)
        if key in positions:
            _adopt(position, positions[key])
        else:
            new_positions.append(position)
    Position.objects.bulk_create(new_positions, batch_size=batch_size)
    written.positions = len(new_positions)

    nips = dict(Employee.objects.for_agency(agency).values_list("nip", "pk"))
    new_employees = set()
    for wave in plan.waves:
        fresh = []
        for employee in wave:
            if employee.nip in nips:
                _adopt(employee, nips[employee.nip])
            else:
                fresh.append(employee)
        Employee.objects.bulk_create(fresh, batch_size=batch_size)
        new_employees.update(id(e) for e in fresh)
        written.employees += len(fresh)

    career = [entry for entry in plan.career if id(entry.employee) in new_employees]
    CareerEntry.objects.bulk_create(career, batch_size=batch_size)
    written.career = len(career)
    return written
