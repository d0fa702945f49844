"""Coverage forecast rules (coverage.py)."""

from binaasn.planning.coverage import ProgrammeSeats, allocate, summarise


def test_named_participants_always_get_the_jp():
    planned = allocate([1, 2, 3], [ProgrammeSeats(jp=24, eligible=[1, 2], seats=2, named=True)])
    assert planned == {1: 24, 2: 24, 3: 0}


def test_seats_go_to_those_with_the_fewest_jp_planned():
    programmes = [
        ProgrammeSeats(jp=16, eligible=[1], seats=1),
        ProgrammeSeats(jp=8, eligible=[1, 2, 3], seats=2),
    ]
    # Employee 1 already has 16 JP, so the two seats go to 2 and 3.
    assert allocate([1, 2, 3], programmes) == {1: 16, 2: 8, 3: 8}


def test_summary_counts_pns_against_20_and_pppk_against_24():
    people = [
        (1, "PNS", "A"),
        (2, "PNS", "A"),
        (3, "CPNS", "A"),
        (4, "PPPK", "A"),
        (5, "PPPK", "B"),
    ]
    planned = {1: 20, 2: 19, 3: 24, 4: 32, 5: 24}
    summary = summarise(people, planned)
    assert (
        summary["A"]["pns"] == 3
        and summary["A"]["pns_reached"] == 2
        and summary["A"]["pns_short"] == 1
    )
    assert summary["A"]["pppk"] == 1 and summary["A"]["pppk_over"] == 1
    assert summary["B"]["pppk_over"] == 0 and summary["B"]["percent"] is None
    assert summary["A"]["percent"] == 67
