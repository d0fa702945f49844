"""Level 2 formulas (DOMAIN.md, "Evaluation of training": g = (post − pre) / (100 − pre))."""

from decimal import Decimal
from fractions import Fraction

from binaasn.evaluation import gain

D = Decimal


def test_normalised_gain_is_the_share_of_the_possible_gain_that_was_made():
    # 40 → 70: 30 of the 60 points still possible → 0.5
    assert gain.normalised_gain(D("40"), D("70")) == Fraction(1, 2)
    # 80 → 90: 10 of 20 → 0.5, the same g from a higher start
    assert gain.normalised_gain(D("80"), D("90")) == Fraction(1, 2)
    # a drop gives a negative g: 50 → 40 is −10 of 50 → −0.2
    assert gain.normalised_gain(D("50"), D("40")) == Fraction(-1, 5)


def test_normalised_gain_is_undefined_for_a_pre_test_of_100():
    assert gain.normalised_gain(D("100"), D("100")) is None
    assert gain.normalised_gain(D("100"), D("90")) is None


def test_average_gain_is_the_mean_of_post_minus_pre_rounded_once():
    pairs = [(D("40"), D("70")), (D("80"), D("90")), (D("55.5"), D("60"))]
    # (30 + 10 + 4.5) / 3 = 14.8333… → 14.83
    assert gain.average_gain(pairs) == D("14.83")
    assert gain.average_gain([]) is None


def test_mean_of_individual_g_leaves_out_pre_100_and_class_g_uses_the_means():
    pairs = [(D("40"), D("70")), (D("80"), D("85")), (D("100"), D("95"))]
    # individual g: 0.5 and 0.25 (pre 100 left out) → 0.375 → 0.38 (half-up)
    assert gain.average_normalised_gain(pairs) == D("0.38")
    # class g: mean pre 73.33…, mean post 83.33… → 10 / 26.66… = 0.375 → 0.38
    assert gain.class_normalised_gain(pairs) == D("0.38")
    uneven = [(D("20"), D("60")), (D("90"), D("91"))]
    # individual: 0.5 and 0.1 → 0.30; class: (75.5 − 55) / 45 = 0.4555… → 0.46
    assert gain.average_normalised_gain(uneven) == D("0.30")
    assert gain.class_normalised_gain(uneven) == D("0.46")
    assert gain.average_normalised_gain([(D("100"), D("100"))]) is None


def test_pass_rate_counts_post_tests_at_or_above_the_threshold():
    assert gain.pass_rate([D("70"), D("69.99"), D("85")], D("70")) == D("66.7")
    assert gain.pass_rate([D("70")], None) is None
    assert gain.pass_rate([], D("70")) is None


def test_summary_of_an_offering_and_of_pooled_offerings_with_their_own_thresholds():
    summary = gain.summarise(
        [(D("40"), D("70")), (D("60"), D("65")), (None, D("80")), (D("50"), None)],
        threshold=D("70"),
    )
    assert (summary.participants, summary.pairs, summary.post_tested) == (4, 2, 3)
    assert summary.passed == 2
    assert summary.pass_rate == D("66.7")
    assert summary.mean_pre == D("50.00")
    assert summary.mean_post == D("67.50")
    # g: 0.5 and 5/40 = 0.125 → 0.3125 → 0.31
    assert summary.normalised_gain == D("0.31")
    assert str(summary.band) == "medium"
    pooled = gain.summarise([(D("40"), D("70"), D("75")), (D("40"), D("70"), None)])
    assert pooled.passed == 0
    assert pooled.pass_rate == D("0.0")
    assert gain.summarise([(D("40"), D("70"))]).pass_rate is None
