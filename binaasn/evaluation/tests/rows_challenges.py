"""Permission rows of evaluation: the challenges register of a plan."""

from binaasn.core.tests.matrix import Row

READ = {"admin": 200, "operator": 200, "leader": 200}
WRITE = {"admin": 200, "operator": 200}
WRITE_POST = {"admin": 302, "operator": 302}


def prepare(cast):
    from binaasn.evaluation.models import Challenge
    from binaasn.planning.tests import factories as f

    # A year of their own: planning's rows make 2026, the other evaluation rows 2025 and 2024.
    for suffix, agency in (("", cast.a), ("_b", cast.b)):
        plan = f.make_plan(agency, year=2023)
        challenge = Challenge.objects.create(
            agency=agency,
            plan=plan,
            category=Challenge.Category.BUDGET,
            description="Anggaran pelatihan dipotong 40%.",
            mitigation="Pelatihan daring untuk sebagian angkatan.",
        )
        setattr(cast, f"register_plan{suffix}", plan)
        setattr(cast, f"challenge{suffix}", challenge)


def _of(name):
    return lambda cast: {"pk": getattr(cast, name).pk}


def _of_b(name):
    return lambda cast: {"pk": getattr(cast, f"{name}_b").pk}


def _row(url_name, thing, expect, **extra):
    return Row(
        f"evaluation:{url_name}", kwargs=_of(thing), foreign=_of_b(thing), expect=expect, **extra
    )


def _new_challenge(cast):
    return {
        "category": "participation",
        "description": "Peserta bimtek hanya 12 dari 30.",
        "impact": "high",
        "mitigation": "Insentif bagi peserta aktif.",
        "status": "open",
    }


ROWS = [
    _row("challenge-list", "register_plan", READ),
    _row("challenge-list", "register_plan", READ, query="format=xlsx"),
    _row("challenge-create", "register_plan", WRITE),
    _row("challenge-create", "register_plan", WRITE_POST, method="post", data=_new_challenge),
    _row("challenge-edit", "challenge", WRITE),
    _row("challenge-action-create", "challenge", WRITE),
]
