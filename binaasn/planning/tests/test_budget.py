"""Budget totals with hand-computed expectations (budget.py)."""

from decimal import Decimal

from binaasn.planning import budget

D = Decimal


def test_line_total_is_volume_times_unit_cost():
    assert budget.line_total(D("30"), D("50000")) == D("1500000.00")
    assert budget.line_total(D("2.5"), D("333333")) == D("833332.50")


def test_programme_and_plan_totals():
    # honorarium 2 × 1.500.000 = 3.000.000; consumption 30 × 3 × 50.000 = 4.500.000
    programme = budget.programme_total([(D("2"), D("1500000")), (D("90"), D("50000"))])
    assert programme == D("7500000.00")
    assert budget.plan_total([programme, D("2500000")]) == D("10000000.00")
    assert budget.programme_total([]) == D("0.00")


def test_cost_per_participant_and_per_jp():
    # Rp 7.500.000 for 30 participants × 24 JP: 250.000 per participant, 10.417 per JP (10.416,67)
    assert budget.cost_per_participant(D("7500000"), 30) == D("250000")
    assert budget.cost_per_jp(D("7500000"), 30, 24) == D("10417")
    assert budget.cost_per_participant(D("1000"), 0) is None
    assert budget.cost_per_jp(D("1000"), 10, 0) is None


def test_negative_and_absurd_numbers_are_refused_with_the_field_named():
    assert budget.check_line(D("-1"), D("1000")) == {"volume": "The volume must be more than 0."}
    assert "unit_cost" in budget.check_line(D("1"), D("-5"))
    assert "volume" in budget.check_line(D("1000000"), D("1"))
    assert "unit_cost" in budget.check_line(D("1"), D("5000000000"))
    # 100.000 × Rp 900.000.000 passes each limit but not the line total
    assert "unit_cost" in budget.check_line(D("100000"), D("900000000"))
    assert budget.check_line(D("30"), D("50000")) == {}
    assert "volume" in budget.check_line("abc", D("1"))


def test_totals_by_category_and_ceiling():
    lines = [
        (D("2"), D("100"), "honorarium"),
        (D("1"), D("50"), "honorarium"),
        (D("4"), D("25"), "venue"),
    ]
    assert budget.totals_by(lines, 2) == {"honorarium": D("250.00"), "venue": D("100.00")}
    assert budget.ceiling_check(D("1200"), D("1000")) == (True, D("-200"))
    assert budget.ceiling_check(D("800"), D("1000")) == (False, D("200"))
    assert budget.ceiling_check(D("800"), None) == (False, None)
