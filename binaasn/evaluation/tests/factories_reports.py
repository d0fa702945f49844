"""Little builders for the evaluation report tests: a finished offering with scored
participants, service units and SKM answers in bulk."""

import datetime
from decimal import Decimal

from django.utils import timezone

from binaasn.citizens.models import SkmResponse
from binaasn.citizens.tests.factories import ComplaintFactory, ServiceUnitFactory
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory
from binaasn.people.tests.factories import EmployeeFactory


def finished_offering(agency, **kwargs):
    defaults = {
        "status": "finished",
        "starts_on": datetime.date(2025, 3, 3),
        "ends_on": datetime.date(2025, 3, 5),
        "min_post_test": Decimal("70"),
    }
    defaults.update(kwargs)
    return OfferingFactory(agency=agency, **defaults)


def scored(offering, unit, pre, post, employee=None, **kwargs):
    """An enrolled participant of ``unit`` with the given scores (strings or None)."""
    employee = employee or EmployeeFactory(agency=offering.agency, unit=unit)
    return EnrolmentFactory(
        offering=offering,
        employee=employee,
        pre_test=None if pre is None else Decimal(pre),
        post_test=None if post is None else Decimal(post),
        **kwargs,
    )


def service_unit(agency, org_unit, name, **kwargs):
    return ServiceUnitFactory(agency=agency, org_unit=org_unit, name=name, **kwargs)


def answers(unit, on, count, value=3):
    """``count`` SKM responses for ``unit`` dated ``on``, every unsur answered ``value``."""
    objects = [
        SkmResponse(
            agency=unit.agency,
            unit=unit,
            answered_on=on,
            **{f"u{n}": value for n in range(1, 10)},
        ).pack_answers()
        for _ in range(count)
    ]
    SkmResponse.objects.bulk_create(objects)


def complaints(unit, on, count):
    received = timezone.make_aware(datetime.datetime.combine(on, datetime.time(10)))
    for _ in range(count):
        ComplaintFactory(agency=unit.agency, unit=unit, received_at=received)
