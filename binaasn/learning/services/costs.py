"""Budget realization: actual costs per offering by the plan's budget categories."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import CostRealization


def record_cost(offering, *, category, amount, spent_on, description="", by):
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("The amount must be zero or more.")})
    return CostRealization.objects.create(
        agency=offering.agency,
        offering=offering,
        category=category,
        amount=amount,
        spent_on=spent_on,
        description=description,
        recorded_by=by,
    )


def delete_cost(cost):
    cost.delete()
