"""The people part of the demo: the org tree, positions and 300+ ASN of each demo agency.

``seed_people`` is one step of ``manage.py seed_demo`` (binaasn/core/demo.py). It plans the
agency's people from a fixed seed and writes only what is missing, then leaves for the next
steps the operator's unit and the ASN who gets the demo employee login.
"""

from dataclasses import dataclass

from . import catalogue, regions
from .planner import DEMO_TODAY, PeoplePlanner, functional_level  # noqa: F401 (public API)
from .writer import write_plan


@dataclass(frozen=True)
class DemoPeople:
    tree: object  # a function returning the UnitSpec tree
    region: regions.Region
    operator_unit: str  # the unit of the demo operator; the demo ASN works below it
    decree_office: str  # who signs the decrees (SK) in the career history


DEMO_PEOPLE = {
    "gorontalo": DemoPeople(
        catalogue.gorontalo_tree, regions.GORONTALO, "Dinas Kesehatan", "BKPSDM"
    ),
    # Kota Semarang's personnel agency signs the decrees of Candisari's staff.
    "candisari": DemoPeople(
        catalogue.candisari_tree, regions.SEMARANG, "Puskesmas Candilama", "BKPP"
    ),
    "kutacane": DemoPeople(
        catalogue.aceh_tenggara_tree, regions.ACEH_TENGGARA, "Dinas Kesehatan", "BKPSDM"
    ),
}


def plan_demo_people(agency, seed):
    """The full plan of a demo agency's people, and the ASN chosen for the employee login."""
    config = DEMO_PEOPLE[agency.slug]
    planner = PeoplePlanner(agency, config.region, seed=seed, decree_office=config.decree_office)
    plan = planner.build(config.tree(), every_type=True)
    operator_unit = plan.unit(config.operator_unit)
    asn = choose_demo_asn(plan, operator_unit)
    asn.email = f"asn@{planner.email_domain}"
    return plan, operator_unit.obj, asn


def choose_demo_asn(plan, operator_unit):
    """An active PNS in a functional post at a puskesmas under the operator's unit, with a
    supervisor and a career history: someone whose own page shows every part of a record."""
    with_history = {id(entry.employee) for entry in plan.career}

    def under(unit_obj):
        planned = next(pu for pu in plan.units if pu.obj is unit_obj)
        while planned is not None:
            if planned is operator_unit:
                return True
            planned = planned.parent
        return False

    for employee in plan.waves[-1]:
        if (employee.is_active and employee.status == "PNS" and employee.supervisor is not None
                and employee.unit.kind == "puskesmas" and employee.position.level
                and id(employee) in with_history and under(employee.unit)):  # fmt: skip
            return employee
    raise LookupError("no employee fits the demo ASN login")


def seed_people(ctx):
    """Demo step: units, positions, employees and career history of ``ctx.agency``."""
    if ctx.agency.slug not in DEMO_PEOPLE:
        return None
    plan, operator_unit, asn = plan_demo_people(ctx.agency, ctx.seed("people"))
    written = write_plan(plan)
    ctx.data["operator_unit"] = operator_unit
    ctx.data["asn"] = asn
    return written
