"""The pure rules: JP conversion (DOMAIN.md), completion, path codes, check-in codes."""

import datetime
from decimal import Decimal

import pytest

from binaasn.learning import checkin, completion, jp, paths


def test_one_jp_is_forty_five_minutes_rounded_down():
    assert jp.jp_from_minutes(45) == 1
    assert jp.jp_from_minutes(89) == 1
    assert jp.jp_from_minutes(90) == 2
    assert jp.jp_from_minutes(44) == 0
    assert jp.jp_from_minutes(8 * 45) == 8


def test_jp_on_the_certificate_wins_over_every_other_measure():
    credit = jp.convert(certificate_jp=12, minutes=45 * 30, sessions=9, rule=jp.Rule(jp.SESSION, 2))
    assert credit == jp.Credit(12, jp.BASIS_CERTIFICATE)


def test_agency_rule_per_session_replaces_the_minutes_rule():
    # DOMAIN.md example: mentoring 2 JP per logged meeting.
    credit = jp.convert(minutes=5 * 60, sessions=5, rule=jp.Rule(jp.SESSION, 2))
    assert credit == jp.Credit(10, jp.BASIS_RULE)


def test_agency_rule_per_day_and_per_week():
    assert jp.convert(days=3, weeks=1, rule=jp.Rule(jp.DAY, 8)).jp == 24
    assert jp.convert(days=10, weeks=2, rule=jp.Rule(jp.WEEK, 5)).jp == 10


def test_without_certificate_or_rule_minutes_decide():
    assert jp.convert(minutes=200) == jp.Credit(4, jp.BASIS_MINUTES)


def test_days_and_weeks_are_counted_distinct():
    dates = [
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 3),
        datetime.date(2026, 3, 10),
    ]
    assert jp.count_days_and_weeks(dates) == (3, 2)


def test_pns_progress_against_the_twenty_jp_minimum():
    progress = jp.progress(15, "PNS")
    assert progress["kind"] == "minimum" and progress["target"] == 20
    assert (
        progress["percent"] == 75 and progress["remaining"] == 5 and not progress["meets_minimum"]
    )
    assert jp.progress(26, "CPNS")["percent"] == 100


def test_pppk_progress_against_the_twenty_four_jp_ceiling():
    progress = jp.progress(30, "PPPK")
    assert progress["kind"] == "ceiling" and progress["target"] == 24 and progress["over_ceiling"]
    assert not jp.progress(24, "PPPK")["over_ceiling"]
    assert jp.exceeds_ceiling(20, 8, "PPPK") and not jp.exceeds_ceiling(20, 4, "PPPK")
    assert not jp.exceeds_ceiling(20, 8, "PNS")


def test_completion_needs_the_attendance_share_and_post_test():
    outcome = completion.evaluate(
        attended=4,
        total_sessions=5,
        post_test=Decimal("70"),
        min_attendance_percent=80,
        min_post_test=Decimal("70"),
    )
    assert outcome.completed and outcome.attendance_percent == Decimal("80.00")


def test_completion_fails_below_the_attendance_share():
    outcome = completion.evaluate(
        attended=3,
        total_sessions=5,
        post_test=Decimal("90"),
        min_attendance_percent=80,
        min_post_test=None,
    )
    assert not outcome.completed and outcome.reasons == [completion.ATTENDANCE]


def test_completion_fails_on_a_low_or_missing_post_test():
    low = completion.evaluate(
        attended=5,
        total_sessions=5,
        post_test=Decimal("69.99"),
        min_attendance_percent=80,
        min_post_test=Decimal("70"),
    )
    missing = completion.evaluate(
        attended=5,
        total_sessions=5,
        post_test=None,
        min_attendance_percent=80,
        min_post_test=Decimal("70"),
    )
    assert low.reasons == [completion.POST_TEST]
    assert missing.reasons == [completion.POST_TEST_MISSING]


def test_an_offering_without_sessions_has_no_attendance_requirement():
    outcome = completion.evaluate(
        attended=0, total_sessions=0, post_test=None, min_attendance_percent=80, min_post_test=None
    )
    assert outcome.completed and outcome.attendance_percent is None


def test_normalised_gain():
    assert completion.normalised_gain(Decimal(40), Decimal(70)) == Decimal("0.50")
    assert completion.normalised_gain(Decimal(100), Decimal(100)) is None


@pytest.mark.parametrize(
    "code,type_id,letter",
    [
        ("KL01", 1, ""),
        ("KL04", 2, "F"),
        ("KL03", 3, "T"),
        ("KL07", 4, "P"),
        ("KL02", 5, ""),
        ("KL05", 6, ""),
        ("KL11", 7, "P"),
        ("KL10", 8, "P"),
        ("KL06", 9, "P"),
        ("NKL12", 10, "P"),
    ],
)
def test_path_codes_map_to_siasn_training_types(code, type_id, letter):
    assert paths.siasn_type(code) == type_id
    assert paths.certificate_letter(type_id) == letter


def test_path_code_decides_the_form():
    assert paths.form_of("KL10") == paths.CLASSICAL
    assert paths.form_of("NKL02") == paths.NON_CLASSICAL
    assert len(paths.PATHS) == 25


def test_checkin_code_is_valid_in_its_minute_and_the_next():
    now = 1_800_000_000.0
    code = checkin.make_code(42, now, key="k")
    assert checkin.read_code(code, now, key="k") == 42
    assert checkin.read_code(code, now + 60, key="k") == 42


def test_checkin_code_expires_after_two_minutes():
    now = 1_800_000_000.0 - (1_800_000_000 % 60)
    code = checkin.make_code(42, now, key="k")
    with pytest.raises(checkin.CodeError) as error:
        checkin.read_code(code, now + 120, key="k")
    assert error.value.code == "expired"


def test_a_tampered_checkin_code_is_invalid():
    now = 1_800_000_000.0
    session_id, slot, signature = checkin.make_code(42, now, key="k").split("-")
    with pytest.raises(checkin.CodeError) as error:
        checkin.read_code(f"43-{slot}-{signature}", now, key="k")
    assert error.value.code == "invalid"
    with pytest.raises(checkin.CodeError):
        checkin.read_code("rubbish", now, key="k")
