"""Golongan/ruang and pangkat of PNS, and PPPK golongan I–XVII (DOMAIN.md, "Rank").

Imports write a rank in many ways (``III/a``, ``III a``, ``3a``, ``IIIa``, SIASN id ``31``);
``normalize_golongan`` turns each into the one canonical form stored in the database.
"""

import re

PNS_RANKS = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
PANGKAT = dict(PNS_RANKS)
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
         "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]  # fmt: skip
PPPK_GOLONGAN = ROMAN
_ARABIC_TO_ROMAN = {str(i + 1): r for i, r in enumerate(ROMAN)}
_PNS_MAX_ROOM = {"I": "d", "II": "d", "III": "d", "IV": "e"}

# SIASN "GOL AKHIR ID": 11 = I/a ... 45 = IV/e; PPPK ids 51–67 = I–XVII are not relied on.
SIASN_GOLONGAN_ID = {
    f"{major}{minor}": f"{ROMAN[major - 1]}/{'abcde'[minor - 1]}"
    for major in range(1, 5)
    for minor in range(1, 6)
    if not (major < 4 and minor == 5)
}

PNS_CHOICES = [(code, f"{code} – {name}") for code, name in PNS_RANKS]
PPPK_CHOICES = [(g, g) for g in PPPK_GOLONGAN]
ALL_CHOICES = PNS_CHOICES + [(g, f"{g} (PPPK)") for g in PPPK_GOLONGAN]

_PNS_PATTERN = re.compile(r"^(IV|III|II|I|[1-4])\s*[/\-. ]?\s*([A-Ea-e])$")


def normalize_pns_golongan(value):
    """Return the canonical PNS golongan (``III/a``) or None when the value is not one."""
    text = str(value or "").strip().upper().replace("  ", " ")
    if not text:
        return None
    if text in SIASN_GOLONGAN_ID:
        return SIASN_GOLONGAN_ID[text]
    match = _PNS_PATTERN.match(text)
    if not match:
        return None
    major, room = match.group(1), match.group(2).lower()
    if major.isdigit():
        major = ROMAN[int(major) - 1]
    if room > _PNS_MAX_ROOM[major]:
        return None
    return f"{major}/{room}"


def normalize_pppk_golongan(value):
    """Return the canonical PPPK golongan (roman I–XVII) or None."""
    text = str(value or "").strip().upper()
    if text in ROMAN:
        return text
    if text in _ARABIC_TO_ROMAN:
        return _ARABIC_TO_ROMAN[text]
    return None


def normalize_golongan(value, status):
    """Canonical golongan for an employee status (``PNS``, ``CPNS`` or ``PPPK``), else None."""
    if status == "PPPK":
        return normalize_pppk_golongan(value)
    return normalize_pns_golongan(value)


def pangkat_for(golongan):
    return PANGKAT.get(golongan, "")


def rank_order(golongan):
    """A number that orders ranks, for seniority comparisons (PNS and PPPK kept apart)."""
    if golongan in PANGKAT:
        return [code for code, _ in PNS_RANKS].index(golongan) + 1
    if golongan in ROMAN:
        return ROMAN.index(golongan) + 1
    return 0
