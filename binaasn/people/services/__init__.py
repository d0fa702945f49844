"""Writes of master data: employees, their career history, units, positions and corrections.

Every change goes through these functions so the rules of DOMAIN.md are checked in one place and
django-auditlog records each save (actor and IP address come from its middleware in a request).
"""

from .corrections import (
    CORRECTABLE_FIELDS,
    CorrectionNotApplied,
    approve_correction,
    correction_value_text,
    parse_correction_value,
    reject_correction,
    request_correction,
)
from .employees import (
    EMPLOYEE_FIELDS,
    add_career_entry,
    create_employee,
    deactivate_employee,
    link_employee_login,
    link_login_for_membership,
    reactivate_employee,
    update_career_entry,
    update_employee,
    validate_career_entry,
    validate_employee,
)
from .organisation import (
    create_position,
    create_unit,
    update_position,
    update_unit,
    validate_position,
    validate_unit,
)

__all__ = [
    "CORRECTABLE_FIELDS", "EMPLOYEE_FIELDS", "CorrectionNotApplied", "add_career_entry",
    "approve_correction", "correction_value_text", "create_employee", "create_position",
    "create_unit", "deactivate_employee", "link_employee_login", "link_login_for_membership",
    "parse_correction_value", "reactivate_employee", "reject_correction", "request_correction",
    "update_career_entry", "update_employee", "update_position", "update_unit",
    "validate_career_entry", "validate_employee", "validate_position", "validate_unit",
]  # fmt: skip
