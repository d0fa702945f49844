"""The import_skm and ikm commands on the 60-row sample (skm-sample.csv), checked by hand."""

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from binaasn.citizens.models import SkmResponse

SAMPLE = Path(__file__).parent / "data" / "skm-sample.csv"


def run(*args):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def stored(agency):
    with scopes_disabled():
        return SkmResponse.objects.filter(agency=agency).count()


def test_import_skm_imports_the_60_sample_answers(cast, dukcapil_unit):
    code, out, _err = run("import_skm", str(SAMPLE), "--agency", "alpha", "--unit", "DISDUKCAPIL")
    assert code == 0
    assert out.strip() == "imported=60 rejected=0"
    assert stored(cast.a) == 60
    with scopes_disabled():
        first = SkmResponse.objects.filter(agency=cast.a).order_by("pk").first()
    # 05/01/2026, KTP-el, 33 years, L, SD, PNS, answers 3,3,3,3,3,4,3,2,3
    assert (
        first.answered_on.isoformat(),
        first.age_group,
        first.gender,
        first.education,
        first.occupation,
    ) == (
        "2026-01-05",
        "30-39",
        "L",
        "SD",
        "PNS",
    )
    assert first.answers == [3, 3, 3, 3, 3, 4, 3, 2, 3]
    assert first.source == "import"


def test_ikm_command_prints_nrr_per_element_and_the_hand_computed_ikm(cast, dukcapil_unit):
    run("import_skm", str(SAMPLE), "--agency", "alpha", "--unit", "DISDUKCAPIL")

    code, out, _err = run(
        "ikm", "--agency", "alpha", "--unit", "DISDUKCAPIL", "--period", "2026-S1"
    )

    # By hand from the file: the sums of U1…U9 over the 60 respondents.
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sums = [sum(int(row[f"U{n}"]) for row in rows) for n in range(1, 10)]
    assert len(rows) == 60
    assert sums == [190, 185, 170, 205, 180, 186, 192, 160, 178]
    # NRR = sum / 60; IKM = mean of the nine NRR = 1646 / 540; × 25 = 76.2037… → 76.20 → C.
    ikm_value = sum(Fraction(s, 60) for s in sums) / 9
    assert ikm_value == Fraction(1646, 540)
    converted = Decimal(ikm_value.numerator * 25) / Decimal(ikm_value.denominator)
    assert converted.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal("76.20")
    assert code == 0
    assert out.splitlines() == [
        "U1 3.167",
        "U2 3.083",
        "U3 2.833",
        "U4 3.417",
        "U5 3.000",
        "U6 3.100",
        "U7 3.200",
        "U8 2.667",
        "U9 2.967",
        "IKM 76.20 C",
    ]


def test_ikm_command_for_the_whole_agency_and_a_custom_range(cast, dukcapil_unit):
    run("import_skm", str(SAMPLE), "--agency", "alpha", "--unit", "DISDUKCAPIL")
    code, out, _err = run("ikm", "--agency", "alpha", "--period", "2026-01-01:2026-12-31")
    assert code == 0
    assert out.splitlines()[-1] == "IKM 76.20 C"
    code, out, _err = run("ikm", "--agency", "alpha", "--period", "2026", "--method", "weight_0111")
    assert out.splitlines()[-1] == "IKM 76.13 C"  # 1646/60 × 0,111 × 25 = 76.1275 → 76.13


def test_ikm_command_refuses_a_bad_period(cast):
    with pytest.raises(CommandError, match="Unknown period"):
        call_command("ikm", "--agency", "alpha", "--period", "2026-S3", stdout=StringIO())


def test_import_skm_with_a_bad_row_writes_nothing_and_names_row_and_column(
    cast, dukcapil_unit, tmp_path
):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    bad = tmp_path / "skm-bad.csv"
    broken_answer = lines[3].split(",")
    broken_answer[8] = "5"  # U3 outside 1–4 on spreadsheet row 4
    missing_element = lines[5].split(",")
    missing_element[12] = ""  # U7 empty on row 6
    bad.write_text(
        "\n".join(
            [
                header,
                lines[1],
                lines[2],
                ",".join(broken_answer),
                lines[4],
                ",".join(missing_element),
            ]
        )
        + "\n",
        encoding="utf-8",
    )

    code, out, err = run("import_skm", str(bad), "--agency", "alpha", "--unit", "DISDUKCAPIL")

    assert code == 1
    assert out.strip() == "imported=0 rejected=2"
    assert "row 4, column U3: U3 must be 1, 2, 3 or 4, not 5." in err
    assert "row 6, column U7: U7 is not answered." in err
    assert stored(cast.a) == 0


def test_import_skm_reports_a_missing_column(cast, dukcapil_unit, tmp_path):
    bad = tmp_path / "no-u9.csv"
    bad.write_text(
        "tanggal,U1,U2,U3,U4,U5,U6,U7,U8\n05/01/2026,3,3,3,3,3,3,3,3\n", encoding="utf-8"
    )
    code, out, err = run("import_skm", str(bad), "--agency", "alpha", "--unit", "DISDUKCAPIL")
    assert code == 1
    assert "Required columns are missing: U9." in err
    assert stored(cast.a) == 0


def test_import_skm_refuses_an_unknown_unit(cast):
    with pytest.raises(CommandError, match="unknown service unit"):
        call_command(
            "import_skm", str(SAMPLE), "--agency", "alpha", "--unit", "NOPE", stdout=StringIO()
        )


def test_close_stale_complaints_command_prints_how_many(cast):
    code, out, _err = run("close_stale_complaints")
    assert (code, out.strip()) == (0, "closed=0")
