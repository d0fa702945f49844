"""Reading audit entries as people do: field names in words, before → after.

No database queries: values are shown as django-auditlog stored them (related objects by id)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

EMPTY = {None, "", "None"}


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _display(field, value):
    """The value as stored (codes like III/a or kabupaten read well); yes/no in words."""
    if value in EMPTY:
        return ""
    if field is not None and field.get_internal_type() == "BooleanField":
        return {"True": _("Yes"), "False": _("No")}.get(str(value), str(value))
    return str(value)


def change_rows(entry):
    """[{"field", "before", "after"}] of one audit entry, in the order auditlog recorded them."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes_dict or {}).items():
        field = _field(model, name)
        label = (
            str(field.verbose_name)
            if field is not None and hasattr(field, "verbose_name")
            else name
        )
        if isinstance(change, list | tuple) and len(change) == 2:
            rows.append(
                {
                    "field": label,
                    "before": _display(field, change[0]),
                    "after": _display(field, change[1]),
                }
            )
        elif isinstance(change, dict):  # many-to-many: {"type", "operation", "objects"}
            objects = ", ".join(str(o) for o in change.get("objects", []))
            rows.append(
                {
                    "field": label,
                    "before": "",
                    "after": f"{change.get('operation', '')} {objects}".strip(),
                }
            )
        else:
            rows.append({"field": label, "before": "", "after": str(change)})
    return rows


def change_summary(entry):
    """One line for exports: "field: before → after; ..." or the entry's own summary."""
    rows = change_rows(entry)
    if rows:
        return "; ".join(f"{r['field']}: {r['before'] or '–'} → {r['after'] or '–'}" for r in rows)
    return (
        str((entry.additional_data or {}).get("summary", ""))
        if isinstance(entry.additional_data, dict)
        else ""
    )
