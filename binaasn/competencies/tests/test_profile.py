"""The current profile: latest per source, then assessment centre > test > supervisor > self."""

import datetime

from binaasn.competencies.profile import current_profile

D = datetime.date


def test_latest_score_of_a_source_wins_within_that_source():
    scores = [
        ("kom", "self", D(2024, 1, 1), 1, 2),
        ("kom", "self", D(2025, 1, 1), 2, 4),
    ]
    assert current_profile(scores) == {"kom": (4, "self", D(2025, 1, 1))}


def test_a_newer_self_assessment_does_not_override_an_assessment_centre():
    scores = [
        ("kom", "assessment_centre", D(2023, 5, 1), 1, 2),
        ("kom", "self", D(2025, 1, 1), 2, 5),
        ("kom", "supervisor", D(2024, 1, 1), 3, 3),
    ]
    assert current_profile(scores)["kom"] == (2, "assessment_centre", D(2023, 5, 1))


def test_test_outranks_supervisor_and_supervisor_outranks_self():
    scores = [
        ("a", "supervisor", D(2024, 1, 1), 1, 3),
        ("a", "test", D(2022, 1, 1), 2, 2),
        ("b", "self", D(2024, 1, 1), 3, 5),
        ("b", "supervisor", D(2020, 1, 1), 4, 3),
    ]
    profile = current_profile(scores)
    assert profile["a"][:2] == (2, "test")
    assert profile["b"][:2] == (3, "supervisor")


def test_same_day_scores_of_one_source_are_decided_by_the_later_entry():
    scores = [("a", "self", D(2024, 1, 1), 7, 2), ("a", "self", D(2024, 1, 1), 9, 3)]
    assert current_profile(scores)["a"][0] == 3
