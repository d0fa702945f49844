"""Golongan normalisation (DOMAIN.md, "Rank")."""

import pytest

from binaasn.people import ranks


@pytest.mark.parametrize(
    "written", ["III/a", "III a", "3a", "IIIa", "iii/a", " 3/A ", "III-a", "31"]
)
def test_every_common_way_of_writing_iii_a_becomes_the_canonical_form(written):
    assert ranks.normalize_golongan(written, "PNS") == "III/a"


@pytest.mark.parametrize(
    "siasn_id,canonical", [("11", "I/a"), ("24", "II/d"), ("34", "III/d"), ("45", "IV/e")]
)
def test_siasn_golongan_ids_map_to_ranks(siasn_id, canonical):
    assert ranks.normalize_pns_golongan(siasn_id) == canonical


@pytest.mark.parametrize("invalid", ["III/e", "V/a", "35", "15", "IV", "", None, "3", "Penata"])
def test_invalid_pns_golongan_is_none(invalid):
    assert ranks.normalize_pns_golongan(invalid) is None


@pytest.mark.parametrize(
    "written,canonical",
    [("IX", "IX"), ("ix", "IX"), ("9", "IX"), ("XVII", "XVII"), ("17", "XVII"), ("I", "I")],
)
def test_pppk_golongan_is_a_roman_numeral_from_i_to_xvii(written, canonical):
    assert ranks.normalize_golongan(written, "PPPK") == canonical


@pytest.mark.parametrize("invalid", ["XVIII", "18", "0", "III/a", "IIIa"])
def test_invalid_pppk_golongan_is_none(invalid):
    assert ranks.normalize_golongan(invalid, "PPPK") is None


def test_a_cpns_uses_the_pns_ranks():
    assert ranks.normalize_golongan("2c", "CPNS") == "II/c"
    assert ranks.normalize_golongan("IX", "CPNS") is None


def test_pangkat_of_each_golongan():
    assert ranks.pangkat_for("III/a") == "Penata Muda"
    assert ranks.pangkat_for("IV/e") == "Pembina Utama"
    assert ranks.pangkat_for("IX") == ""


def test_rank_order_puts_iv_a_above_iii_d():
    assert ranks.rank_order("IV/a") > ranks.rank_order("III/d") > ranks.rank_order("I/a")
