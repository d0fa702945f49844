"""Indeks Kepuasan Masyarakat (IKM) per PermenPANRB No. 14 Tahun 2017 tentang Pedoman
Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.

Pure functions, no ORM; exact arithmetic with ``fractions.Fraction`` so that the only rounding is
the one the regulation prints (see /docs/panduan/skm-ikm.md and DOMAIN.md "SKM and IKM"):

1. NRR per unsur = sum of its answers / number of respondents who answered it.
2. IKM (scale 1–4) = Σ NRR × weight. Default method "exact": weight 1/n over the n answered
   unsur, i.e. the exact mean of the NRR values. Option "weight 0,111": the regulation's example
   weight rounded to three decimals (1/n rounded half-up, 0,111 for nine unsur).
3. Converted IKM = IKM × 25, rounded once, half-up, to 2 decimals (76.605 → 76.61).
4. Mutu and kinerja from the rounded converted value only (the 1–4 bands leave gaps);
   per-unsur letters use the same bands on NRR × 25.

Results made under the 2004 rules (KEP/25/M.PAN/2/2004, 14 unsur) keep their own bands and
are never reclassified with the 2017 ones.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

METHOD_EXACT = "exact"
METHOD_WEIGHT_0111 = "weight_0111"
METHODS = (METHOD_EXACT, METHOD_WEIGHT_0111)

REGULATION_2017 = "permenpanrb-14-2017"
REGULATION_2004 = "kepmenpan-25-2004"
REGULATION_CHOICES = [
    (REGULATION_2017, "PermenPANRB 14/2017 (9 unsur)"),
    (REGULATION_2004, "KEP/25/M.PAN/2/2004 (14 unsur)"),
]

# Two answers share one stored integer (low + high · PAIR_BASE); see ``unpack_pair``.
PAIR_BASE = 2**32


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    answers: tuple  # wording of answers 1 → 4


ELEMENTS = (
    Element("U1", "Persyaratan", ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Element(
        "U2",
        "Sistem, mekanisme, dan prosedur",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    ),
    Element("U3", "Waktu penyelesaian", ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    Element("U4", "Biaya/tarif", ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Element(
        "U5",
        "Produk spesifikasi jenis pelayanan",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    ),
    Element(
        "U6",
        "Kompetensi pelaksana",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    ),
    Element(
        "U7",
        "Perilaku pelaksana",
        (
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ),
    ),
    Element(
        "U8",
        "Penanganan pengaduan, saran dan masukan",
        (
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ),
    ),
    Element("U9", "Sarana dan prasarana", ("Buruk", "Cukup", "Baik", "Sangat baik")),
)
ELEMENT_CODES = tuple(element.code for element in ELEMENTS)

# (lowest converted value, mutu, kinerja), best first.
BANDS = {
    REGULATION_2017: (
        (Decimal("88.31"), "A", "Sangat Baik"),
        (Decimal("76.61"), "B", "Baik"),
        (Decimal("65.00"), "C", "Kurang Baik"),
        (Decimal("25.00"), "D", "Tidak Baik"),
    ),
    REGULATION_2004: (
        (Decimal("81.26"), "A", "Sangat Baik"),
        (Decimal("62.51"), "B", "Baik"),
        (Decimal("43.76"), "C", "Kurang Baik"),
        (Decimal("25.00"), "D", "Tidak Baik"),
    ),
}
KINERJA = {mutu: kinerja for _low, mutu, kinerja in BANDS[REGULATION_2017]}

WEIGHT_0111 = Fraction(111, 1000)


def round_half_up(value, places=2):
    """``value`` (Fraction, Decimal or int) rounded once, half-up, to ``places`` decimals."""
    value = Fraction(value)
    scale = 10**places
    scaled = value * scale
    sign = -1 if scaled < 0 else 1
    rounded = sign * math.floor(abs(scaled) + Fraction(1, 2))
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def converted_value(ikm):
    """IKM × 25, rounded once, half-up, to 2 decimals."""
    return round_half_up(Fraction(ikm) * 25, 2)


def mutu_for(converted, regulation=REGULATION_2017):
    """The mutu letter of a converted (already rounded) value under ``regulation``."""
    converted = Decimal(converted)
    for low, mutu, _kinerja in BANDS[regulation]:
        if converted >= low:
            return mutu
    return "D"


def kinerja_for(mutu):
    return KINERJA[mutu]


def nrr(total, count):
    """Nilai rata-rata of one unsur: the sum of its answers over the respondents who answered."""
    if not count:
        return None
    return Fraction(total, count)


def weight_for(method, answered):
    """The weight of each answered unsur: exactly 1/n, or 1/n rounded to 0,111 style."""
    if method == METHOD_EXACT:
        return Fraction(1, answered)
    if method == METHOD_WEIGHT_0111:
        return Fraction(round_half_up(Fraction(1, answered), 3))
    raise ValueError(f"unknown IKM method {method!r}")


@dataclass(frozen=True)
class IkmResult:
    method: str
    respondents: int
    nrr: tuple  # Fraction per unsur (None when nobody answered it)
    weight: Fraction
    ikm: Fraction  # scale 1–4, exact
    converted: Decimal  # × 25, rounded once
    mutu: str
    kinerja: str

    @property
    def element_converted(self):
        return tuple(None if v is None else converted_value(v) for v in self.nrr)

    @property
    def element_mutu(self):
        return tuple(None if v is None else mutu_for(v) for v in self.element_converted)

    @property
    def ikm_display(self):
        return round_half_up(self.ikm, 4)

    def nrr_display(self, places=3):
        return tuple(None if v is None else round_half_up(v, places) for v in self.nrr)

    def weakest(self, count=3):
        """Indexes of up to ``count`` unsur with the lowest NRR below the IKM itself (lowest
        first; ties in unsur order). When every NRR is equal, none stands out."""
        answered = [(v, i) for i, v in enumerate(self.nrr) if v is not None and v < self.ikm]
        return [i for _v, i in sorted(answered)[:count]]


def ikm_from_nrr(nrr_values, method=METHOD_EXACT, respondents=0):
    """IKM from NRR values (Fraction, Decimal, int or None for an unsur nobody answered)."""
    values = tuple(None if v is None else Fraction(v) for v in nrr_values)
    answered = [v for v in values if v is not None]
    if not answered:
        raise ValueError("no answered unsur")
    weight = weight_for(method, len(answered))
    index = sum(answered, Fraction(0)) * weight
    converted = converted_value(index)
    mutu = mutu_for(converted)
    return IkmResult(
        method=method,
        respondents=respondents,
        nrr=values,
        weight=weight,
        ikm=index,
        converted=converted,
        mutu=mutu,
        kinerja=kinerja_for(mutu),
    )


def compute_ikm(totals, counts, method=METHOD_EXACT, respondents=None):
    """IKM from the sum of answers and the number of answers per unsur (nine of each).

    Returns None when nobody answered.
    """
    values = [nrr(total or 0, count or 0) for total, count in zip(totals, counts, strict=True)]
    if all(v is None for v in values):
        return None
    if respondents is None:
        respondents = max(count or 0 for count in counts)
    return ikm_from_nrr(values, method=method, respondents=respondents)


def compute_ikm_from_answers(rows, method=METHOD_EXACT):
    """IKM from answer rows (each a sequence of nine 1–4 values or None); for small data."""
    totals = [0] * len(ELEMENTS)
    counts = [0] * len(ELEMENTS)
    respondents = 0
    for row in rows:
        respondents += 1
        for i, answer in enumerate(row):
            if answer is not None:
                totals[i] += answer
                counts[i] += 1
    return compute_ikm(totals, counts, method=method, respondents=respondents)


def unpack_pair(total):
    """Split the sum of packed pairs (low + high · PAIR_BASE) into the two sums."""
    total = int(total or 0)
    return total % PAIR_BASE, total // PAIR_BASE


# Krejcie & Morgan (1970): χ² for one degree of freedom at 95 %, P = 0.5, d = 0.05.
CHI_SQUARE = Decimal("3.841")
PROPORTION = Decimal("0.5")
MARGIN = Decimal("0.05")
LARGEST_TABLE_SAMPLE = 384  # the table's value for N ≥ 1,000,000


def minimum_sample(population):
    """Minimum number of respondents for ``population`` service users (Krejcie & Morgan)."""
    if population is None or population <= 0:
        return None
    if population >= 1_000_000:
        return LARGEST_TABLE_SAMPLE
    n = Decimal(population)
    pq = PROPORTION * (1 - PROPORTION)
    sample = CHI_SQUARE * n * pq / (MARGIN**2 * (n - 1) + CHI_SQUARE * pq)
    return min(math.ceil(sample), LARGEST_TABLE_SAMPLE)
