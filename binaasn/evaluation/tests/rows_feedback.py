"""Permission rows of evaluation: reaction (L1) and behaviour (L3) pages.

The offering of agency A is organised by Dinas Kesehatan (the operator's unit). POST actions
redirect (302) with a message whether the service sent something or refused."""

from binaasn.core.tests.matrix import Row

from .factories_feedback import finished_offering

ADMIN = {"admin": 200}
VIEWERS = {"admin": 200, "operator": 200, "leader": 200}
ACTIONS = {"admin": 302, "operator": 302}


def _offering(cast):
    return {"pk": cast.ef_offering.pk}


def _offering_b(cast):
    return {"pk": cast.ef_offering_b.pk}


ROWS = [
    Row("evaluation:settings", expect=ADMIN),
    Row("evaluation:offering-feedback", _offering, _offering_b, expect=VIEWERS),
    Row(
        "evaluation:offering-send-reaction",
        _offering,
        _offering_b,
        expect=ACTIONS,
        method="post",
    ),
    Row(
        "evaluation:offering-send-behaviour",
        _offering,
        _offering_b,
        expect=ACTIONS,
        method="post",
    ),
    Row("evaluation:offering-remind", _offering, _offering_b, expect=ACTIONS, method="post"),
    Row("evaluation:speaker-results", expect=VIEWERS),
    Row("evaluation:speaker-results", expect=VIEWERS, query="format=xlsx"),
]


def prepare(cast):
    cast.ef_offering = finished_offering(
        cast.a, unit=cast.dinkes, participants=[cast.employee], title="Bimtek Evaluasi A"
    )
    cast.ef_offering_b = finished_offering(
        cast.b, unit=cast.b_unit, participants=[cast.employee_b], title="Bimtek Evaluasi B"
    )
