"""Time the annual plan evaluation page of an agency with N employees.

    python bench/plan_evaluation_bench.py --employees 100000 [--ledger-rows 2000000]
        [--programmes 40] [--requests 15] [--warmup 3] [--seed 1]

Generates the agency (bench/generate.py) and its JP ledger of M rows over five years
(bench/compliance_bench.py: three in ten in the plan year, uneven between ASN), then a plan of
``--programmes`` programmes with four budget lines each. Every programme gets three offerings —
two finished, one cancelled or still open — whose enrolments together fill the programme's
planned participants (about 9 in 10 of the places), nine in ten of the finished enrolments
completed with their ledger row (source ``offering``, keyed by the enrolment, as the results
service writes it), and three recorded costs per finished offering. The per-employee-year
totals are built from the whole ledger in one statement, as in the compliance benchmark.

It then logs in the agency admin with Django's test client and requests, a few times to warm up
and ``--requests`` times each: an empty page of the same layout behind the same middleware (the
same-run baseline), the plan evaluation page, the list of plan evaluations and, outside the
goal, the Excel and PDF downloads. It also times ``evaluate_plan`` on its own (the queries
without the template). Goal: the plan evaluation page within 300 ms server time at 100,000
employees. Prints JSON.
"""

import argparse
import datetime
import random
import sys
import time
from decimal import Decimal

from benchlib import (
    add_database_arguments,
    emit,
    environment,
    measure,
    median_ms,
    page_urlpatterns,
    setup_django,
    timed,
)

GOAL_MS = 300
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def __getattr__(name):
    # This module is the URLconf while measuring: the project's URLs plus the baseline page.
    if name == "urlpatterns":
        return page_urlpatterns()
    raise AttributeError(name)


def build_plan(agency, year, programmes, rng):
    """The plan, its programmes and their budget lines."""
    from binaasn.planning import paths, services
    from binaasn.planning.models import BudgetLine, Plan, Programme

    plan = Plan.objects.create(agency=agency, year=year, title=f"Rencana Pengembangan {year}",
                               objectives="Uji beban evaluasi rencana.")  # fmt: skip
    forms = [key for key, _label, code in paths.FORMS if code]
    made = []
    for index in range(programmes):
        form = forms[index % len(forms)]
        programme = Programme(
            agency=agency, plan=plan, title=f"Program {index + 1:03d}", form=form,
            path_code=paths.allowed_paths(form)[0], participant_count=rng.randint(20, 400),
            jp_per_participant=rng.choice((8, 16, 24, 32)), planned_month=index % 12 + 1,
        )  # fmt: skip
        services.save_programme(programme, relations={})
        BudgetLine.objects.bulk_create(
            BudgetLine(
                agency=agency, programme=programme, category=category, description=category,
                volume=Decimal(rng.randint(1, 300)),
                unit_cost=Decimal(rng.randint(20, 1500) * 1000),
            )
            for category in ("honorarium", "consumption", "venue", "materials")
        )  # fmt: skip
        made.append(programme)
    return plan, made


def deliver(agency, year, programmes, rng):
    """Offerings, enrolments, completions with their ledger rows, and recorded costs."""
    from django.utils import timezone

    from binaasn.learning.models import (
        CostRealization,
        Enrolment,
        LearningRecord,
        Offering,
    )
    from binaasn.people.demo.writer import insert_rows
    from binaasn.people.models import Employee

    people = list(Employee.objects.for_agency(agency).active().values_list("pk", flat=True))
    now = timezone.now()
    counts = {"offerings": 0, "enrolments": 0, "completed": 0, "costs": 0}
    records, costs = [], []
    for index, programme in enumerate(programmes):
        statuses = [Offering.Status.FINISHED, Offering.Status.FINISHED]
        statuses.append(Offering.Status.CANCELLED if index % 3 == 0 else Offering.Status.OPEN)
        per_offering = max(1, programme.participant_count * 9 // 10 // 2)
        for batch, status in enumerate(statuses, start=1):
            day = datetime.date(year, programme.planned_month, 3 + batch * 7)
            offering = Offering.objects.create(
                agency=agency, programme=programme, title=f"{programme.title} Angkatan {batch}",
                path_code=programme.path_code, form=programme.form, starts_on=day,
                ends_on=day + datetime.timedelta(days=2), quota=per_offering,
                jp=programme.jp_per_participant, status=status,
            )  # fmt: skip
            counts["offerings"] += 1
            if status == Offering.Status.CANCELLED:
                continue
            chosen = rng.sample(people, min(per_offering, len(people)))
            finished = status == Offering.Status.FINISHED
            enrolments = Enrolment.objects.bulk_create(
                Enrolment(
                    agency=agency, offering=offering, employee_id=employee_id,
                    status=Enrolment.Status.ENROLLED, source=Enrolment.Source.OPERATOR,
                    result=Enrolment.Result.COMPLETED
                    if finished and rng.random() < 0.9 else "",
                )
                for employee_id in chosen
            )  # fmt: skip
            counts["enrolments"] += len(enrolments)
            if not finished:
                continue
            for enrolment in enrolments:
                if enrolment.result != Enrolment.Result.COMPLETED:
                    continue
                counts["completed"] += 1
                records.append(
                    LearningRecord(
                        agency=agency, employee_id=enrolment.employee_id, year=year,
                        source="offering", source_pk=enrolment.pk, path_code=offering.path_code,
                        siasn_type=1, name=offering.title, organiser="BKPSDM",
                        starts_on=offering.starts_on, ends_on=offering.ends_on,
                        jp=offering.jp, jp_basis="certificate", created_at=now,
                    )
                )  # fmt: skip
            for category in ("honorarium", "consumption", "venue"):
                costs.append(
                    CostRealization(
                        agency=agency, offering=offering, category=category,
                        amount=Decimal(rng.randint(500, 30000) * 1000), spent_on=offering.ends_on,
                    )
                )  # fmt: skip
    insert_rows(LearningRecord, records)
    insert_rows(CostRealization, costs)
    counts["costs"] = len(costs)
    return counts


def answer_questionnaires(agency, rng):
    """Every finished offering gets its reaction questionnaire (a copy of the agency's
    template) answered by about 85 % of its participants; half of them also a behaviour
    questionnaire answered by about 70 %. Written in bulk, like the rest of the delivery."""
    from django.utils import timezone

    from binaasn.evaluation.models import OfferingEvaluation
    from binaasn.evaluation.services.feedback import ensure_standard_templates
    from binaasn.learning.models import Enrolment, Offering
    from binaasn.surveys.models import Answer, Invitation, Question, Questionnaire, Response
    from binaasn.surveys.services import copy_questionnaire

    settings = ensure_standard_templates(agency)
    now = timezone.now()
    counts = {"questionnaire_responses": 0, "questionnaire_answers": 0}
    answers = []

    def answered(questionnaire, offering, share):
        questionnaire.status = Questionnaire.Status.OPEN
        questionnaire.save(update_fields=["status"])
        likert = list(questionnaire.questions.filter(kind=Question.Kind.LIKERT))
        people = list(
            Enrolment.objects.for_agency(agency)
            .filter(offering=offering, status=Enrolment.Status.ENROLLED)
            .values_list("employee_id", flat=True)
        )
        invitations = Invitation.objects.bulk_create(
            Invitation(
                agency=agency, questionnaire=questionnaire, employee_id=pk, subject_id=pk,
                responded_at=now if rng.random() < share else None,
            )
            for pk in people
        )  # fmt: skip
        responses = Response.objects.bulk_create(
            Response(
                agency=agency, questionnaire=questionnaire, invitation=invitation,
                channel=Response.Channel.INVITATION, respondent_id=invitation.employee_id,
                subject_id=invitation.employee_id, relation=invitation.relation,
                submitted_at=now, updated_at=now,
            )
            for invitation in invitations
            if invitation.responded_at
        )  # fmt: skip
        counts["questionnaire_responses"] += len(responses)
        for response in responses:
            answers.extend(
                Answer(
                    agency=agency, response=response, question=question,
                    number=Decimal(rng.choice((2, 3, 3, 4, 4, 4, 5, 5))),
                )
                for question in likert
            )  # fmt: skip

    finished = Offering.objects.for_agency(agency).filter(status=Offering.Status.FINISHED)
    for index, offering in enumerate(finished.order_by("pk")):
        reaction = copy_questionnaire(
            settings.reaction_template, title=f"Evaluasi reaksi: {offering.title}"
        )
        answered(reaction, offering, 0.85)
        behaviour = None
        if index % 2 == 0:
            behaviour = copy_questionnaire(
                settings.behaviour_template, title=f"Evaluasi pasca pelatihan: {offering.title}"
            )
            answered(behaviour, offering, 0.7)
        OfferingEvaluation.objects.create(
            agency=agency, offering=offering, reaction=reaction, reaction_sent_at=now,
            behaviour=behaviour, behaviour_sent_at=now if behaviour else None,
        )  # fmt: skip
    Answer.objects.bulk_create(answers, batch_size=5000)
    counts["questionnaire_answers"] = len(answers)
    return counts


def public_answers(agency, year, count, rng):
    """Service units in 60 OPDs (their org units) and ``count`` SKM answers spread over the
    twelve months around the plan year's start, written by one INSERT … SELECT as ikm_bench
    does."""
    import ikm_bench
    from django.db import connection

    from binaasn.citizens.models import ServiceUnit, SkmResponse
    from binaasn.people.models import OrgUnit

    opds = list(OrgUnit.objects.for_agency(agency).filter(depth=1).order_by("pk")[:60])
    units = [
        ServiceUnit.objects.create(
            agency=agency, org_unit=opd, name=f"Layanan {opd.name}", public_code=f"L{opd.pk}"
        )
        for opd in opds
    ]
    ikm_bench.YEAR_START = f"{year - 1}-07-01"
    with connection.cursor() as cursor:
        cursor.execute(
            ikm_bench.insert_sql(
                connection.vendor,
                SkmResponse._meta.db_table,
                agency.pk,
                units[0].pk,
                len(units),
                count,
            )
        )
    return {"service_units": len(units), "skm_answers": count}


def time_evaluate(plan, repeats=5):
    """``evaluate_plan`` alone: the page's queries without the template, the request and the
    middleware."""
    from binaasn.evaluation.plan_evaluation import evaluate_plan

    samples, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        evaluate_plan(plan)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"median_ms": median_ms(samples), "median_cpu_ms": median_ms(cpu)}


def run(
    employees,
    ledger_rows,
    *,
    programmes=40,
    seed="1",
    requests=15,
    warmup=3,
    skm_answers=200_000,
):
    from auditlog.context import disable_auditlog
    from compliance_bench import analyse, build_totals, write_ledger
    from django.db import transaction
    from django.test import Client, override_settings
    from django.urls import reverse
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled
    from generate import generate

    from binaasn.core.models import Membership, User

    rng = random.Random(f"plan-evaluation-bench:{seed}")
    year = timezone.localdate().year
    timings = {}
    with scopes_disabled():
        agency, plan_people, people_timings = generate(employees, seed=seed, slug="evaluasi")
        with disable_auditlog():
            with timed(timings, "ledger_write_seconds"):
                written = write_ledger(agency, ledger_rows, year, rng)
            with timed(timings, "plan_and_delivery_seconds"), transaction.atomic():
                plan, made = build_plan(agency, year, programmes, rng)
                delivered = deliver(agency, year, made, rng)
                delivered.update(answer_questionnaires(agency, rng))
                delivered.update(public_answers(agency, year, skm_answers, rng))
            with timed(timings, "totals_build_seconds"):
                totals = build_totals(agency)
            analyse()
        admin = User.objects.create_user("admin.evaluasi", email="admin@evaluasi.binaasn.test")
        Membership.objects.create(user=admin, agency=agency, role="admin")
    with scope(agency=agency):
        queries_only = time_evaluate(plan)

    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pages = {}
    with override_settings(ROOT_URLCONF=__name__, STORAGES=PLAIN_STATIC):
        slug = agency.slug
        page = reverse("evaluation:plan-evaluation", kwargs={"agency": slug, "pk": plan.pk})
        urls = {
            "baseline_empty_page": reverse("bench-baseline", kwargs={"agency": slug}),
            "plan_evaluation": page,
            "plan_evaluation_list": reverse(
                "evaluation:plan-evaluation-list", kwargs={"agency": slug}
            ),
            "plan_evaluation_xlsx": f"{page}?format=xlsx",
            "plan_evaluation_pdf": reverse(
                "evaluation:plan-evaluation-pdf", kwargs={"agency": slug, "pk": plan.pk}
            ),
        }
        for key, url in urls.items():
            light = key in ("plan_evaluation_xlsx", "plan_evaluation_pdf")
            pages[key] = measure(
                client, url, requests=3 if light else requests, warmup=1 if light else warmup
            )
        # Nothing kept (the first view, or ten minutes after the last): the agency's 20 JP
        # count and the plan's L1–L4 figures are dropped before every request.
        from django.core.cache import cache

        pages["plan_evaluation_recounting"] = measure(
            client, page, requests=requests, warmup=0, before_each=cache.clear
        )
    baseline = pages["baseline_empty_page"]["median_ms"]
    baseline_cpu = pages["baseline_empty_page"]["median_cpu_ms"]
    for measured in pages.values():
        measured["ratio_to_baseline"] = (
            round(measured["median_ms"] / baseline, 1) if baseline else None
        )
        measured["cpu_ratio_to_baseline"] = (
            round(measured["median_cpu_ms"] / baseline_cpu, 1) if baseline_cpu else None
        )
    in_goal = ("plan_evaluation", "plan_evaluation_list")
    return {
        "benchmark": "plan_evaluation",
        "employees": len(plan_people.employees),
        "units": len(plan_people.units),
        "ledger_rows": written + delivered["completed"],
        "employee_year_totals": totals,
        "year": year,
        "programmes": programmes,
        **delivered,
        "generate_seconds": round(
            people_timings["plan_seconds"] + people_timings["write_seconds"], 1
        ),
        **timings,
        "evaluate_plan_only": queries_only,
        "requests_per_page": requests,
        "pages": pages,
        "goal_ms": GOAL_MS,
        "goal_pages": list(in_goal),
        "meets_goal": all(pages[key]["median_ms"] <= GOAL_MS for key in in_goal),
        "recounting_meets_goal": pages["plan_evaluation_recounting"]["median_ms"] <= GOAL_MS,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--ledger-rows", type=int, default=2_000_000)
    parser.add_argument("--programmes", type=int, default=40)
    parser.add_argument("--requests", type=int, default=15, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", default="1")
    parser.add_argument(
        "--skm-answers", type=int, default=200_000, help="SKM answers of the service units."
    )
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(
            args.employees,
            args.ledger_rows,
            programmes=args.programmes,
            seed=args.seed,
            requests=args.requests,
            warmup=args.warmup,
            skm_answers=args.skm_answers,
        )
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
