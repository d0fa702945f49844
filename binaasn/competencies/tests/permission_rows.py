import datetime

from django.core.files.base import ContentFile

from binaasn.core.tests.matrix import Row, everyone
from binaasn.people.tests.factories import PositionFactory

STAFF_READ = {"admin": 200, "operator": 200, "leader": 200}
PDF = b"%PDF-1.4\n%bukti\n"


def prepare(cast):
    from binaasn.competencies import services
    from binaasn.competencies.tests.factories import TechnicalCompetencyFactory, national

    cast.technical = TechnicalCompetencyFactory(agency=cast.a, name="Asuhan Keperawatan")
    cast.technical_b = TechnicalCompetencyFactory(agency=cast.b, name="Administrasi Kependudukan")
    cast.position_b = PositionFactory(agency=cast.b, name="Pengadministrasi Beta")
    cast.source_position = PositionFactory(agency=cast.a, name="Perawat Penyelia")
    services.set_position_standards(cast.source_position, {national("Integritas"): 3})
    services.set_position_standards(cast.nurse, {national("Komunikasi"): 3, cast.technical: 4})
    cast.assessment = services.record_assessment(
        cast.employee,
        source="supervisor",
        assessed_on=datetime.date(2025, 2, 1),
        levels={national("Komunikasi"): 2},
        evidence=ContentFile(PDF, name="bukti.pdf"),
    )
    cast.assessment_b = services.record_assessment(
        cast.employee_b,
        source="supervisor",
        assessed_on=datetime.date(2025, 2, 1),
        levels={national("Komunikasi"): 2},
        evidence=ContentFile(PDF, name="bukti.pdf"),
    )


ROWS = [
    Row("competencies:competency-list", expect=everyone(200)),
    Row("competencies:competency-list", query="format=xlsx", expect=everyone(200)),
    Row("competencies:competency-create", expect={"admin": 200}),
    Row(
        "competencies:competency-detail",
        kwargs=lambda c: {"pk": c.technical.pk},
        foreign=lambda c: {"pk": c.technical_b.pk},
        expect=everyone(200),
    ),
    Row(
        "competencies:competency-edit",
        kwargs=lambda c: {"pk": c.technical.pk},
        foreign=lambda c: {"pk": c.technical_b.pk},
        expect={"admin": 200},
    ),
    Row("competencies:jpm-settings", expect={"admin": 200}),
    Row("competencies:standard-list", expect=STAFF_READ),
    Row("competencies:standard-list", query="format=xlsx", expect=STAFF_READ),
    Row("competencies:standard-import", expect={"admin": 200}),
    Row("competencies:standard-template", expect={"admin": 200}),
    Row(
        "competencies:standard-detail",
        kwargs=lambda c: {"pk": c.nurse.pk},
        foreign=lambda c: {"pk": c.position_b.pk},
        expect=STAFF_READ,
    ),
    Row(
        "competencies:standard-edit",
        kwargs=lambda c: {"pk": c.nurse.pk},
        foreign=lambda c: {"pk": c.position_b.pk},
        expect={"admin": 200},
    ),
    Row(
        "competencies:standard-copy",
        method="post",
        kwargs=lambda c: {"pk": c.nurse.pk},
        foreign=lambda c: {"pk": c.position_b.pk},
        data=lambda c: {"source": c.source_position.pk},
        expect={"admin": 302},
    ),
    Row("competencies:assessment-list", expect=STAFF_READ),
    Row("competencies:assessment-list", query="format=xlsx", expect=STAFF_READ),
    Row(
        "competencies:assessment-create",
        kwargs=lambda c: {"employee_pk": c.employee.pk},
        foreign=lambda c: {"employee_pk": c.employee_b.pk},
        expect={"admin": 200, "operator": 200},
    ),
    Row(
        "competencies:assessment-detail",
        kwargs=lambda c: {"pk": c.assessment.pk},
        foreign=lambda c: {"pk": c.assessment_b.pk},
        expect={"admin": 200, "operator": 200, "leader": 200, "employee": 200},
    ),
    Row(
        "competencies:assessment-evidence",
        kwargs=lambda c: {"pk": c.assessment.pk},
        foreign=lambda c: {"pk": c.assessment_b.pk},
        expect={"admin": 200, "operator": 200, "leader": 200, "employee": 200},
    ),
    Row(
        "competencies:assessment-delete",
        method="post",
        kwargs=lambda c: {"pk": c.assessment.pk},
        foreign=lambda c: {"pk": c.assessment_b.pk},
        expect={"admin": 302},
    ),
    Row(
        "competencies:employee-profile",
        kwargs=lambda c: {"pk": c.employee.pk},
        foreign=lambda c: {"pk": c.employee_b.pk},
        expect=STAFF_READ,
    ),
    Row("competencies:unit-heatmap", expect=STAFF_READ),
    Row("competencies:my-competencies", expect=everyone(200)),
    Row("competencies:self-assessment", expect=everyone(200)),
]
