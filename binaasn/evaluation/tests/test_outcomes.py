"""Level 4 results: outcomes of the participants' service units against the others."""

import datetime
from decimal import Decimal

from binaasn.evaluation import did
from binaasn.evaluation.models import EvaluationSettings
from binaasn.evaluation.outcomes import (
    ikm_did_by_programme,
    offering_outcomes,
    outcome_windows,
    programme_outcomes,
)
from binaasn.planning.tests.factories import make_plan, make_programme

from .factories_reports import answers, complaints, finished_offering, scored, service_unit

D = Decimal
TODAY = datetime.date(2026, 1, 15)
BEFORE = datetime.date(2024, 11, 4)
AFTER = datetime.date(2025, 6, 10)


def _world(cast, programme=None):
    """The employee of Puskesmas Telaga joins an offering in March 2025. The puskesmas'
    service unit is treated, Disdukcapil's is the comparison, Dinas Kesehatan's (above the
    participant's unit) is in neither group."""
    offering = finished_offering(cast.a, programme=programme)
    scored(offering, cast.puskesmas, "40", "70", employee=cast.employee)
    treated = service_unit(cast.a, cast.puskesmas, "Puskesmas Telaga")
    comparison = service_unit(cast.a, cast.dukcapil, "Disdukcapil")
    service_unit(cast.a, cast.dinkes, "Dinas Kesehatan")
    # IKM: treated 75.00 → 100.00 (+25.00); comparison 75.00 → 87.50 (+12.50).
    answers(treated, BEFORE, 30, 3)
    answers(treated, AFTER, 30, 4)
    answers(comparison, BEFORE, 30, 3)
    answers(comparison, AFTER, 15, 3)
    answers(comparison, AFTER, 15, 4)
    # Complaints over 6 months: treated 6 → 0 (1.00 → 0.00 a month); comparison 3 → 3
    # (0.50 → 0.50).
    complaints(treated, BEFORE, 6)
    complaints(comparison, BEFORE, 3)
    complaints(comparison, AFTER, 3)
    return offering, treated, comparison


def test_windows_are_whole_months_before_the_first_start_and_after_the_last_end():
    before, after = outcome_windows(datetime.date(2025, 3, 3), datetime.date(2025, 4, 2), 6)
    assert (before.start, before.end) == (datetime.date(2024, 9, 1), datetime.date(2025, 2, 28))
    assert (after.start, after.end) == (datetime.date(2025, 5, 1), datetime.date(2025, 10, 31))


def test_ikm_and_complaints_are_compared_with_units_that_sent_nobody(alpha):
    offering, treated, comparison = _world(alpha)
    outcomes = offering_outcomes(alpha.a, [offering], today=TODAY)
    assert [u["name"] for u in outcomes.treated] == ["Puskesmas Telaga"]
    assert [u["name"] for u in outcomes.comparison] == ["Disdukcapil"]
    ikm = outcomes.row("ikm").result
    # DiD = (100.00 − 75.00) − (87.50 − 75.00) = 25.00 − 12.50 = 12.50
    assert ikm.estimate == D("12.50")
    assert ikm.treated_before == did.Cell(D("75.00"), 30)
    assert ikm.comparison_after == did.Cell(D("87.50"), 30)
    complaints_row = outcomes.row("complaints")
    # DiD = (0.00 − 1.00) − (0.50 − 0.50) = −1.00
    assert complaints_row.result.estimate == D("-1.00")
    assert complaints_row.counts == (6, 0, 3, 3)
    assert "No performance data" in str(outcomes.row("performance").note)
    assert "not proof" in str(outcomes.caveat)


def test_too_few_respondents_is_said_instead_of_a_number(alpha):
    offering, _treated, _comparison = _world(alpha)
    EvaluationSettings.objects.create(agency=alpha.a, outcome_min_respondents=40)
    result = offering_outcomes(alpha.a, [offering], today=TODAY).row("ikm").result
    assert result.estimate is None
    assert "at least 40 respondents" in result.message


def test_no_comparison_units_is_said_instead_of_a_number(alpha):
    offering, _treated, comparison = _world(alpha)
    comparison.is_active = False
    comparison.save()
    outcomes = offering_outcomes(alpha.a, [offering], today=TODAY)
    assert outcomes.comparison == []
    assert outcomes.row("ikm").result.estimate is None
    assert "No comparison units" in outcomes.row("ikm").result.message
    assert "No comparison units" in outcomes.row("complaints").result.message


def test_the_figure_waits_until_the_period_after_is_over(alpha):
    offering, _treated, _comparison = _world(alpha)
    outcomes = offering_outcomes(alpha.a, [offering], today=datetime.date(2025, 7, 1))
    assert outcomes.row("ikm").result.reason == did.NOT_OVER


def test_programme_outcomes_and_the_plan_figures_agree(alpha, django_assert_max_num_queries):
    plan = make_plan(alpha.a, year=2025)
    programme = make_programme(plan)
    other = make_programme(plan, title="Tanpa angkatan")
    _world(alpha, programme=programme)
    assert programme_outcomes(alpha.a, programme, today=TODAY).row("ikm").result.estimate == D(
        "12.50"
    )
    with django_assert_max_num_queries(6):
        results = ikm_did_by_programme(alpha.a, [programme, other], today=TODAY)
    assert results[programme.pk].estimate == D("12.50")
    assert other.pk not in results


def test_an_offering_without_participants_says_so(alpha):
    offering = finished_offering(alpha.a)
    outcomes = offering_outcomes(alpha.a, [offering], today=TODAY)
    assert outcomes.rows == []
    assert "No enrolled participants" in str(outcomes.message)
