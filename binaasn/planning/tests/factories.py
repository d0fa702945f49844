import datetime
from decimal import Decimal

from binaasn.planning.models import (
    BudgetLine,
    Campaign,
    Interview,
    Need,
    Partner,
    Plan,
    Programme,
    Speaker,
)


def make_campaign(agency, year=2026, **kwargs):
    return Campaign.objects.create(
        agency=agency, year=year, title=kwargs.pop("title", f"AKPK {year}"), **kwargs
    )


def make_need(campaign, competency, unit=None, **kwargs):
    defaults = {
        "group_label": unit.name if unit else "Semua unit",
        "affected_count": 3,
        "avg_gap": Decimal("1.50"),
        "score": Decimal("40"),
    }
    defaults.update(kwargs)
    return Need.objects.create(
        agency=campaign.agency, campaign=campaign, competency=competency, unit=unit, **defaults
    )


def make_interview(campaign, unit=None, **kwargs):
    defaults = {
        "held_on": datetime.date(2026, 2, 3),
        "interviewer": "Tim AKPK",
        "group_description": "Kepala seksi",
        "notes": "Perlu pelatihan layanan digital.",
    }
    defaults.update(kwargs)
    return Interview.objects.create(
        agency=campaign.agency, campaign=campaign, unit=unit, **defaults
    )


def make_plan(agency, year=2026, **kwargs):
    defaults = {
        "title": f"Rencana Pengembangan Kompetensi {year}",
        "objectives": "Meningkatkan kompetensi ASN.",
    }
    defaults.update(kwargs)
    return Plan.objects.create(agency=agency, year=year, **defaults)


def make_programme(plan, **kwargs):
    defaults = {
        "title": "Pelatihan E-Government",
        "form": "technical_training",
        "path_code": "KL03",
        "participant_count": 30,
        "jp_per_participant": 24,
        "planned_month": 4,
    }
    defaults.update(kwargs)
    return Programme.objects.create(agency=plan.agency, plan=plan, **defaults)


def make_line(programme, volume="30", unit_cost="50000", category="consumption", **kwargs):
    return BudgetLine.objects.create(
        agency=programme.agency,
        programme=programme,
        category=category,
        volume=Decimal(volume),
        unit_cost=Decimal(unit_cost),
        **kwargs,
    )


def make_partner(agency, name="Universitas Negeri Gorontalo", **kwargs):
    return Partner.objects.create(
        agency=agency, name=name, kind=kwargs.pop("kind", "university"), **kwargs
    )


def make_speaker(agency, name="Dr. Rahmat Hasan", **kwargs):
    return Speaker.objects.create(
        agency=agency, name=name, expertise=kwargs.pop("expertise", "E-government"), **kwargs
    )
