"""Plan an agency's people in memory: units, positions, employees and career history.

The plan is a pure function of (tree, region, seed, date): the same call always yields the same
people, so writing it twice can skip what already exists. Every NIP is built with
``compose_nip`` from the person's own birth date, gender and TMT (DOMAIN.md, "NIP"); ranks
follow education and years of service (a regular promotion every four years, capped by
education and position), PPPK get the golongan of their education.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

from binaasn.people import ranks
from binaasn.people.models import CareerEntry, Employee, OrgUnit, Position
from binaasn.people.nip import compose_nip

from .catalogue import HEAD_EDUCATION, MIXES, PT, S2_BASIS, TITLES

# A fixed "today" keeps the demo the same whenever it is seeded.
DEMO_TODAY = datetime.date(2026, 7, 1)

RANK_CODES = [code for code, _ in ranks.PNS_RANKS]
START_RANK = {"SD": 0, "SLTP": 2, "SLTA": 4, "D-I": 4, "D-II": 5, "D-III": 6, "D-IV": 8,
              "S-1": 8, "S-2": 9, "S-3": 10}  # fmt: skip
# Highest rank by regular promotion: pelaksana by education, functional by track.
PELAKSANA_CAP = {"SLTA": 9, "D-III": 10, "D-IV": 11, "S-1": 11, "S-2": 11}
TRACK_CAP = {"keterampilan": 11, "keahlian": 14}
HEAD_RANKS = {
    PT.JPT_PRATAMA: (13, 15),  # IV/b – IV/d
    PT.ADMINISTRATOR: (11, 13),  # III/d – IV/b
    PT.PENGAWAS: (9, 11),  # III/b – III/d
    PT.FUNGSIONAL_KEAHLIAN: (12, 13),  # school heads, Guru Ahli Madya: IV/a – IV/b
}
HEAD_AGES = {
    PT.JPT_PRATAMA: (47, 57),
    PT.ADMINISTRATOR: (42, 56),
    PT.PENGAWAS: (36, 55),
    PT.FUNGSIONAL_KEAHLIAN: (45, 57),
}
PPPK_GOLONGAN = {"SLTA": "V", "D-III": "VII", "D-IV": "IX", "S-1": "IX", "S-2": "X"}
GRADUATION_AGE = {"SLTA": 18, "D-III": 21, "D-IV": 22, "S-1": 23, "S-2": 29}
LEVEL_NAMES = {
    "ahli_pertama": "Ahli Pertama", "ahli_muda": "Ahli Muda", "ahli_madya": "Ahli Madya",
    "ahli_utama": "Ahli Utama", "pemula": "Pemula", "terampil": "Terampil", "mahir": "Mahir",
    "penyelia": "Penyelia",
}  # fmt: skip
KELAS = {
    PT.JPT_UTAMA: 17, PT.JPT_MADYA: 15, PT.JPT_PRATAMA: 14, PT.ADMINISTRATOR: 12,
    PT.PENGAWAS: 9, PT.PELAKSANA: 6, "ahli_pertama": 8, "ahli_muda": 9, "ahli_madya": 11,
    "ahli_utama": 13, "pemula": 5, "terampil": 6, "mahir": 7, "penyelia": 8,
}  # fmt: skip
REFERENCE_NAMES = {
    PT.JPT_UTAMA: "Jabatan Pimpinan Tinggi Utama", PT.JPT_MADYA: "Jabatan Pimpinan Tinggi Madya",
    PT.JPT_PRATAMA: "Jabatan Pimpinan Tinggi Pratama", PT.ADMINISTRATOR: "Jabatan Administrator",
    PT.PENGAWAS: "Jabatan Pengawas", PT.PELAKSANA: "Jabatan Pelaksana",
    PT.FUNGSIONAL_KEAHLIAN: "Jabatan Fungsional Keahlian",
    PT.FUNGSIONAL_KETERAMPILAN: "Jabatan Fungsional Keterampilan",
}  # fmt: skip
REFERENCE_LEVELS = {PT.FUNGSIONAL_KEAHLIAN: "ahli_pertama", PT.FUNGSIONAL_KETERAMPILAN: "terampil"}
SLTA_MAJORS = {
    "SMA IPA": "IPA",
    "SMA IPS": "IPS",
    "SMK Administrasi Perkantoran": "Administrasi Perkantoran",
}
INACTIVE_SHARE = 0.025
INACTIVE_REASONS = (
    (Employee.InactiveReason.PENSIUN, 40),
    (Employee.InactiveReason.MUTASI, 35),
    (Employee.InactiveReason.MENINGGAL, 10),
    (Employee.InactiveReason.BERHENTI, 15),
)
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0857", "0858", "0878", "0896")


@dataclass
class PlannedUnit:
    spec: object
    parent: "PlannedUnit | None"
    obj: OrgUnit
    depth: int
    head: Employee | None = None


@dataclass
class Plan:
    agency: object
    units: list = field(default_factory=list)
    positions: list = field(default_factory=list)
    waves: list = field(default_factory=list)  # employees in write order: supervisors first
    career: list = field(default_factory=list)

    @property
    def employees(self):
        return [e for wave in self.waves for e in wave]

    def unit(self, name):
        return next(pu for pu in self.units if pu.obj.name == name)


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def first_of_month(day):
    return day.replace(day=1)


def ascii_word(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.lower() if ch.isalnum())


class PeoplePlanner:
    """Builds a Plan for one agency; ``seed`` makes it reproducible."""

    def __init__(self, agency, region, *, seed, today=DEMO_TODAY, email_domain=None,
                 decree_office="BKPSDM", career=True):  # fmt: skip
        self.agency = agency
        self.region = region
        self.rng = random.Random(seed)
        self.today = today
        self.email_domain = email_domain or f"{agency.slug}.binaasn.test"
        self.decree_office = decree_office
        self.with_career = career
        self.nips = set()
        self.emails = {}  # local part → how many use it
        self.positions = {}
        self.plan = Plan(agency=agency)
        self.pool_weights = [pool.weight for pool in region.pools]

    # -- the tree -----------------------------------------------------------------------------

    def build(self, tree, *, total=None, every_type=False):
        """Plan every unit of ``tree`` with its head and staff; ``total`` rescales the staff so
        the agency has exactly that many employees; ``every_type`` adds an unheld reference
        position for each position type nobody in the tree holds (JPT Utama and Madya exist
        only in central and provincial government)."""
        self._flatten(tree, None, 0)
        counts = self._staff_counts(total)
        heads, staff = [], []
        chief = None
        for planned, count in zip(self.plan.units, counts, strict=True):
            if planned.spec.head:
                planned.head = self._head(planned)
                heads.append(planned)
                if planned.spec.chief:
                    chief = planned.head
            for _ in range(count):
                staff.append(self._staff(planned))
        self._assign_supervisors(heads, staff, chief)
        waves = {}
        for planned in heads:
            wave = -1 if planned.head is chief else planned.depth
            waves.setdefault(wave, []).append(planned.head)
        self.plan.waves = [waves[k] for k in sorted(waves)] + [staff]
        if every_type:
            held = {p.position_type for p in self.positions.values()}
            for position_type in PT.values:
                if position_type not in held:
                    name = f"{REFERENCE_NAMES[position_type]} (jabatan rujukan)"
                    level = REFERENCE_LEVELS.get(position_type, "")
                    self._position(None, name, position_type, level)
        self.plan.positions = list(self.positions.values())
        if self.with_career:
            for employee in self.plan.employees:
                self.plan.career.extend(self._career(employee))
        return self.plan

    def _flatten(self, spec, parent, depth):
        obj = OrgUnit(
            agency=self.agency, name=spec.name, kind=spec.kind, code=spec.code,
            parent=parent.obj if parent else None,
        )  # fmt: skip
        planned = PlannedUnit(spec=spec, parent=parent, obj=obj, depth=depth)
        self.plan.units.append(planned)
        for child in spec.children:
            self._flatten(child, planned, depth + 1)

    def _staff_counts(self, total):
        base = [pu.spec.staff for pu in self.plan.units]
        if total is None:
            return base
        heads = sum(1 for pu in self.plan.units if pu.spec.head)
        wanted = max(0, total - heads)
        weight = sum(base) or 1
        exact = [b * wanted / weight for b in base]
        counts = [int(x) for x in exact]
        # Hand out what rounding left over to the largest remainders (ties by position).
        order = sorted(range(len(base)), key=lambda i: (counts[i] - exact[i], i))
        for i in order[: wanted - sum(counts)]:
            counts[i] += 1
        return counts

    def _assign_supervisors(self, heads, staff, chief):
        """Each head reports to the head of the nearest unit above; heads of top-level units to
        the Sekretaris Daerah; staff to the head of their own unit (or the nearest above)."""
        by_obj = {id(pu.obj): pu for pu in self.plan.units}

        def nearest_head(planned):
            current = planned
            while current is not None:
                if current.head is not None:
                    return current.head
                current = current.parent
            return None

        for planned in heads:
            if planned.spec.reports_outside or planned.head is chief:
                continue
            boss = nearest_head(planned.parent) if planned.parent else None
            planned.head.supervisor = boss or chief
        for employee in staff:
            planned = by_obj[id(employee.unit)]
            employee.supervisor = nearest_head(planned) or chief

    # -- people -------------------------------------------------------------------------------

    def _head(self, planned):
        spec = planned.spec
        education = HEAD_EDUCATION.get(spec.head_field, HEAD_EDUCATION["admin"])
        track = "keahlian" if spec.head_type == PT.FUNGSIONAL_KEAHLIAN else "struktural"
        position = self._position(planned, spec.head, spec.head_type, spec.head_level)
        return self._person(
            planned, track=track, education=education, female_share=0.35, pppk_share=0,
            ages=HEAD_AGES[spec.head_type], rank_range=HEAD_RANKS[spec.head_type],
            position=position, is_head=True,
        )  # fmt: skip

    def _staff(self, planned):
        posts = MIXES[planned.spec.mix]
        post = self.rng.choices(posts, weights=[p.weight for p in posts])[0]
        return self._person(
            planned, track=post.track, education=post.education, female_share=post.female_share,
            pppk_share=post.pppk_share, ages=(23, 57), family=post.family,
        )  # fmt: skip

    def _person(self, planned, *, track, education, female_share, pppk_share, ages,
                rank_range=None, family=None, position=None, is_head=False):  # fmt: skip
        rng, today = self.rng, self.today
        gender = "P" if rng.random() < female_share else "L"
        level, major = rng.choice(education)
        status = Employee.Status.PPPK if rng.random() < pppk_share else Employee.Status.PNS
        inactive = None
        if not is_head and rng.random() < INACTIVE_SHARE:
            inactive = rng.choices(
                [r for r, _ in INACTIVE_REASONS], weights=[w for _, w in INACTIVE_REASONS]
            )[0]
            if inactive == Employee.InactiveReason.PENSIUN:
                status, ages = Employee.Status.PNS, (58, 59)
        graduation_age = GRADUATION_AGE[level] + rng.randint(0, 2)
        low, high = ages
        age = rng.randint(max(low, graduation_age + 2), max(high, graduation_age + 2))
        if inactive == Employee.InactiveReason.PENSIUN:
            # The 58th birthday (batas usia pensiun of jabatan administrasi) in the last 2 years.
            birth = add_years(today, -58) - datetime.timedelta(days=rng.randint(20, 700))
        else:
            birth = add_years(today, -age) - datetime.timedelta(days=rng.randint(0, 364))
        graduation_year = birth.year + graduation_age
        employee = Employee(
            agency=self.agency, gender=gender, birth_date=birth, status=status,
            unit=planned.obj, education_level=level, graduation_year=graduation_year,
            birth_place=rng.choice(self.region.birth_places),
        )  # fmt: skip
        self._education(employee, level, major)
        if status == Employee.Status.PPPK:
            nip_parts = self._pppk_career(employee, level)
        else:
            nip_parts = self._pns_career(
                employee, level, track, rank_range, allow_cpns=not is_head and not inactive
            )
        if position is None:
            position = self._staff_position(planned, family, track, employee.golongan)
        employee.position = position
        self._tmt_jabatan(employee, is_head)
        self._identity(employee, age, nip_parts)
        if inactive:
            employee.is_active = False
            employee.inactive_reason = inactive
            if inactive == Employee.InactiveReason.PENSIUN:
                employee.inactive_on = first_of_month(add_years(birth, 58)) + datetime.timedelta(
                    days=31
                )
                employee.inactive_on = first_of_month(employee.inactive_on)
            else:
                employee.inactive_on = today - datetime.timedelta(days=rng.randint(30, 700))
        return employee

    def _education(self, employee, level, major):
        rng, region = self.rng, self.region
        if level == "SLTA":
            employee.education_major = SLTA_MAJORS[major]
            employee.education_institution = rng.choice(region.schools)
            return
        front, back = TITLES.get((level, major), ("", ""))
        if level == "S-2":
            basis = rng.choice(S2_BASIS[major])
            front, first = TITLES[("S-1", basis)]
            back = f"{first}, {back}" if first else back
        employee.front_title, employee.back_title = front, back
        employee.education_major = major
        pool = region.universities if level in ("S-1", "S-2") else region.academies
        employee.education_institution = rng.choice(pool)

    def _pppk_career(self, employee, level):
        """First appointment, golongan by education; returns the parts of the NI PPPK."""
        rng, today = self.rng, self.today
        year = max(rng.choice((2021, 2022, 2022, 2023, 2024, 2024, 2025)),
                   employee.graduation_year + 1, employee.birth_date.year + 19)  # fmt: skip
        if year > today.year:  # too young for the draw: appointed this year
            year = today.year
            employee.graduation_year = min(employee.graduation_year, year - 1)
        month = rng.choice((1, 3, 4)) if year < today.year else 1
        employee.tmt_cpns = datetime.date(year, month, 1)
        employee.golongan = PPPK_GOLONGAN.get(level, "IX")
        employee.tmt_golongan = employee.tmt_cpns
        agreements = 2 if year <= 2021 and today.year - year >= 5 else 1
        return {"pppk_year": year, "agreements": agreements}

    def _pns_career(self, employee, level, track, rank_range, allow_cpns):
        """TMT CPNS after studies, rank by years of service within the caps of the track and,
        for heads, the range of their position; returns the parts of the NIP."""
        rng, today = self.rng, self.today
        latest_pns = add_years(today, -1) - datetime.timedelta(days=31)
        start_year = employee.graduation_year + rng.randint(1, 6)
        tmt = datetime.date(start_year, rng.choice((1, 2, 3, 4, 6, 7, 10, 12)), 1)
        if allow_cpns and rng.random() < 0.04:
            tmt = first_of_month(today - datetime.timedelta(days=rng.randint(40, 330)))
        earliest = first_of_month(add_years(employee.birth_date, 19))
        tmt = max(tmt, earliest)
        if tmt > latest_pns:
            if tmt <= today and allow_cpns:
                employee.status = Employee.Status.CPNS
            else:
                tmt = first_of_month(latest_pns)
        if tmt.year <= employee.graduation_year:
            employee.graduation_year = tmt.year - 1
        employee.tmt_cpns = tmt
        start = START_RANK[level]
        years = (today - tmt).days // 365
        steps = 0 if employee.status == Employee.Status.CPNS else years // 4
        if track == "pelaksana":
            cap = PELAKSANA_CAP[level]
        else:
            cap = TRACK_CAP.get(track, 16)
        natural = min(start + steps, max(cap, start))
        rank = natural
        if rank_range:
            rank = min(max(natural, rank_range[0]), rank_range[1])
        employee.golongan = RANK_CODES[rank]
        if rank == start:
            employee.tmt_golongan = tmt
        elif rank == natural:
            employee.tmt_golongan = self._promotion_date(add_years(tmt, 4 * (rank - start)))
        else:  # accelerated or held back by the position: a recent decree
            employee.tmt_golongan = self._promotion_date(
                add_years(today, -rng.randint(0, 3)) - datetime.timedelta(days=200)
            )
        employee.tmt_golongan = max(employee.tmt_golongan, tmt)
        return {"tmt": tmt}

    def _promotion_date(self, around):
        """Regular promotions take effect on 1 April or 1 October."""
        day = datetime.date(around.year, 4 if around.month <= 6 else 10, 1)
        while day > self.today:
            day = datetime.date(day.year - 1, day.month, 1)
        return day

    def _tmt_jabatan(self, employee, is_head):
        rng, today = self.rng, self.today
        start = max(employee.tmt_cpns, employee.tmt_golongan or employee.tmt_cpns)
        if is_head:
            start = max(employee.tmt_cpns, first_of_month(add_years(today, -6)))
        span = max(0, (today - start).days)
        employee.tmt_jabatan = first_of_month(start + datetime.timedelta(days=rng.randint(0, span)))
        employee.tmt_jabatan = max(employee.tmt_jabatan, employee.tmt_cpns)

    def _identity(self, employee, age, nip_parts):
        rng, region = self.rng, self.region
        pool = rng.choices(region.pools, weights=self.pool_weights)[0]
        male = employee.gender == "L"
        given = rng.choice(pool.male if male else pool.female)
        if pool.surnames:
            surname = rng.choice(pool.surnames)
            name = (
                f"{given} br. {surname}" if pool.female_boru and not male else f"{given} {surname}"
            )
        else:
            seconds = pool.seconds_male if male else pool.seconds_female
            name = given if rng.random() < 0.12 else f"{given} {rng.choice(seconds)}"
            if pool.noble and rng.random() < 0.12:
                name = f"{pool.noble[0] if male else pool.noble[1]} {name}"
        employee.name = name
        if (not employee.front_title and not pool.female_boru and age >= 45
                and rng.random() < 0.12 * region.muslim_share):  # fmt: skip
            employee.front_title = "H." if male else "Hj."
        sequence = rng.randint(1, 300)
        while True:
            nip = compose_nip(employee.birth_date, employee.gender, sequence, **nip_parts)
            if nip not in self.nips:
                break
            sequence = sequence % 999 + 1
        self.nips.add(nip)
        employee.nip = nip
        words = [ascii_word(w) for w in name.replace("br.", "").split()]
        words = [w for w in words if w] or ["asn"]
        local = f"{words[0]}.{words[-1]}" if len(words) > 1 else words[0]
        # Local parts hold no digits, so "name2" never collides with another name.
        self.emails[local] = count = self.emails.get(local, 0) + 1
        employee.email = f"{local}{count if count > 1 else ''}@{self.email_domain}"
        employee.phone = rng.choice(PHONE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"
        day = employee.birth_date.day + (40 if employee.gender == "P" else 0)
        employee.nik = (
            rng.choice(region.nik_prefixes)
            + f"{day:02d}{employee.birth_date:%m%y}{rng.randint(1, 999):04d}"
        )
        employee.address = f"{rng.choice(region.streets)} No. {rng.randint(1, 180)}"
        employee.siasn_id = f"{rng.getrandbits(128):032X}"

    # -- positions ----------------------------------------------------------------------------

    def _staff_position(self, planned, family, track, golongan):
        if track == "pelaksana":
            return self._position(planned, family, PT.PELAKSANA, "")
        level = functional_level(track, golongan)
        position_type = (
            PT.FUNGSIONAL_KEAHLIAN if track == "keahlian" else PT.FUNGSIONAL_KETERAMPILAN
        )
        return self._position(planned, f"{family} {LEVEL_NAMES[level]}", position_type, level)

    def _position(self, planned, name, position_type, level):
        key = (id(planned.obj) if planned else None, name)
        if key not in self.positions:
            self.positions[key] = Position(
                agency=self.agency, name=name, position_type=position_type, level=level,
                unit=planned.obj if planned else None,
                kelas_jabatan=KELAS.get(level or position_type),
            )  # fmt: skip
        return self.positions[key]

    # -- career history -----------------------------------------------------------------------

    def _career(self, employee):
        """Rank history from the CPNS start, the current position and, for a few, a move."""
        rng = self.rng
        if rng.random() < 0.3:
            return []
        entries = []

        def entry(kind, on, old, new, code, note=""):
            number = f"{code}/{rng.randint(10, 990)}/{self.decree_office}/{on.year}"
            decree_on = on - datetime.timedelta(days=rng.randint(10, 45))
            entries.append(
                CareerEntry(
                    agency=self.agency,
                    employee=employee,
                    kind=kind,
                    effective_on=on,
                    decree_number=number,
                    decree_on=decree_on,
                    old_value=old,
                    new_value=new,
                    note=note,
                )  # fmt: skip
            )

        if employee.status == Employee.Status.PPPK:
            entry(CareerEntry.Kind.POSITION, employee.tmt_cpns, "", employee.position.name,
                  "800.1.13", "Pengangkatan PPPK")  # fmt: skip
            return entries
        start = START_RANK[employee.education_level]
        current = RANK_CODES.index(employee.golongan)
        entry(CareerEntry.Kind.RANK, employee.tmt_cpns, "", RANK_CODES[start], "813.3", "CPNS")
        steps = list(range(start + 1, current + 1))[-4:]
        span = (employee.tmt_golongan - employee.tmt_cpns).days
        for i, rank in enumerate(steps, start=1):
            on = employee.tmt_cpns + datetime.timedelta(days=span * i // len(steps))
            on = employee.tmt_golongan if i == len(steps) else self._promotion_date(on)
            on = max(on, employee.tmt_cpns)
            entry(CareerEntry.Kind.RANK, on, RANK_CODES[rank - 1], RANK_CODES[rank], "823.3")
        entry(CareerEntry.Kind.POSITION, employee.tmt_jabatan, "", employee.position.name, "821.2")
        if rng.random() < 0.15:
            other = rng.choice(self.plan.units).obj.name
            if other != employee.unit.name:
                entry(CareerEntry.Kind.UNIT, employee.tmt_jabatan, other, employee.unit.name,
                      "824", "Mutasi")  # fmt: skip
        return entries


def functional_level(track, golongan):
    """The functional level (jenjang) that goes with a golongan, for PNS and PPPK."""
    if golongan in ranks.PPPK_GOLONGAN:
        number = ranks.ROMAN.index(golongan) + 1
        if track == "keahlian":
            return "ahli_muda" if number >= 11 else "ahli_pertama"
        return "terampil" if number >= 7 else "pemula"
    index = RANK_CODES.index(golongan)
    if track == "keahlian":
        if index >= 15:
            return "ahli_utama"
        return "ahli_madya" if index >= 12 else "ahli_muda" if index >= 10 else "ahli_pertama"
    if index >= 10:
        return "penyelia"
    return "mahir" if index >= 8 else "terampil" if index >= 5 else "pemula"
