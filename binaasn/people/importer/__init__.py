"""Employee import from SIASN-style spreadsheets (CSV or XLSX).

``run_import`` reads the file, checks every row, and — unless it is a dry run or a row was
rejected — writes everything in one transaction. All or nothing: one bad row writes nothing.
"""

import contextlib
import gc

from django.db import connection
from django.utils.translation import gettext as _
from django_scopes import scope

from binaasn.people.models import Employee, ImportRun

from .hierarchy import hierarchy_columns, plan_hierarchy
from .plan import describe_target, make_plan
from .reader import ImportFileError, read_sheet
from .result import ImportResult, RowError
from .stream import stream_import
from .writer import write_hierarchy, write_plan

__all__ = ["ImportFileError", "ImportResult", "RowError", "read_sheet", "run_import"]

PREVIEW_LIMIT = 500


def run_import(agency, source, file_name, *, dry_run, create_units, user=None, progress=None):
    """Import employees of ``agency`` from ``source`` (a path or a binary file object).

    ``progress(done, total)`` is called as rows are checked and written.
    """
    with scope(agency=agency), _without_cyclic_gc():
        run = ImportRun(
            agency=agency,
            file_name=str(file_name)[:255],
            create_units=create_units,
            is_dry_run=dry_run,
            created_by=user,
        )
        result = ImportResult(run=run)
        # Committing on PostgreSQL checks and writes the rows as the file is read (stream.py).
        streaming = not dry_run and connection.vendor == "postgresql"
        try:
            sheet = read_sheet(source, stream=streaming)
        except ImportFileError as error:
            result.errors.append(RowError(error.row, error.column, error.message, error.code))
            return _reject(run, result)
        hierarchy = hierarchy_columns(sheet.columns.raw)
        if hierarchy is not None:
            return _import_hierarchy(agency, run, result, sheet, hierarchy, dry_run, user)
        missing = sheet.columns.missing_required()
        if missing:
            for column in missing:
                result.errors.append(
                    RowError(
                        sheet.header_row,
                        column,
                        _("The required column “%(column)s” is missing.") % {"column": column},
                        "missing_column",
                    )
                )
            return _reject(run, result)

        rows = sheet.expected_rows
        total = rows if dry_run else 2 * rows

        def settle(plan):
            result.created = run.created = len(plan.creates)
            result.updated = run.updated = len(plan.updates)
            result.unchanged = run.unchanged = plan.unchanged
            result.rejected = run.rejected = len(plan.rejected_rows)
            result.errors = plan.errors
            run.errors = [error.as_dict() for error in plan.errors]
            run.preview = build_preview(sheet, plan)
            if plan.errors:
                run.status = ImportRun.Status.REJECTED
            elif dry_run:
                run.status = ImportRun.Status.PREVIEWED
            else:
                run.status = ImportRun.Status.COMMITTED

        if streaming:
            # Check in a thread while the rows checked so far are written.
            stream_import(
                agency,
                sheet,
                run,
                create_units=create_units,
                settle=settle,
                user=user,
                progress=progress,
                total=total,
            )
            return result
        plan = make_plan(agency, sheet, create_units=create_units, progress=progress, total=total)
        settle(plan)
        if plan.errors or dry_run:
            run.save()
        else:
            write_plan(agency, plan, run, user=user, progress=progress, done=rows, total=total)
        return result


@contextlib.contextmanager
def _without_cyclic_gc():
    """Reading 100,000 rows makes millions of small acyclic objects; the cycle collector would
    keep rescanning them (about a third of the time). Reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_hierarchy(agency, run, result, sheet, columns, dry_run, user):
    """A SIASN unit hierarchy file: all of its units, or none."""
    plan = plan_hierarchy(agency, sheet, columns)
    result.created = run.created = len(plan.planned)
    result.updated = run.updated = len(plan.updates)
    result.unchanged = run.unchanged = plan.unchanged
    result.rejected = run.rejected = len(plan.rejected_rows)
    result.errors = plan.errors
    run.errors = [error.as_dict() for error in plan.errors]
    run.preview = {
        "total_rows": len(sheet.rows),
        "limit": PREVIEW_LIMIT,
        "hierarchy": True,
        "units_to_create": [unit.describe() for unit in plan.planned],
    }
    if plan.errors:
        run.status = ImportRun.Status.REJECTED
        run.save()
    elif dry_run:
        run.status = ImportRun.Status.PREVIEWED
        run.save()
    else:
        run.status = ImportRun.Status.COMMITTED
        write_hierarchy(agency, plan, run, user=user)
    return result


def _reject(run, result):
    run.status = ImportRun.Status.REJECTED
    run.errors = [error.as_dict() for error in result.errors]
    run.save()
    return result


def _show(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def build_preview(sheet, plan):
    """What the preview page lists: rows to create and update, units and positions to add."""
    unit_names = plan.units.names
    position_names = plan.positions.names
    labels = {field.attname: str(field.verbose_name) for field in Employee._meta.concrete_fields}
    create = [
        {
            "row": record.row,
            "nip": record.nip,
            "name": record.values.get("name", ""),
            "golongan": record.values.get("golongan", ""),
            "position": describe_target(record.position, position_names),
            "unit": describe_target(record.unit, unit_names),
        }
        for record in plan.creates[:PREVIEW_LIMIT]
    ]
    update = []
    for record, current, changes in plan.updates[:PREVIEW_LIMIT]:
        shown = []
        for field, old, new in changes:
            if field == "unit_id":
                old, new = unit_names.get(old, ""), describe_target(new, unit_names)
            elif field == "position_id":
                old, new = position_names.get(old, ""), describe_target(new, position_names)
            shown.append([labels.get(field, field), _show(old), _show(new)])
        update.append(
            {"row": record.row, "nip": record.nip, "name": current["name"], "changes": shown}
        )
    return {
        "total_rows": sheet.row_count,
        "limit": PREVIEW_LIMIT,
        "columns_ignored": sheet.columns.ignored[:200],
        "create": create,
        "update": update,
        "units_to_create": [unit.describe() for unit in plan.units.planned],
        "positions_to_create": [p.describe() for p in plan.positions.planned.values()],
    }
