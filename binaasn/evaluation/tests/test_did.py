"""Difference-in-differences of the results level (L4) on hand-built figures."""

from decimal import Decimal

from binaasn.evaluation import did

D = Decimal


def _cells(n=40):
    return (
        did.Cell(D("70.00"), n),
        did.Cell(D("78.50"), n),
        did.Cell(D("72.00"), n),
        did.Cell(D("74.00"), n),
    )


def test_the_figure_is_the_treated_change_minus_the_comparison_change():
    # Treated units: IKM 70.00 before, 78.50 after → +8.50.
    # Comparison units: 72.00 before, 74.00 after → +2.00.
    # DiD = 8.50 − 2.00 = 6.50 points.
    result = did.difference_in_differences(
        *_cells(), treated_units=3, comparison_units=5, min_respondents=30
    )
    assert result.is_computed
    assert result.estimate == D("6.50")
    assert result.treated_change == D("8.50")
    assert result.comparison_change == D("2.00")
    assert (result.treated_units, result.comparison_units) == (3, 5)
    assert result.message == ""


def test_a_fall_in_complaints_larger_than_elsewhere_gives_a_negative_figure():
    # Complaints per unit per month: treated 2.5 → 1.0 (−1.5), comparison 2.0 → 1.75 (−0.25)
    # DiD = −1.5 − (−0.25) = −1.25
    result = did.difference_in_differences(
        did.Cell(D("2.5")),
        did.Cell(D("1.0")),
        did.Cell(D("2.0")),
        did.Cell(D("1.75")),
        treated_units=2,
        comparison_units=4,
    )
    assert result.estimate == D("-1.25")


def test_no_comparison_units_gives_a_message_instead_of_a_number():
    result = did.difference_in_differences(*_cells(), treated_units=3, comparison_units=0)
    assert result.estimate is None
    assert result.reason == did.NO_COMPARISON
    assert "No comparison units" in result.message


def test_too_few_respondents_gives_a_message_with_the_minimum_and_the_fewest():
    cells = list(_cells())
    cells[2] = did.Cell(D("72.00"), 12)
    result = did.difference_in_differences(
        *cells, treated_units=3, comparison_units=5, min_respondents=30
    )
    assert result.estimate is None
    assert result.reason == did.TOO_FEW
    assert "at least 30 respondents" in result.message
    assert "fewest here: 12" in result.message


def test_a_period_not_over_yet_or_without_answers_gives_no_number():
    running = did.difference_in_differences(
        *_cells(), treated_units=1, comparison_units=1, after_complete=False
    )
    assert running.reason == did.NOT_OVER
    empty = did.difference_in_differences(
        did.Cell(None, 0),
        did.Cell(D("1"), 5),
        did.Cell(D("1"), 5),
        did.Cell(D("1"), 5),
        treated_units=1,
        comparison_units=1,
    )
    assert empty.reason == did.NO_DATA
    none = did.difference_in_differences(*_cells(), treated_units=0, comparison_units=4)
    assert none.reason == did.NO_TREATED
