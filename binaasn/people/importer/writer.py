"""Writing a checked plan: all of it in one transaction, in bulk, with one audit entry."""

import contextlib
import datetime

from auditlog.context import set_actor
from django.db import connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.models import AuditEntry
from binaasn.people.models import CareerEntry, Employee, OrgUnit, Position

from .plan import resolve

BATCH_SIZE = 2000
COPY_BATCH_SIZE = 10_000
CAREER_KINDS = {
    "golongan": CareerEntry.Kind.RANK,
    "position_id": CareerEntry.Kind.POSITION,
    "unit_id": CareerEntry.Kind.UNIT,
}


def write_plan(agency, plan, run, *, user=None, progress=None, done=0, total=0):
    """Create the planned units and positions, then the employees, updates and career entries."""
    actor = set_actor(user) if user is not None else contextlib.nullcontext()
    with transaction.atomic(), actor:
        _create_units(agency, plan.units.planned)
        _create_positions(agency, plan.positions.planned.values())
        step = 0

        def report(count):
            nonlocal step
            step += count
            if progress is not None:
                progress(min(done + step, total), total)

        _create_employees(agency, plan.creates, report)
        _update_employees(agency, plan.updates, report)
        _write_career(agency, plan, run.file_name)
        run.save()
        log_import(run, user, units=len(plan.units.planned), positions=len(plan.positions.planned))


def write_hierarchy(agency, plan, run, *, user=None):
    """Create the units of a hierarchy file and give matched units their SIASN id."""
    actor = set_actor(user) if user is not None else contextlib.nullcontext()
    with transaction.atomic(), actor:
        _create_units(agency, plan.planned)
        OrgUnit.objects.bulk_update(
            [OrgUnit(pk=pk, siasn_id=siasn_id[:64]) for pk, siasn_id in plan.updates],
            ["siasn_id"],
            batch_size=BATCH_SIZE,
        )
        run.save()
        log_import(run, user, units=len(plan.planned))


def _create_units(agency, planned):
    """Create planned units in bulk, one tree level at a time: a level's parents are written
    (paths included) before the level. Counted in the batch's audit entry."""
    remaining = list(planned)
    while remaining:
        level = [
            unit for unit in remaining if unit.parent is None or resolve(unit.parent) is not None
        ]
        objects = [
            OrgUnit(
                agency_id=agency.pk,
                name=unit.name[:200],
                parent_id=resolve(unit.parent),
                kind=unit.kind,
                siasn_id=unit.siasn_id[:64],
            )
            for unit in level
        ]
        OrgUnit.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        for unit, created in zip(level, objects, strict=True):
            unit.pk = created.pk
        _set_paths(agency, [o.pk for o in objects if o.parent_id is None], root=True)
        _set_paths(agency, [o.pk for o in objects if o.parent_id is not None], root=False)
        remaining = [unit for unit in remaining if unit.pk is None]


def _set_paths(agency, ids, *, root):
    """``path`` = the parent's path + own id (what OrgUnit.save does), for many units at once."""
    if not ids:
        return
    own = Concat(Cast("pk", output_field=CharField()), Value("/"))
    if root:
        changes = {"path": Concat(Value("/"), own), "depth": Value(0)}
    else:
        parent = OrgUnit.objects.for_agency(agency).filter(pk=OuterRef("parent_id"))
        changes = {
            "path": Concat(Subquery(parent.values("path")[:1]), own),
            "depth": Subquery(parent.values("depth")[:1]) + 1,
        }
    for start in range(0, len(ids), BATCH_SIZE):
        OrgUnit.objects.for_agency(agency).filter(pk__in=ids[start : start + BATCH_SIZE]).update(
            **changes
        )


def _create_positions(agency, planned):
    planned = list(planned)
    objects = [
        Position(
            agency_id=agency.pk,
            name=p.name[:200],
            position_type=p.position_type,
            level=p.level,
            unit_id=resolve(p.unit),
            siasn_id=(p.siasn_id or "")[:64],
        )
        for p in planned
    ]
    Position.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    for plan_item, created in zip(planned, objects, strict=True):
        plan_item.pk = created.pk


def _create_employees(agency, records, report):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            EmployeeCopy(agency).write(cursor.cursor, records, report)
        return
    agency_id = agency.pk
    for start in range(0, len(records), BATCH_SIZE):
        batch = [
            Employee(
                agency_id=agency_id,
                nip=record.nip,
                unit_id=resolve(record.unit),
                position_id=resolve(record.position),
                **record.values,
            )
            for record in records[start : start + BATCH_SIZE]
        ]
        Employee.objects.bulk_create(batch)
        report(len(batch))


def _row_template(fields, now):
    """Every column's value for a new employee before the file's values go in."""
    template = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            template.append(now)
        elif field.has_default():
            template.append(field.get_default())
        elif field.null:
            template.append(None)
        elif field.empty_strings_allowed:
            template.append("")
        else:
            template.append(_REQUIRED)
    return template


_REQUIRED = object()


class EmployeeCopy:
    """PostgreSQL: new employees go in with a binary COPY, in batches, inside the import's
    transaction.

    bulk_create spends most of its time preparing each of the ~30 fields of each row in Python;
    COPY takes the row as it is, which keeps a 100,000-row import within seconds. In binary
    format the dates, numbers and timestamps go as they are, neither written out as text here
    nor parsed again by the server.
    """

    def __init__(self, agency):
        self.fields = fields = [f for f in Employee._meta.concrete_fields if not f.primary_key]
        self.position = position = {field.attname: i for i, field in enumerate(fields)}
        self.template = template = _row_template(fields, timezone.now())
        template[position["agency_id"]] = agency.pk
        self.nip_at = position["nip"]
        self.unit_at = position["unit_id"]
        self.position_at = position["position_id"]
        # Columns without a default that the file must fill (the checks make sure it does).
        self.required = [i for i, value in enumerate(template) if value is _REQUIRED]
        columns = [field.column for field in fields]
        table = Employee._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = ANY(%s)",
                [connection.ops.quote_name(table), columns],
            )
            types = dict(cursor.fetchall())
        self.types = [types[column] for column in columns]
        names = ", ".join(connection.ops.quote_name(column) for column in columns)
        self.statement = (
            f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN (FORMAT BINARY)"
        )

    def write(self, cursor, records, report):
        """Copy ``records`` through the psycopg ``cursor``, COPY_BATCH_SIZE rows a statement."""
        template, position, required = self.template, self.position, self.required
        nip_at, unit_at, position_at = self.nip_at, self.unit_at, self.position_at
        for start in range(0, len(records), COPY_BATCH_SIZE):
            batch = records[start : start + COPY_BATCH_SIZE]
            with cursor.copy(self.statement) as copy:
                copy.set_types(self.types)
                write_row = copy.write_row
                for record in batch:
                    row = template.copy()
                    row[nip_at] = record.nip
                    unit, place = record.unit, record.position
                    row[unit_at] = unit if unit.__class__ is int else resolve(unit)
                    row[position_at] = place if place.__class__ is int else resolve(place)
                    for name, value in record.values.items():
                        row[position[name]] = value
                    for i in required:
                        if row[i] is _REQUIRED:
                            missing = [self.fields[i].name for i in required if row[i] is _REQUIRED]
                            raise ValueError(f"No value for required employee fields {missing}")
                    write_row(row)
            report(len(batch))


def copy_new_rows(model, rows):
    """PostgreSQL: insert ``rows`` (dicts of column values, ids included) with one COPY.

    Columns a row leaves out get their default, as with bulk_create."""
    fields = list(model._meta.concrete_fields)
    template = _row_template(fields, timezone.now())
    for i, value in enumerate(template):
        if isinstance(value, datetime.datetime):
            template[i] = value.isoformat()
    position = {field.attname: i for i, field in enumerate(fields)}
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for values in rows:
                row = template.copy()
                for name, value in values.items():
                    row[position[name]] = value
                if _REQUIRED in row:
                    missing = [fields[i].name for i, value in enumerate(row) if value is _REQUIRED]
                    raise ValueError(f"No value for required {model.__name__} fields {missing}")
                copy.write_row(row)


def reserve_ids(model, count):
    """PostgreSQL: ``count`` ids from the table's own sequence, for rows written with COPY."""
    if not count:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def copy_units(agency, planned, paths):
    """PostgreSQL: create planned units with ids taken up front, paths worked out here (the
    parent's path + own id, what OrgUnit.save does) and one COPY; ``paths`` maps existing
    unit ids to their paths. A planned unit's parent is planned before it."""
    planned = list(planned)
    rows = []
    for unit, pk in zip(planned, reserve_ids(OrgUnit, len(planned)), strict=True):
        parent = unit.parent
        if parent is None:
            parent_id, parent_path = None, "/"
        elif isinstance(parent, int):
            parent_id, parent_path = parent, paths[parent]
        else:
            parent_id, parent_path = parent.pk, parent.path
        unit.pk = pk
        unit.path = path = f"{parent_path}{pk}/"
        rows.append(
            {
                "id": pk,
                "agency_id": agency.pk,
                "name": unit.name[:200],
                "parent_id": parent_id,
                "kind": unit.kind,
                "siasn_id": unit.siasn_id[:64],
                "path": path,
                "depth": path.count("/") - 2,
            }
        )
    copy_new_rows(OrgUnit, rows)


def copy_positions(agency, planned):
    """PostgreSQL: create planned positions with ids taken up front and one COPY."""
    planned = list(planned)
    rows = []
    for p, pk in zip(planned, reserve_ids(Position, len(planned)), strict=True):
        p.pk = pk
        rows.append(
            {
                "id": pk,
                "agency_id": agency.pk,
                "name": p.name[:200],
                "position_type": p.position_type,
                "level": p.level,
                "unit_id": resolve(p.unit),
                "siasn_id": (p.siasn_id or "")[:64],
            }
        )
    copy_new_rows(Position, rows)


def _update_employees(agency, updates, report):
    if not updates:
        return
    now = timezone.now()
    fields = {"updated_at"}
    objects = []
    for record, current, changes in updates:
        merged = dict(current)
        for field, _old, new in changes:
            merged[field] = resolve(new) if field in ("unit_id", "position_id") else new
            fields.add(field)
        objects.append(Employee(agency_id=agency.pk, nip=record.nip, updated_at=now, **merged))
    fields = sorted(fields)
    for start in range(0, len(objects), BATCH_SIZE // 2):
        batch = objects[start : start + BATCH_SIZE // 2]
        Employee.objects.bulk_update(batch, fields)
        report(len(batch))


def _write_career(agency, plan, file_name):
    note = (_("Employee import: %(file)s") % {"file": file_name})[:255]
    unit_names = plan.units.names
    position_names = plan.positions.names
    entries = []
    for record, current, changes in plan.updates:
        for field, old, new in changes:
            kind = CAREER_KINDS.get(field)
            if kind is None:
                continue
            if field == "golongan":
                old_value, new_value, on = old or "", new, record.values.get("tmt_golongan")
            elif field == "position_id":
                old_value = position_names.get(old, "") if old else ""
                new_value = new.name if hasattr(new, "name") else position_names.get(new, "")
                on = record.values.get("tmt_jabatan")
            else:
                old_value = unit_names.get(old, "") if old else ""
                new_value = new.name if hasattr(new, "name") else unit_names.get(new, "")
                on = record.values.get("tmt_jabatan")
            entries.append(
                CareerEntry(
                    agency_id=agency.pk,
                    employee_id=current["pk"],
                    kind=kind,
                    effective_on=on,
                    old_value=old_value[:255],
                    new_value=new_value[:255],
                    note=note,
                )
            )
    CareerEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def log_import(run, user, *, units=0, positions=0):
    """One audit entry for the whole batch: counts and file name, not one per employee (nor
    per unit or position the batch created)."""
    summary = _(
        "Employee import %(file)s: %(created)d created, %(updated)d updated, "
        "%(unchanged)d unchanged, %(rejected)d rejected; %(units)d units and "
        "%(positions)d positions added."
    ) % {
        "file": run.file_name,
        "created": run.created,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "rejected": run.rejected,
        "units": units,
        "positions": positions,
    }
    return AuditEntry.objects.log_create(
        run,
        force_log=True,
        action=AuditEntry.Action.CREATE,
        actor=user,
        changes={
            "file_name": ["", run.file_name],
            "created": ["", str(run.created)],
            "updated": ["", str(run.updated)],
            "unchanged": ["", str(run.unchanged)],
            "rejected": ["", str(run.rejected)],
            "units_created": ["", str(units)],
            "positions_created": ["", str(positions)],
        },
        changes_text=summary,
        additional_data={"agency": run.agency_id, "summary": summary},
    )
