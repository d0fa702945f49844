"""Who may open each master-data page (binaasn/core/tests/matrix.py explains the format)."""

from django.core.files.base import ContentFile

from binaasn.core.tests.matrix import Row, everyone
from binaasn.people.models import CorrectionRequest
from binaasn.people.tests.factories import CareerEntryFactory, PositionFactory

READERS = {"admin": 200, "operator": 200, "leader": 200}
EDITORS = {"admin": 200, "operator": 200}
ADMIN = {"admin": 200}
# The operator works in Dinas Kesehatan: an employee of Disdukcapil does not exist for them.
OUTSIDE_OPERATOR = {"admin": 200, "operator": 404}


def employee(c):
    return {"pk": c.employee.pk}


def employee_b(c):
    return {"pk": c.employee_b.pk}


def outsider(c):
    return {"pk": c.outsider.pk}


ROWS = [
    Row("people:employee-list", expect=READERS),
    Row("people:employee-list", query="format=xlsx", expect=READERS),
    Row("people:employee-list", query="sort=-golongan&active=all", expect=READERS),
    Row(
        "people:employee-list",
        method="post",
        data=lambda c: {"q": "Siti", "sort": "nip"},
        expect={"admin": 302, "operator": 302, "leader": 302},
    ),
    Row("people:employee-create", expect=EDITORS),
    Row("people:employee-detail", kwargs=employee, foreign=employee_b, expect=READERS),
    Row(
        "people:employee-detail",
        kwargs=outsider,
        expect={"admin": 200, "operator": 404, "leader": 200},
    ),
    Row("people:employee-edit", kwargs=employee, foreign=employee_b, expect=EDITORS),
    Row("people:employee-edit", kwargs=outsider, expect=OUTSIDE_OPERATOR),
    Row("people:employee-deactivate", kwargs=employee, foreign=employee_b, expect=EDITORS),
    Row("people:employee-deactivate", kwargs=outsider, expect=OUTSIDE_OPERATOR),
    Row(
        "people:employee-reactivate",
        method="post",
        kwargs=employee,
        foreign=employee_b,
        expect={"admin": 302, "operator": 302},
    ),
    Row(
        "people:employee-reactivate",
        method="post",
        kwargs=outsider,
        expect={"admin": 302, "operator": 404},
    ),
    Row("people:career-create", kwargs=employee, foreign=employee_b, expect=EDITORS),
    Row(
        "people:career-edit",
        kwargs=lambda c: {"pk": c.employee.pk, "entry_pk": c.career_entry.pk},
        foreign=lambda c: {"pk": c.employee_b.pk, "entry_pk": c.career_entry_b.pk},
        expect=EDITORS,
    ),
    Row(
        "people:career-edit",
        kwargs=lambda c: {"pk": c.outsider.pk, "entry_pk": c.outsider_entry.pk},
        expect=OUTSIDE_OPERATOR,
    ),
    Row("people:unit-list", expect=READERS),
    Row("people:unit-create", expect=ADMIN),
    Row(
        "people:unit-edit",
        kwargs=lambda c: {"pk": c.dinkes.pk},
        foreign=lambda c: {"pk": c.b_unit.pk},
        expect=ADMIN,
    ),
    Row("people:position-list", expect=READERS),
    Row("people:position-create", expect=ADMIN),
    Row(
        "people:position-edit",
        kwargs=lambda c: {"pk": c.nurse.pk},
        foreign=lambda c: {"pk": c.position_b.pk},
        expect=ADMIN,
    ),
    Row("people:my-profile", expect=everyone(200)),
    # Only a login linked to an employee record has a record to correct.
    Row(
        "people:correction-create",
        expect={"admin": 404, "operator": 404, "leader": 404, "trainer": 404, "employee": 200},
    ),
    Row("people:correction-list", expect=ADMIN),
    Row("people:correction-list", query="format=xlsx", expect=ADMIN),
    Row(
        "people:correction-list", method="post", data=lambda c: {"q": "Siti"}, expect={"admin": 302}
    ),
    Row(
        "people:correction-detail",
        kwargs=lambda c: {"pk": c.correction.pk},
        foreign=lambda c: {"pk": c.correction_b.pk},
        expect=ADMIN,
    ),
    # The evidence is for the admin and the employee who sent it; nobody else learns it exists.
    Row(
        "people:correction-evidence",
        kwargs=lambda c: {"pk": c.correction.pk},
        foreign=lambda c: {"pk": c.correction_b.pk},
        expect={"admin": 200, "operator": 404, "leader": 404, "trainer": 404, "employee": 200},
    ),
]

try:
    from .permission_rows_import import ROWS as IMPORT_ROWS
except ImportError:
    IMPORT_ROWS = []
    import_prepare = None
else:
    from . import permission_rows_import

    import_prepare = getattr(permission_rows_import, "prepare", None)

ROWS += IMPORT_ROWS


def _correction(employee, by):
    correction = CorrectionRequest.objects.create(
        agency=employee.agency,
        employee=employee,
        field="birth_place",
        old_value=employee.birth_place,
        new_value="Gorontalo",
        reason="Akta kelahiran",
        requested_by=by,
    )
    correction.evidence.save("akta.pdf", ContentFile(b"%PDF-1.4 evidence"))
    return correction


def prepare(cast):
    cast.career_entry = CareerEntryFactory(employee=cast.employee)
    cast.career_entry_b = CareerEntryFactory(employee=cast.employee_b)
    cast.outsider_entry = CareerEntryFactory(employee=cast.outsider)
    cast.position_b = PositionFactory(agency=cast.b, name="Perawat Beta")
    cast.correction = _correction(cast.employee, cast.employee_user)
    cast.correction_b = _correction(cast.employee_b, cast.admin_b)
    if import_prepare is not None:
        import_prepare(cast)
