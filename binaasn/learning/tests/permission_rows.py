"""Permission rows of training delivery (see binaasn/core/tests/matrix.py).

Object-level rules: an object a member may not see or act on is a 404. POST actions redirect
(302) with a message whether the service accepted or refused, so a row's later roles see the same
code after an earlier role changed the object — except deletions, noted where they occur.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile

from binaasn.core.tests.matrix import Row, everyone
from binaasn.learning import jp
from binaasn.learning.models import (
    Assignment,
    Attendance,
    Certificate,
    CommunityActivity,
    CommunityPhoto,
    CostRealization,
    Enrolment,
    ExternalLearning,
    Internship,
    LearningRecord,
    MentoringGoal,
    Mentorship,
    Offering,
    PathRule,
    ProjectDeliverable,
    ProjectGroup,
    ProjectMilestone,
    Session,
)
from binaasn.people.tests.factories import EmployeeFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"

STAFF = {"admin": 200, "operator": 200, "leader": 200, "trainer": 200}
MANAGERS = {"admin": 200, "operator": 200}
RUNNERS = {"admin": 200, "operator": 200, "trainer": 200}
VIEWERS = {"admin": 200, "operator": 200, "leader": 200}


def _offering(agency, unit, trainer=None):
    offering = Offering.objects.create(
        agency=agency,
        title="Bimtek Pelayanan Prima",
        path_code="KL10",
        form="bimtek",
        unit=unit,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 3),
        quota=20,
        jp=16,
    )
    if trainer is not None:
        offering.trainers.add(trainer)
    session = Session.objects.create(
        agency=agency,
        offering=offering,
        held_on=offering.starts_on,
        starts_at=datetime.time(8),
        ends_at=datetime.time(12),
        topic="Standar pelayanan",
        trainer=trainer,
    )
    return offering, session


def _record(employee, source_pk):
    return LearningRecord.objects.create(
        agency=employee.agency,
        employee=employee,
        year=2026,
        source="offering",
        source_pk=source_pk,
        path_code="KL10",
        siasn_type=8,
        name="Bimtek Pelayanan Prima",
        organiser="BKPSDM",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 3),
        jp=16,
        jp_basis=jp.BASIS_CERTIFICATE,
        certificate_type="P",
    )


def _certificate(record, offering, number):
    return Certificate.objects.create(
        agency=record.agency,
        record=record,
        employee=record.employee,
        offering=offering,
        number=number,
        recipient_name=record.employee.full_name,
        programme_title=record.name,
        organiser=record.organiser,
        path_code=record.path_code,
        starts_on=record.starts_on,
        ends_on=record.ends_on,
        jp=record.jp,
        signatory_name="Dr. Kepala",
        signatory_position="Kepala BKPSDM",
    )


def _side_objects(cast, agency, employee, mentor, unit, coach, suffix):
    pair = Mentorship.objects.create(
        agency=agency, mentor=mentor, mentee=employee, starts_on=datetime.date(2026, 1, 5)
    )
    goal = MentoringGoal.objects.create(agency=agency, mentorship=pair, description="Menyusun SOP")
    group = ProjectGroup.objects.create(
        agency=agency,
        title=f"Sistem data kependudukan {suffix}",
        brief="Rancang ulang alur data.",
        unit=unit,
        coach=coach,
        path_code="NKL11",
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2026, 5, 29),
    )
    group.members.add(employee)
    milestone = ProjectMilestone.objects.create(
        agency=agency, group=group, title="Analisis", due_on=datetime.date(2026, 3, 1)
    )
    deliverable = ProjectDeliverable(
        agency=agency, group=group, title="Laporan analisis", uploaded_by=coach
    )
    deliverable.file.save("analisis.pdf", ContentFile(PDF), save=True)
    internship = Internship(
        agency=agency,
        employee=employee,
        partner_name="Universitas Syiah Kuala",
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 4, 24),
        partner_supervisor_name="Dr. Pembimbing",
        internal_supervisor=mentor,
    )
    internship.final_report.save("laporan.pdf", ContentFile(PDF), save=True)
    activity = CommunityActivity.objects.create(
        agency=agency,
        kind="bakti_sosial",
        title="Bakti sosial posyandu",
        held_on=datetime.date(2026, 4, 4),
        place="Limboto",
        organiser_unit=unit,
        hours=Decimal("4"),
    )
    activity.participants.add(employee)
    photo = CommunityPhoto(agency=agency, activity=activity)
    photo.image.save("foto.png", ContentFile(PNG), save=True)
    return pair, goal, group, milestone, deliverable, internship, activity, photo


def prepare(cast):
    cast.l_offering, cast.l_session = _offering(cast.a, cast.dinkes, cast.trainer)
    cast.l_offering_b, cast.l_session_b = _offering(cast.b, cast.b_unit)
    cast.l_enrolment = Enrolment.objects.create(
        agency=cast.a,
        offering=cast.l_offering,
        employee=cast.employee,
        status="enrolled",
        source="operator",
    )
    cast.l_enrolment_b = Enrolment.objects.create(
        agency=cast.b,
        offering=cast.l_offering_b,
        employee=cast.employee_b,
        status="enrolled",
        source="operator",
    )
    Attendance.objects.create(
        agency=cast.a, session=cast.l_session, enrolment=cast.l_enrolment, method="list"
    )
    cast.l_subordinate = EmployeeFactory(
        agency=cast.a, name="Rahmat Bawahan", unit=cast.puskesmas, supervisor=cast.employee
    )
    cast.l_pending = Enrolment.objects.create(
        agency=cast.a,
        offering=cast.l_offering,
        employee=cast.l_subordinate,
        status="pending",
        source="self",
    )
    cast.l_pending_b = Enrolment.objects.create(
        agency=cast.b,
        offering=cast.l_offering_b,
        employee=EmployeeFactory(agency=cast.b, unit=cast.b_unit),
        status="pending",
        source="self",
    )
    cast.l_assignment = Assignment.objects.create(
        agency=cast.a, offering=cast.l_offering, title="Rencana aksi"
    )
    cast.l_assignment_b = Assignment.objects.create(
        agency=cast.b, offering=cast.l_offering_b, title="Rencana aksi"
    )
    cast.l_cost = CostRealization.objects.create(
        agency=cast.a,
        offering=cast.l_offering,
        category="consumption",
        amount=1_500_000,
        spent_on=datetime.date(2026, 3, 2),
    )
    cast.l_cost_b = CostRealization.objects.create(
        agency=cast.b,
        offering=cast.l_offering_b,
        category="venue",
        amount=2_000_000,
        spent_on=datetime.date(2026, 3, 2),
    )
    cast.l_record = _record(cast.employee, cast.l_enrolment.pk)
    cast.l_record_b = _record(cast.employee_b, cast.l_enrolment_b.pk)
    cast.l_certificate = _certificate(cast.l_record, cast.l_offering, "SERT/2026/000001")
    cast.l_certificate_b = _certificate(cast.l_record_b, cast.l_offering_b, "SERT/2026/000001")
    cast.l_external, cast.l_external_b = [
        ExternalLearning(
            agency=employee.agency,
            employee=employee,
            title="Webinar Literasi Digital",
            organiser="Kominfo",
            path_code="KL06",
            starts_on=datetime.date(2026, 2, 3),
            ends_on=datetime.date(2026, 2, 3),
            certificate_jp=4,
        )
        for employee in (cast.employee, cast.employee_b)
    ]
    for item in (cast.l_external, cast.l_external_b):
        item.evidence.save("sertifikat.pdf", ContentFile(PDF), save=True)
    cast.l_rule = PathRule.objects.create(
        agency=cast.a, path_code="NKL02", unit="session", jp_per_unit=2
    )
    cast.l_rule_b = PathRule.objects.create(
        agency=cast.b, path_code="NKL02", unit="session", jp_per_unit=2
    )
    (
        cast.l_pair,
        cast.l_goal,
        cast.l_group,
        cast.l_milestone,
        cast.l_deliverable,
        cast.l_internship,
        cast.l_activity,
        cast.l_photo,
    ) = _side_objects(cast, cast.a, cast.employee, cast.supervisor, cast.dinkes, cast.trainer, "A")
    mentor_b = EmployeeFactory(agency=cast.b, unit=cast.b_unit, golongan="IV/a")
    (
        cast.l_pair_b,
        cast.l_goal_b,
        cast.l_group_b,
        cast.l_milestone_b,
        cast.l_deliverable_b,
        cast.l_internship_b,
        cast.l_activity_b,
        cast.l_photo_b,
    ) = _side_objects(cast, cast.b, cast.employee_b, mentor_b, cast.b_unit, cast.admin_b, "B")


def pk(name):
    return lambda c: {"pk": getattr(c, name).pk}


def pk_b(name):
    return lambda c: {"pk": getattr(c, f"{name}_b").pk}


def obj(name, expect, method="get", data=lambda c: {}, query=""):
    return Row(
        f"learning:{name[0]}",
        kwargs=pk(name[1]),
        foreign=pk_b(name[1]),
        expect=expect,
        method=method,
        data=data,
        query=query,
    )


def post(url_name, attr, expect):
    return obj((url_name, attr), expect, method="post")


ALL_302 = everyone(302)

ROWS = [
    # offerings
    Row("learning:offering-list", expect=STAFF),
    Row("learning:offering-list", query="format=xlsx", expect=STAFF),
    Row("learning:offering-create", expect=MANAGERS),
    obj(("offering-detail", "l_offering"), STAFF),
    obj(("offering-edit", "l_offering"), MANAGERS),
    post("offering-finish", "l_offering", {"admin": 302, "operator": 302}),
    post("offering-reopen", "l_offering", {"admin": 302, "operator": 302}),
    post("offering-cancel", "l_offering", {"admin": 302, "operator": 302}),
    obj(("session-create", "l_offering"), MANAGERS),
    obj(("session-edit", "l_session"), MANAGERS),
    # the session has attendance, so its deletion is refused for both with a message
    post("session-delete", "l_session", {"admin": 302, "operator": 302}),
    obj(("participant-list", "l_offering"), STAFF),
    obj(("participant-list", "l_offering"), STAFF, query="format=xlsx"),
    obj(("participant-add", "l_offering"), MANAGERS),
    # managers cancel any place; Siti cancels her own; others do not see it
    post(
        "enrolment-cancel",
        "l_enrolment",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    obj(("cost-list", "l_offering"), MANAGERS),
    # the admin's request deletes the cost, so the operator's then finds nothing
    post("cost-delete", "l_cost", {"admin": 302, "operator": 404}),
    # registration and approval (Siti supervises Rahmat)
    Row("learning:catalogue", expect=everyone(200)),
    post("offering-register", "l_offering", ALL_302),
    Row(
        "learning:offering-nominate-staff",
        method="post",
        kwargs=pk("l_offering"),
        foreign=pk_b("l_offering"),
        data=lambda c: {"employee": c.l_subordinate.pk},
        expect={"admin": 404, "operator": 404, "leader": 404, "trainer": 404, "employee": 302},
    ),
    Row("learning:approval-list", expect=everyone(200)),
    post(
        "enrolment-approve",
        "l_pending",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    post(
        "enrolment-reject",
        "l_pending",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    # attendance
    obj(("session-attendance", "l_session"), RUNNERS),
    obj(("session-qr", "l_session"), RUNNERS),
    obj(("session-qr-code", "l_session"), RUNNERS),
    Row("learning:checkin", kwargs=lambda c: {"code": "1-2-3"}, expect=everyone(200)),
    Row("learning:trainer-sessions", expect=RUNNERS),
    # results
    obj(("score-sheet", "l_offering"), RUNNERS),
    obj(("score-template", "l_offering"), RUNNERS),
    obj(("score-import", "l_offering"), RUNNERS),
    obj(("assignment-create", "l_offering"), RUNNERS),
    obj(("assignment-grades", "l_assignment"), RUNNERS),
    # certificates
    obj(("offering-certificates", "l_offering"), VIEWERS),
    post("certificate-generate", "l_offering", {"admin": 302, "operator": 302}),
    Row("learning:certificate-list", expect=VIEWERS),
    Row("learning:certificate-list", query="format=xlsx", expect=VIEWERS),
    obj(("certificate-detail", "l_certificate"), VIEWERS),
    post("certificate-revoke", "l_certificate", {"admin": 302}),
    obj(
        ("certificate-download", "l_certificate"),
        {"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
    post("record-certificate", "l_record", {"admin": 302, "operator": 302}),
    # the learning record (JP ledger)
    Row("learning:my-learning", expect=everyone(200)),
    Row(
        "learning:external-create",
        expect={"admin": 404, "operator": 404, "leader": 404, "trainer": 404, "employee": 200},
    ),
    Row("learning:external-list", expect=MANAGERS),
    obj(("external-detail", "l_external"), MANAGERS),
    obj(
        ("external-evidence", "l_external"),
        {"admin": 200, "operator": 200, "leader": 404, "trainer": 404, "employee": 200},
    ),
    Row("learning:record-list", expect=VIEWERS),
    Row("learning:record-list", query="format=xlsx", expect=VIEWERS),
    Row("learning:siasn-export", expect=MANAGERS),
    Row("learning:siasn-export", query="format=csv", expect=MANAGERS),
    Row(
        "learning:employee-record",
        kwargs=lambda c: {"pk": c.employee.pk},
        foreign=lambda c: {"pk": c.employee_b.pk},
        expect=VIEWERS,
    ),
    Row("learning:compliance", expect=VIEWERS),
    Row("learning:compliance", query="format=xlsx", expect=VIEWERS),
    Row("learning:compliance-remind", method="post", expect={"admin": 302, "operator": 302}),
    Row("learning:notification-list", expect=everyone(200)),
    Row("learning:notification-read", method="post", expect=ALL_302),
    # settings
    Row("learning:settings", expect={"admin": 200}),
    Row("learning:path-rule-create", expect={"admin": 200}),
    obj(("path-rule-edit", "l_rule"), {"admin": 200}),
    post("path-rule-delete", "l_rule", {"admin": 302}),
    # mentoring (Budi mentors Siti)
    Row("learning:mentorship-list", expect=everyone(200)),
    Row("learning:mentorship-create", expect=MANAGERS),
    obj(
        ("mentorship-detail", "l_pair"),
        {"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
    post(
        "mentorship-goal-add",
        "l_pair",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    post(
        "mentorship-goal-toggle",
        "l_goal",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 404},
    ),
    post(
        "mentorship-meeting-add",
        "l_pair",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    post(
        "mentorship-feedback",
        "l_pair",
        {"admin": 404, "operator": 404, "leader": 404, "trainer": 404, "employee": 302},
    ),
    post(
        "mentorship-complete",
        "l_pair",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 404},
    ),
    # project-based learning (the trainer coaches, Siti is a member)
    Row("learning:project-list", expect=everyone(200)),
    Row("learning:project-create", expect=MANAGERS),
    obj(("project-detail", "l_group"), everyone(200)),
    post(
        "project-milestone-add",
        "l_group",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 302, "employee": 404},
    ),
    post(
        "project-milestone-done",
        "l_milestone",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 302, "employee": 404},
    ),
    post(
        "project-deliverable-upload",
        "l_group",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 302, "employee": 302},
    ),
    obj(("project-deliverable-download", "l_deliverable"), everyone(200)),
    post(
        "project-criterion-add",
        "l_group",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 302, "employee": 404},
    ),
    post(
        "project-rubric-score",
        "l_group",
        {"admin": 302, "operator": 404, "leader": 404, "trainer": 302, "employee": 404},
    ),
    post(
        "project-complete",
        "l_group",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 302, "employee": 404},
    ),
    # internships (Siti interns, Budi supervises)
    Row("learning:internship-list", expect=everyone(200)),
    Row("learning:internship-create", expect=MANAGERS),
    obj(
        ("internship-detail", "l_internship"),
        {"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
    post(
        "internship-log-add",
        "l_internship",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    post(
        "internship-report-upload",
        "l_internship",
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 302},
    ),
    obj(
        ("internship-report-download", "l_internship"),
        {"admin": 200, "operator": 200, "leader": 200, "trainer": 404, "employee": 200},
    ),
    obj(
        ("internship-evaluate", "l_internship"),
        {"admin": 302, "operator": 302, "leader": 404, "trainer": 404, "employee": 404},
        method="post",
        data=lambda c: {"side": "partner", "score": "80", "text": "Baik"},
    ),
    post("internship-complete", "l_internship", {"admin": 302, "operator": 302}),
    # community activities
    Row("learning:community-list", expect=VIEWERS),
    Row("learning:community-create", expect=MANAGERS),
    obj(("community-detail", "l_activity"), VIEWERS),
    obj(("community-edit", "l_activity"), MANAGERS),
    post("community-photo-upload", "l_activity", {"admin": 302, "operator": 302}),
    obj(("community-photo", "l_photo"), VIEWERS),
    # public certificate verification
    Row("learning_public:verify-form", public=True, expect={"anonymous": 200}),
    Row(
        "learning_public:certificate-verify",
        public=True,
        kwargs=lambda c: {"code": c.l_certificate.code},
        foreign=lambda c: {"code": c.l_certificate_b.code},
        expect={"anonymous": 200},
    ),
]
