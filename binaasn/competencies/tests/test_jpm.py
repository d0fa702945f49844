"""Gap and JPM with hand-computed expectations (DOMAIN.md, "Competencies")."""

from decimal import Decimal

from binaasn.competencies import jpm


def test_gap_is_required_minus_current_and_positive_means_shortfall():
    assert jpm.gap(4, 2) == 2
    assert jpm.gap(3, 3) == 0
    assert jpm.gap(2, 4) == -2


def test_a_competency_never_assessed_has_the_whole_required_level_as_gap():
    assert jpm.gap(3, None) == 3


def test_gaps_cover_every_required_competency():
    requirements = {"integritas": 3, "komunikasi": 4, "teknis": 2}
    profile = {"integritas": 3, "komunikasi": 2, "lain": 5}
    assert jpm.gaps(requirements, profile) == {"integritas": 0, "komunikasi": 2, "teknis": 2}


def test_jpm_counts_excess_only_up_to_the_requirement():
    # Σ required = 3 + 4 + 2 = 9; Σ min = 3 + 2 + 2 (excess of 4 over 2 is capped) = 7 → 77.78
    requirements = {"a": 3, "b": 4, "c": 2}
    profile = {"a": 3, "b": 2, "c": 4}
    assert jpm.jpm(requirements, profile) == Decimal("77.78")


def test_jpm_is_100_when_every_requirement_is_met():
    assert jpm.jpm({"a": 3, "b": 3}, {"a": 5, "b": 3}) == Decimal("100.00")


def test_jpm_counts_not_assessed_competencies_as_zero():
    # 3 / (3 + 3) × 100 = 50
    assert jpm.jpm({"a": 3, "b": 3}, {"a": 3}) == Decimal("50.00")


def test_jpm_rounds_half_up_to_two_places():
    # 1 / 8 × 100 = 12.5 exactly; 2 / 3 × 100 = 66.666… → 66.67
    assert jpm.jpm({"a": 8}, {"a": 1}) == Decimal("12.50")
    assert jpm.jpm({"a": 3}, {"a": 2}) == Decimal("66.67")


def test_jpm_without_requirements_is_none():
    assert jpm.jpm({}, {"a": 3}) is None


def test_jpm_parts_show_the_arithmetic():
    assert jpm.jpm_parts({"a": 3, "b": 4}, {"a": 2, "b": 4}) == {
        "matched": 6,
        "required": 7,
        "jpm": Decimal("85.71"),
    }


def test_category_is_the_highest_threshold_reached():
    bands = [(Decimal("90"), "Optimal"), (Decimal("78"), "Cukup"), (Decimal("0"), "Kurang")]
    assert jpm.jpm_category(Decimal("90.00"), bands)[1] == "Optimal"
    assert jpm.jpm_category(Decimal("89.99"), bands)[1] == "Cukup"
    assert jpm.jpm_category(Decimal("12.5"), bands)[1] == "Kurang"
    assert jpm.jpm_category(None, bands) is None


def test_gap_classes_for_the_heat_map():
    assert jpm.gap_class(None) == "gap-none"
    assert jpm.gap_class(-1) == "gap-met"
    assert jpm.gap_class(0) == "gap-met"
    assert jpm.gap_class(2) == "gap-2"
    assert jpm.gap_class(7) == "gap-4"
