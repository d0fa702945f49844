"""Helpers shared by the master-data services."""


class FieldErrors:
    """Collects messages per field and raises them together, so a form shows every problem."""

    def __init__(self):
        self.by_field = {}

    def add(self, field, message):
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self):
        from django.core.exceptions import ValidationError

        if self.by_field:
            raise ValidationError(self.by_field)


def inside_operator_subtree(unit, membership):
    """Whether ``membership`` may place someone in ``unit``: operators only below their unit."""
    if membership is None or membership.role != "operator":
        return True
    if membership.unit is None or unit is None:
        return False
    return unit.path.startswith(membership.unit.path)
