"""Priority score with hand-computed expectations (priority.py)."""

from decimal import Decimal

from binaasn.planning.priority import Inputs, Weights, components, explain, score

D = Decimal


def test_default_weights_example():
    # g = 2 / 4 = 0.5; b = 10 / 20 = 0.5; s = (4 − 1) / 4 = 0.75; i = 1 / 4 = 0.25
    # 100 × (4·0.5 + 3·0.5 + 2·0.75 + 1·0.25) / 10 = 100 × 5.25 / 10 = 52.50
    inputs = Inputs(
        avg_gap=D("2"), affected=10, max_affected=20, survey_mean=D("4"), mentions=1, max_mentions=4
    )
    assert components(inputs) == {"g": D("0.5"), "b": D("0.5"), "s": D("0.75"), "i": D("0.25")}
    assert score(inputs) == D("52.50")


def test_the_need_with_everything_at_maximum_scores_100():
    inputs = Inputs(
        avg_gap=D("4"), affected=7, max_affected=7, survey_mean=D("5"), mentions=3, max_mentions=3
    )
    assert score(inputs) == D("100.00")


def test_no_signal_scores_zero_and_divisions_by_zero_count_as_zero():
    inputs = Inputs(
        avg_gap=D("0"), affected=0, max_affected=0, survey_mean=None, mentions=0, max_mentions=0
    )
    assert score(inputs) == D("0.00")


def test_gap_above_four_is_capped():
    inputs = Inputs(
        avg_gap=D("6"), affected=0, max_affected=0, survey_mean=None, mentions=0, max_mentions=0
    )
    assert components(inputs)["g"] == D("1")


def test_admin_weights_change_the_score():
    # Only the questionnaire counts: s = (3 − 1) / 4 = 0.5 → 50.00
    inputs = Inputs(
        avg_gap=D("4"), affected=5, max_affected=5, survey_mean=D("3"), mentions=2, max_mentions=2
    )
    assert score(inputs, Weights(gap=D(0), breadth=D(0), survey=D(1), interview=D(0))) == D("50.00")


def test_all_zero_weights_give_zero_not_an_error():
    inputs = Inputs(
        avg_gap=D("4"), affected=5, max_affected=5, survey_mean=D("5"), mentions=2, max_mentions=2
    )
    assert score(inputs, Weights(gap=D(0), breadth=D(0), survey=D(0), interview=D(0))) == D("0.00")


def test_rounding_is_half_up_to_two_places():
    # g = 1/4 = 0.25, b = 1/3; weights 1, 1, 0, 0 → 100 × (0.25 + 0.3333…) / 2 = 29.1666… → 29.17
    inputs = Inputs(
        avg_gap=D("1"), affected=1, max_affected=3, survey_mean=None, mentions=0, max_mentions=0
    )
    assert score(inputs, Weights(gap=D(1), breadth=D(1), survey=D(0), interview=D(0))) == D("29.17")


def test_explanation_shows_terms_and_sums():
    inputs = Inputs(
        avg_gap=D("2"), affected=10, max_affected=20, survey_mean=D("4"), mentions=1, max_mentions=4
    )
    result = explain(inputs)
    assert result["terms"]["g"] == D("2.0")
    assert result["weighted_sum"] == D("5.25")
    assert result["total_weight"] == D("10")
