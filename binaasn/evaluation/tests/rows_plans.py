"""Permission rows of evaluation: plans pages (the plan evaluation, its PDF and the list)."""

from binaasn.core.tests.matrix import Row

READ = {"admin": 200, "operator": 200, "leader": 200}


def prepare(cast):
    from binaasn.planning.tests import factories as f

    # A year of their own: planning's rows make the 2026 plans of both agencies.
    for suffix, agency in (("", cast.a), ("_b", cast.b)):
        plan = f.make_plan(agency, year=2025)
        f.make_line(f.make_programme(plan))
        setattr(cast, f"evaluated_plan{suffix}", plan)


def _plan(cast):
    return {"pk": cast.evaluated_plan.pk}


def _plan_b(cast):
    return {"pk": cast.evaluated_plan_b.pk}


ROWS = [
    Row("evaluation:plan-evaluation-list", expect=READ),
    Row("evaluation:plan-evaluation-list", expect=READ, query="format=xlsx"),
    Row("evaluation:plan-evaluation", kwargs=_plan, foreign=_plan_b, expect=READ),
    Row(
        "evaluation:plan-evaluation",
        kwargs=_plan,
        foreign=_plan_b,
        expect=READ,
        query="format=xlsx",
    ),
    Row("evaluation:plan-evaluation-pdf", kwargs=_plan, foreign=_plan_b, expect=READ),
]
