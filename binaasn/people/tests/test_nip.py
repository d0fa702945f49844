"""NIP and NI PPPK rules of DOMAIN.md ("NIP")."""

import datetime

import pytest

from binaasn.people.nip import NipError, clean_nip, compose_nip, parse_nip, validate_nip

TODAY = datetime.date(2025, 6, 30)


def error_code(nip, **kwargs):
    with pytest.raises(NipError) as caught:
        validate_nip(nip, today=TODAY, **kwargs)
    return caught.value.code


def test_a_pns_nip_splits_into_birth_date_tmt_gender_and_sequence():
    parts = parse_nip("198505172010031001", today=TODAY)
    assert parts.kind == "PNS"
    assert parts.birth_date == datetime.date(1985, 5, 17)
    assert (parts.appointment_year, parts.appointment_month) == (2010, 3)
    assert parts.gender == "L"
    assert parts.sequence == "001"


def test_the_pppk_example_of_the_domain_reference_is_valid():
    parts = validate_nip(
        "200012312024211001",
        birth_date=datetime.date(2000, 12, 31),
        gender="L",
        status="PPPK",
        today=TODAY,
    )
    assert parts.kind == "PPPK"
    assert parts.appointment_year == 2024
    assert parts.appointment_month is None
    assert parts.gender == "L"


def test_a_pppk_with_a_later_work_agreement_is_accepted_not_only_21():
    assert parse_nip("200012312024251001", today=TODAY).kind == "PPPK"


def test_a_pppk_agreement_digit_zero_is_refused():
    assert error_code("200012312024201001") == "nip_pppk"


@pytest.mark.parametrize("month", ["13", "00"])
def test_a_tmt_month_outside_01_to_12_is_refused(month):
    assert error_code(f"198505172010{month}1001") == "nip_month"


def test_the_month_error_names_the_digits():
    with pytest.raises(NipError) as caught:
        parse_nip("198505172010131001", today=TODAY)
    assert "13" in caught.value.message


def test_a_tmt_cpns_in_the_future_is_refused():
    assert error_code("198505172025071001") == "nip_tmt"


def test_a_pppk_appointment_year_in_the_future_is_refused():
    assert error_code("200012312026211001") == "nip_tmt"


def test_a_tmt_before_the_18th_birthday_is_refused():
    assert error_code("198505172003011001") == "nip_tmt"


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_the_gender_digit_must_be_1_or_2(digit):
    assert error_code(f"19850517201003{digit}001") == "nip_gender"


def test_an_impossible_birth_date_is_refused():
    assert error_code("198502302010031001") == "nip_birthdate"


def test_a_birth_date_in_the_future_is_refused():
    assert error_code("202601012010031001") == "nip_birthdate"


@pytest.mark.parametrize(
    "nip,code",
    [
        ("19850517201003100", "nip_length"),
        ("1985051720100310012", "nip_length"),
        ("19850517201003100A", "nip_digits"),
        ("", "nip_digits"),
        ("19850517²010031001", "nip_digits"),  # digits to Python, not to a NIP
        ("1985051720100310٠1", "nip_digits"),
    ],
)
def test_length_and_digits(nip, code):
    assert error_code(nip) == code


def test_a_nip_whose_birth_date_differs_from_the_birth_date_field_is_refused():
    code = error_code("198505172010031001", birth_date=datetime.date(1985, 5, 18))
    assert code == "nip_birthdate_mismatch"


def test_the_birth_date_mismatch_message_shows_both_dates():
    with pytest.raises(NipError) as caught:
        validate_nip("198505172010031001", birth_date=datetime.date(1985, 5, 18), today=TODAY)
    assert "17-05-1985" in caught.value.message and "18-05-1985" in caught.value.message


def test_a_nip_whose_gender_differs_from_the_gender_field_is_refused():
    assert error_code("198505172010031001", gender="P") == "nip_gender_mismatch"


def test_a_pns_with_a_pppk_number_is_refused_naming_both():
    with pytest.raises(NipError) as caught:
        validate_nip("200012312024211001", status="PNS", today=TODAY)
    assert caught.value.code == "nip_status_mismatch"
    assert "NI PPPK" in caught.value.message and "PNS" in caught.value.message


def test_a_pppk_with_a_pns_number_is_refused():
    assert error_code("198505172010031001", status="PPPK") == "nip_status_mismatch"


def test_a_cpns_uses_a_pns_shaped_number():
    assert validate_nip("198505172010031001", status="CPNS", today=TODAY).kind == "PNS"


def test_spaces_and_the_excel_apostrophe_are_stripped():
    assert clean_nip("'19850517 201003 1 001") == "198505172010031001"


def test_compose_nip_builds_numbers_that_validate():
    pns = compose_nip(datetime.date(1990, 6, 15), "P", 7, tmt=datetime.date(2015, 2, 1))
    pppk = compose_nip(datetime.date(2000, 12, 31), "L", 1, pppk_year=2024)
    assert pns == "199006152015022007"
    assert pppk == "200012312024211001"
    assert validate_nip(pns, gender="P", status="PNS", today=TODAY).gender == "P"


def test_the_shared_parts_of_many_nips_give_each_its_own_answer():
    """Birth dates and appointment months are worked out once and reused."""
    first = parse_nip("198505172010031001", today=TODAY)
    again = parse_nip("198505172010031002", today=TODAY)
    assert (first.birth_date, first.appointment_month) == (
        again.birth_date,
        again.appointment_month,
    )
    assert (first.sequence, again.sequence) == ("001", "002")
    with pytest.raises(NipError) as caught:
        parse_nip("198505172010031001", today=datetime.date(2009, 1, 1))
    assert caught.value.code == "nip_tmt"  # today is not part of what is kept
