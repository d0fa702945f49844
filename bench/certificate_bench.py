"""Time the bulk generation of N certificates for one offering.

    python bench/certificate_bench.py --certificates 1000 [--seed 1]

Generates an agency with a few more ASN than certificates (bench/generate.py), one finished
offering with one session and every participant present with a post-test above the pass mark,
and finishes it through the results service (completion evaluated, JP credited to the ledger:
timed as ``close_offering_seconds``). It then runs the bulk-generation job the way the worker
does — ``start_bulk_generation`` queues it, the task issues the certificates (numbers, public
codes, one audit entry) and writes one printable PDF of N pages with QR codes — and reports the
seconds and pages per second of the whole job and of its two halves (issuing, rendering), the
PDF's size, and the time to render one certificate on its own (what an ASN's download costs).
Prints JSON.
"""

import argparse
import datetime
import random
import re
import sys
import time
from decimal import Decimal

from benchlib import add_database_arguments, emit, environment, setup_django, timed


def build_offering(agency, participants, rng):
    """A finished-able offering: one session, everyone enrolled, present and scored."""
    from binaasn.learning.models import Attendance, Enrolment, LearningSettings, Offering, Session
    from binaasn.people.models import Employee

    LearningSettings.objects.update_or_create(
        agency=agency,
        defaults={
            "signatory_name": "Dr. Hj. Rahmawati, M.Si",
            "signatory_position": "Kepala BKPSDM",
            "signatory_nip": "197203151998032004",
        },
    )
    day = datetime.date(2026, 3, 2)
    offering = Offering.objects.create(
        agency=agency,
        title="Bimbingan Teknis Pelayanan Prima Angkatan I",
        path_code="KL10",
        form="bimtek",
        starts_on=day,
        ends_on=day + datetime.timedelta(days=2),
        quota=participants,
        jp=24,
        min_post_test=Decimal(65),
        venue="Aula BKPSDM",
    )
    session = Session.objects.create(
        agency=agency,
        offering=offering,
        held_on=day,
        starts_at=datetime.time(8),
        ends_at=datetime.time(16),
        topic="Standar pelayanan",
    )
    people = list(
        Employee.objects.for_agency(agency)
        .active()
        .order_by("pk")
        .values_list("pk", flat=True)[:participants]
    )
    Enrolment.objects.bulk_create(
        Enrolment(
            agency=agency,
            offering=offering,
            employee_id=pk,
            status="enrolled",
            source="operator",
            pre_test=Decimal(rng.randint(30, 70)),
            post_test=Decimal(rng.randint(70, 100)),
        )
        for pk in people
    )
    Attendance.objects.bulk_create(
        Attendance(agency=agency, session=session, enrolment=enrolment, method="list")
        for enrolment in Enrolment.objects.for_agency(agency).filter(offering=offering)
    )
    return offering


def run(certificates, *, seed="1"):
    from auditlog.context import disable_auditlog
    from django.db import transaction
    from django.test import override_settings
    from django_scopes import scope, scopes_disabled
    from generate import generate

    from binaasn.core.models import Job, User
    from binaasn.learning.models import Certificate
    from binaasn.learning.services import certificates as certificate_services
    from binaasn.learning.services import results
    from binaasn.learning.tasks import generate_certificates

    rng = random.Random(f"certificate-bench:{seed}")
    timings = {}
    with scopes_disabled():
        agency, plan_people, people_timings = generate(
            int(certificates * 1.1) + 20, seed=seed, slug="sertifikat"
        )
        admin = User.objects.create_user("admin.sertifikat", email="admin@sertifikat.binaasn.test")
        offering = build_offering(agency, certificates, rng)
    with scope(agency=agency), disable_auditlog():
        with timed(timings, "close_offering_seconds"):
            completed, evaluated = results.close_offering(offering, by=admin)
        # The job as the worker runs it: queued by the service, executed by the task.
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        ):
            with transaction.atomic():
                job = certificate_services.start_bulk_generation(
                    offering, by=admin, base_url="https://binaasn.example.go.id/"
                )
        with timed(timings, "job_seconds"):
            generate_certificates.call(job.pk)
        with scopes_disabled():
            job.refresh_from_db()
        assert job.status == Job.Status.SUCCEEDED, job.message
        pdf = job.result_file.read()
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        issued = list(
            Certificate.objects.for_agency(agency).filter(offering=offering).order_by("pk")
        )
        # Rendering on its own again; the job's remainder is issuing the certificates.
        with timed(timings, "render_seconds"):
            certificate_services.render(issued, agency, "https://binaasn.example.go.id/")
        start = time.perf_counter()
        certificate_services.render(issued[:1], agency, "https://binaasn.example.go.id/")
        single_ms = round((time.perf_counter() - start) * 1000, 2)
    issue_seconds = max(0.001, timings["job_seconds"] - timings["render_seconds"])
    return {
        "benchmark": "certificates",
        "certificates": len(issued),
        "participants_evaluated": evaluated,
        "completed": completed,
        "pdf_pages": pages,
        "pdf_megabytes": round(len(pdf) / 1024 / 1024, 2),
        "generate_seconds": round(
            people_timings["plan_seconds"] + people_timings["write_seconds"], 1
        ),
        **timings,
        "job_pages_per_second": round(pages / timings["job_seconds"], 1),
        "render_pages_per_second": round(len(issued) / timings["render_seconds"], 1),
        "issue_seconds_estimate": round(issue_seconds, 3),
        "single_certificate_ms": single_ms,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--seed", default="1")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(args.certificates, seed=args.seed)
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
