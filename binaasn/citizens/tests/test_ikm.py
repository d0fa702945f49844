"""The IKM formula against DOMAIN.md's worked examples (PermenPANRB 14/2017)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from binaasn.citizens import ikm

EXAMPLE_NRR = [Decimal(v) for v in "3.31 3.35 3.49 3.93 3.45 3.39 3.39 3.76 3.35".split()]


def test_one_respondent_answering_all_fours_scores_100_a():
    result = ikm.compute_ikm_from_answers([[4] * 9])
    assert result.converted == Decimal("100.00")
    assert result.mutu == "A"
    assert result.kinerja == "Sangat Baik"


def test_regulation_example_gives_87_28_b_with_the_exact_mean():
    result = ikm.ikm_from_nrr(EXAMPLE_NRR)
    assert result.ikm == Fraction(3142, 900)  # 31.42 / 9 = 3.49111…
    assert result.converted == Decimal("87.28")
    assert result.mutu == "B"
    assert result.kinerja == "Baik"


def test_regulation_example_gives_87_19_with_weight_0111():
    result = ikm.ikm_from_nrr(EXAMPLE_NRR, method=ikm.METHOD_WEIGHT_0111)
    assert result.weight == Fraction(111, 1000)
    assert result.converted == Decimal("87.19")
    assert result.mutu == "B"


def test_weight_0111_can_never_reach_100():
    result = ikm.ikm_from_nrr([4] * 9, method=ikm.METHOD_WEIGHT_0111)
    assert result.converted == Decimal("99.90")
    assert result.mutu == "A"


def test_76_605_rounds_half_up_once_to_76_61_b():
    result = ikm.ikm_from_nrr([Decimal("3.0642")] * 9)
    assert result.ikm * 25 == Fraction("76.605")
    assert result.converted == Decimal("76.61")
    assert result.mutu == "B"


def test_76_6025_rounds_to_76_60_c():
    result = ikm.ikm_from_nrr([Decimal("3.0641")] * 9)
    assert result.converted == Decimal("76.60")
    assert result.mutu == "C"
    assert result.kinerja == "Kurang Baik"


@pytest.mark.parametrize(
    ("converted", "mutu"),
    [
        ("100.00", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
    ],
)
def test_letter_bands_of_the_rounded_converted_value(converted, mutu):
    assert ikm.mutu_for(Decimal(converted)) == mutu


def test_classification_uses_the_rounded_value_not_the_1_to_4_bands():
    # 3.5322 × 25 = 88.305 → 88.31: A, although 3.5322 lies in the gap below 3.5324.
    result = ikm.ikm_from_nrr([Decimal("3.5322")] * 9)
    assert result.converted == Decimal("88.31")
    assert result.mutu == "A"
    # 2.5998 × 25 = 64.995 → 65.00: C, although 2.5998 lies between the 1–4 bands.
    assert ikm.ikm_from_nrr([Decimal("2.5998")] * 9).mutu == "C"


def test_nrr_is_exact_and_rounded_only_for_display():
    result = ikm.compute_ikm([10] * 9, [3] * 9)
    assert result.nrr[0] == Fraction(10, 3)
    assert result.nrr_display()[0] == Decimal("3.333")
    assert result.nrr_display(2)[0] == Decimal("3.33")


def test_per_element_letters_use_the_same_bands_on_nrr_times_25():
    result = ikm.ikm_from_nrr([4, 3, 2, Decimal("3.0642"), Decimal("3.0641"), 1, 4, 4, 4])
    assert result.element_converted[:6] == tuple(
        Decimal(v) for v in ("100.00", "75.00", "50.00", "76.61", "76.60", "25.00")
    )
    assert result.element_mutu[:6] == ("A", "C", "D", "B", "C", "D")
    assert result.weakest(2) == [5, 2]


def test_an_unanswered_element_is_left_out_of_the_mean():
    result = ikm.compute_ikm([8] + [6] * 8, [2] + [2] * 7 + [0])
    assert result.nrr[8] is None
    assert result.ikm == Fraction(4 + 3 * 7, 8)


def test_no_answers_give_no_result():
    assert ikm.compute_ikm([0] * 9, [0] * 9) is None


@pytest.mark.parametrize(
    ("population", "sample"),
    [(100, 80), (1_000, 278), (10_000, 370), (1_000_000, 384), (50_000_000, 384), (10, 10)],
)
def test_minimum_sample_follows_krejcie_and_morgan(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_minimum_sample_unknown_without_population():
    assert ikm.minimum_sample(0) is None
    assert ikm.minimum_sample(None) is None


def test_pre_2017_values_keep_their_own_bands():
    # 70.00 was B under KEP/25/M.PAN/2/2004 (B from 62.51) and stays B; 2017 bands would say C.
    assert ikm.mutu_for(Decimal("70.00"), ikm.REGULATION_2004) == "B"
    assert ikm.mutu_for(Decimal("70.00"), ikm.REGULATION_2017) == "C"


def test_packed_pairs_unpack_to_the_two_sums():
    rows = [(3, 4), (1, 2), (4, 4)]
    packed_total = sum(low + high * ikm.PAIR_BASE for low, high in rows)
    assert ikm.unpack_pair(packed_total) == (8, 10)


def test_half_up_rounding_of_negative_and_exact_values():
    assert ikm.round_half_up(Fraction(1, 200), 2) == Decimal("0.01")
    assert ikm.round_half_up(Decimal("2.345"), 2) == Decimal("2.35")
    assert ikm.round_half_up(4, 2) == Decimal("4.00")


def test_weakest_elements_are_the_lowest_below_the_index_and_none_when_all_equal():
    assert ikm.ikm_from_nrr([3] * 9).weakest() == []
    result = ikm.ikm_from_nrr([4, 4, 3, 4, 2, 4, 3, 4, 4])
    assert result.weakest() == [4, 2, 6]
