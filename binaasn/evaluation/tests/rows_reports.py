"""Permission rows of evaluation: the evaluation index, offering and programme reports (page,
Excel, PDF) and the findings. The offering is organised by Dinas Kesehatan, so the operator
of that subtree sees it and its programme."""

import datetime

from binaasn.core.tests.matrix import Row

READ = {"admin": 200, "operator": 200, "leader": 200}
WRITE = {"admin": 200, "operator": 200}


def prepare(cast):
    from binaasn.evaluation.models import Finding
    from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory
    from binaasn.planning.tests import factories as f

    for suffix, agency, unit, employee in (
        ("", cast.a, cast.dinkes, cast.employee),
        ("_b", cast.b, cast.b_unit, cast.employee_b),
    ):
        plan = f.make_plan(agency, year=2024)
        programme = f.make_programme(plan, title="Pelayanan Prima")
        offering = OfferingFactory(
            agency=agency,
            programme=programme,
            unit=unit,
            status="finished",
            starts_on=datetime.date(2024, 5, 6),
            ends_on=datetime.date(2024, 5, 8),
        )
        EnrolmentFactory(offering=offering, employee=employee, pre_test=40, post_test=70)
        Finding.objects.create(
            agency=agency, level="l2", offering=offering, programme=programme, text="Nilai rendah"
        )
        setattr(cast, f"r_offering{suffix}", offering)
        setattr(cast, f"r_programme{suffix}", programme)


def _offering(cast):
    return {"pk": cast.r_offering.pk}


def _offering_b(cast):
    return {"pk": cast.r_offering_b.pk}


def _programme(cast):
    return {"pk": cast.r_programme.pk}


def _programme_b(cast):
    return {"pk": cast.r_programme_b.pk}


ROWS = [
    Row("evaluation:index", expect=READ),
    Row("evaluation:index", expect=READ, query="format=xlsx"),
    Row("evaluation:offering-report", kwargs=_offering, foreign=_offering_b, expect=READ),
    Row(
        "evaluation:offering-report",
        kwargs=_offering,
        foreign=_offering_b,
        expect=READ,
        query="format=xlsx",
    ),
    Row("evaluation:offering-report-pdf", kwargs=_offering, foreign=_offering_b, expect=READ),
    Row("evaluation:programme-report", kwargs=_programme, foreign=_programme_b, expect=READ),
    Row(
        "evaluation:programme-report",
        kwargs=_programme,
        foreign=_programme_b,
        expect=READ,
        query="format=xlsx",
    ),
    Row("evaluation:programme-report-pdf", kwargs=_programme, foreign=_programme_b, expect=READ),
    Row("evaluation:finding-list", expect=READ),
    Row("evaluation:finding-list", expect=READ, query="format=xlsx"),
    Row("evaluation:finding-create", expect=WRITE),
    Row(
        "evaluation:finding-create",
        expect=WRITE,
        query="level=l2",
    ),
]
