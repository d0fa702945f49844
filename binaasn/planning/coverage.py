"""Coverage forecast of a development plan: who reaches the yearly JP if it runs as planned.

PP 11/2017 art. 203(4) as amended by PP 17/2020: every PNS at least 20 JP a year.
PP 49/2018 art. 40(1): PPPK at most 24 JP per contract year. Pure, no ORM.

Seats: a programme names its participants (named ASN) or targets units and position types
with a participant count. When the eligible ASN outnumber the seats, the forecast gives the
seats to the eligible ASN with the fewest JP planned so far (ties: the lower id), programme by
programme in the order of the plan's calendar: the allocation a fair planner would make.
"""

import heapq
from dataclasses import dataclass

PNS_MINIMUM_JP = 20
PPPK_CEILING_JP = 24


@dataclass
class ProgrammeSeats:
    jp: int
    eligible: list  # employee ids
    seats: int  # participant count
    named: bool = False  # named ASN always take part


def allocate(employee_ids, programmes):
    """Planned JP per employee of ``employee_ids`` for ``programmes`` (in calendar order)."""
    planned = {pk: 0 for pk in employee_ids}
    for programme in programmes:
        eligible = [pk for pk in dict.fromkeys(programme.eligible) if pk in planned]
        if not programme.named and programme.seats < len(eligible):
            eligible = heapq.nsmallest(
                max(programme.seats, 0), eligible, key=lambda pk: (planned[pk], pk)
            )
        for pk in eligible:
            planned[pk] += programme.jp
    return planned


def summarise(people, planned):
    """Per group: PNS/CPNS counted against 20 JP, PPPK against the 24 JP ceiling.

    ``people``: iterable of (employee id, status, group key). Returns {group: counts}.
    """
    groups = {}
    for pk, status, group in people:
        row = groups.setdefault(
            group, {"pns": 0, "pns_reached": 0, "pppk": 0, "pppk_over": 0, "jp": 0}
        )
        jp = planned.get(pk, 0)
        row["jp"] += jp
        if status == "PPPK":
            row["pppk"] += 1
            if jp > PPPK_CEILING_JP:
                row["pppk_over"] += 1
        else:
            row["pns"] += 1
            if jp >= PNS_MINIMUM_JP:
                row["pns_reached"] += 1
    for row in groups.values():
        row["pns_short"] = row["pns"] - row["pns_reached"]
        row["percent"] = round(row["pns_reached"] * 100 / row["pns"]) if row["pns"] else None
    return groups
