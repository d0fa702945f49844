"""Permission rows of follow-up actions (see binaasn/core/tests/matrix.py)."""

from django.core.files.base import ContentFile

from binaasn.actions.tests.factories import FollowUpActionFactory
from binaasn.core.tests.matrix import Row, everyone


def prepare(cast):
    # Owned by the employee, in the operator's subtree: every role of A except the trainer sees it.
    cast.action = FollowUpActionFactory(
        agency=cast.a,
        unit=cast.puskesmas,
        owner_employee=cast.employee,
        evidence=ContentFile(b"%PDF-1.4 x", name="bukti.pdf"),
    )
    cast.action_dukcapil = FollowUpActionFactory(
        agency=cast.a, unit=cast.dukcapil, owner_employee=cast.outsider
    )
    cast.action_b = FollowUpActionFactory(
        agency=cast.b,
        owner_employee=cast.employee_b,
        evidence=ContentFile(b"%PDF-1.4 x", name="bukti.pdf"),
    )


action = lambda c: {"pk": c.action.pk}  # noqa: E731
action_b = lambda c: {"pk": c.action_b.pk}  # noqa: E731

ROWS = [
    Row("actions:action-list", expect=everyone(200)),
    Row("actions:action-list", query="format=xlsx", expect=everyone(200)),
    Row("actions:action-overdue", expect=everyone(200)),
    Row("actions:action-create", expect={"admin": 200, "operator": 200}),
    Row(
        "actions:action-detail",
        kwargs=action,
        foreign=action_b,
        expect={"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
    Row(
        "actions:action-detail",
        kwargs=lambda c: {"pk": c.action_dukcapil.pk},
        expect={"admin": 200, "operator": 404, "leader": 200, "trainer": 404, "employee": 404},
    ),
    Row(
        "actions:action-detail",
        method="post",
        kwargs=action,
        foreign=action_b,
        data=lambda c: {"status": "in_progress", "note": ""},
        expect={"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    Row(
        "actions:action-edit",
        kwargs=action,
        foreign=action_b,
        expect={"admin": 200, "operator": 200},
    ),
    Row(
        "actions:action-evidence",
        kwargs=action,
        foreign=action_b,
        expect={"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
]
