"""Time the prioritised needs list and the plan pages of an agency with N employees.

    python bench/planning_bench.py --employees 100000 [--requests 15] [--warmup 3] [--seed 1]

Generates the agency (bench/generate.py), gives every position a competency standard (the nine
national competencies and one technical one), every active ASN a current level per required
competency (written straight into the current-profile table: the pages measured read that
table, not the assessment history), records a few interviews, then runs the needs analysis
(timed: it stores the need rows the pages read) and builds a plan of 40 programmes with four
budget lines each against a budget ceiling. It then logs in the agency admin with Django's test
client and requests, a few times to warm up and ``--requests`` times each: an empty page of the
same layout behind the same middleware (the same-run baseline), the needs list (first page,
a search, a status filter, the last page), one need's score explanation, the plan page, its
calendar and, outside the goal, the coverage forecast (which walks every ASN). Goal: the needs
list and the plan page within 200 ms server time at 100,000 employees. Prints JSON.
"""

import argparse
import datetime
import random
import sys
from decimal import Decimal

from benchlib import (
    add_database_arguments,
    emit,
    environment,
    measure,
    page_urlpatterns,
    setup_django,
    timed,
)

GOAL_MS = 200
PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The benchmark has no collectstatic manifest; URLs of static files cost the same.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PROGRAMMES = 40


def __getattr__(name):
    # This module is the URLconf while measuring: the project's URLs plus the baseline page.
    if name == "urlpatterns":
        return page_urlpatterns()
    raise AttributeError(name)


def competency_data(agency, rng):
    """Standards for every position and a current level per required competency of every ASN."""
    from binaasn.competencies import services as competency_services
    from binaasn.competencies.models import Competency, CurrentLevel
    from binaasn.people.demo.writer import insert_rows
    from binaasn.people.models import Employee, Position

    technical = competency_services.save_technical_competency(
        agency,
        Competency(name="Layanan E-Government", group="Teknologi Informasi", code="T1",
                   level_1="1", level_2="2", level_3="3", level_4="4", level_5="5"),
    )  # fmt: skip
    national = list(Competency.objects.filter(agency__isnull=True).values_list("pk", flat=True))
    managerial = {"jpt_pratama": 4, "jpt_madya": 4, "administrator": 3, "pengawas": 3,
                  "fungsional_keahlian": 3}  # fmt: skip
    standards = {}
    for pk, position_type in Position.objects.for_agency(agency).values_list("pk", "position_type"):
        level = managerial.get(position_type, 2)
        standards[pk] = {competency: level for competency in national} | {technical.pk: 3}
    competency_services.set_standards_in_bulk(agency, standards)
    levels = []
    day = datetime.date(2026, 1, 15)
    for employee_id, position_id in (
        Employee.objects.for_agency(agency).active().filter(position__isnull=False)
        .values_list("pk", "position_id").iterator(chunk_size=5000)
    ):  # fmt: skip
        for competency_id, required in standards[position_id].items():
            level = min(5, max(1, required + rng.choice((-2, -1, -1, 0, 0, 1))))
            levels.append(
                CurrentLevel(
                    agency=agency, employee_id=employee_id, competency_id=competency_id,
                    level=level, source="supervisor", assessed_on=day,
                )
            )  # fmt: skip
    insert_rows(CurrentLevel, levels)
    return len(standards), len(levels)


def build_plan(agency, campaign, rng):
    from binaasn.people.models import OrgUnit
    from binaasn.planning import paths, services
    from binaasn.planning.models import BudgetLine, Need, Plan, Programme

    plan = Plan.objects.create(agency=agency, year=campaign.year, title="Rencana Uji Beban",
                               objectives="Uji beban.", campaign=campaign)  # fmt: skip
    services.set_budget_ceiling(agency, year=campaign.year, amount=Decimal("5000000000"))
    needs = list(
        Need.objects.for_agency(agency).filter(campaign=campaign).prioritised()[:PROGRAMMES]
    )
    opds = list(OrgUnit.objects.for_agency(agency).filter(depth=1))
    forms = [key for key, _label, code in paths.FORMS if code]
    for index in range(PROGRAMMES):
        form = forms[index % len(forms)]
        programme = Programme(
            agency=agency, plan=plan, title=f"Program {index + 1}", form=form,
            path_code=paths.allowed_paths(form)[0], participant_count=rng.randint(20, 400),
            jp_per_participant=rng.choice((8, 16, 24, 32)), planned_month=index % 12 + 1,
        )  # fmt: skip
        relations = {"target_units": [opds[index % len(opds)]]}
        if index < len(needs):
            relations |= {"needs": [needs[index]], "competencies": [needs[index].competency]}
        services.save_programme(programme, relations=relations)
        for category in ("honorarium", "consumption", "venue", "materials"):
            BudgetLine.objects.create(
                agency=agency, programme=programme, category=category, description=category,
                volume=Decimal(rng.randint(1, 300)),
                unit_cost=Decimal(rng.randint(20, 1500) * 1000),
            )  # fmt: skip
    return plan


def run(employees, *, seed="1", requests=15, warmup=3):
    from auditlog.context import disable_auditlog
    from django.test import Client, override_settings
    from django.urls import reverse
    from django_scopes import scopes_disabled
    from generate import generate

    from binaasn.competencies.models import Competency
    from binaasn.core.models import Membership, User
    from binaasn.planning import services
    from binaasn.planning.models import Interview, Need

    rng = random.Random(f"planning-bench:{seed}")
    timings = {}
    with scopes_disabled():
        agency, plan_people, people_timings = generate(employees, seed=seed, slug="rencana")
        with disable_auditlog(), timed(timings, "competency_data_seconds"):
            positions, levels = competency_data(agency, rng)
        campaign = services.create_campaign(agency, year=2026, title="AKPK Uji Beban")
        mentioned = list(Competency.objects.filter(agency__isnull=True)[:4])
        for index, competency in enumerate(mentioned):
            interview = Interview.objects.create(
                agency=agency, campaign=campaign, held_on=datetime.date(2026, 2, index + 1),
                interviewer="Tim AKPK", group_description="Kepala OPD", notes="Uji beban.",
            )  # fmt: skip
            interview.competencies.set([competency])
        with timed(timings, "analyse_seconds"):
            needs = services.analyse_campaign(campaign)
        with timed(timings, "plan_seconds"):
            plan = build_plan(agency, campaign, rng)
        top_need = Need.objects.for_agency(agency).filter(campaign=campaign).prioritised().first()
        admin = User.objects.create_user("admin.rencana", email="admin@rencana.binaasn.test")
        Membership.objects.create(user=admin, agency=agency, role="admin")
    last_page = max(1, -(-needs // 50))

    client = Client()
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    pages = {}
    with override_settings(ROOT_URLCONF=__name__, STORAGES=PLAIN_STATIC):
        slug = agency.slug
        need_list = reverse("planning:need-list", kwargs={"agency": slug, "pk": campaign.pk})
        urls = {
            "baseline_empty_page": reverse("bench-baseline", kwargs={"agency": slug}),
            "needs_first_page": need_list,
            "needs_search": f"{need_list}?q=Komunikasi",
            "needs_status_filter": f"{need_list}?status=proposed",
            "needs_last_page": f"{need_list}?page={last_page}",
            "need_explanation": reverse(
                "planning:need-detail", kwargs={"agency": slug, "pk": top_need.pk}
            ),
            "plan_page": reverse("planning:plan-detail", kwargs={"agency": slug, "pk": plan.pk}),
            "plan_calendar": reverse(
                "planning:plan-calendar", kwargs={"agency": slug, "pk": plan.pk}
            ),
            "coverage_forecast": reverse(
                "planning:plan-coverage", kwargs={"agency": slug, "pk": plan.pk}
            ),
        }
        for key, url in urls.items():
            light = key == "coverage_forecast"  # walks every ASN: a few samples are enough
            pages[key] = measure(
                client, url, requests=3 if light else requests, warmup=1 if light else warmup
            )
    baseline = pages["baseline_empty_page"]["median_ms"]
    for page in pages.values():
        page["ratio_to_baseline"] = round(page["median_ms"] / baseline, 1) if baseline else None
    in_goal = (
        "needs_first_page",
        "needs_search",
        "needs_status_filter",
        "needs_last_page",
        "plan_page",
    )
    return {
        "benchmark": "planning",
        "employees": len(plan_people.employees),
        "units": len(plan_people.units),
        "positions_with_standard": positions,
        "current_levels": levels,
        "needs": needs,
        "programmes": PROGRAMMES,
        "generate_seconds": round(
            people_timings["plan_seconds"] + people_timings["write_seconds"], 1
        ),
        **timings,
        "requests_per_page": requests,
        "pages": pages,
        "goal_ms": GOAL_MS,
        "goal_pages": list(in_goal),
        "meets_goal": all(pages[key]["median_ms"] <= GOAL_MS for key in in_goal),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=15, help="Timed requests per page.")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", default="1")
    add_database_arguments(parser)
    args = parser.parse_args(argv)
    db = setup_django(keep_db=args.keep_db, fast_schema=args.fast_schema)
    try:
        result = run(args.employees, seed=args.seed, requests=args.requests, warmup=args.warmup)
        result["environment"] = environment(db)
        emit(result)
    finally:
        db.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
