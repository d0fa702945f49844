"""Development paths (jalur) and their SIASN training-history codes (DOMAIN.md).

Path codes KL01–KL12 (classical) and NKL01–NKL13 (non-classical) are stored on every offering
and learning record. SIASN's ``jenisDiklatId`` (1–10) and certificate type letter are derived
from the path code when a record is exported; the mapping for paths the SIASN list does not name
(e.g. kursus, coaching, e-learning) is our choice: they go to 3 Diklat Teknis.
"""

from django.utils.translation import gettext_lazy as _

CLASSICAL = "klasikal"
NON_CLASSICAL = "nonklasikal"

# code, official name (kept in Indonesian: these are the regulation's names), SIASN type id
PATHS = [
    ("KL01", "Pelatihan struktural kepemimpinan", 1),
    ("KL02", "Pelatihan manajerial", 5),
    ("KL03", "Pelatihan teknis", 3),
    ("KL04", "Pelatihan fungsional", 2),
    ("KL05", "Pelatihan sosial kultural", 6),
    ("KL06", "Seminar/konferensi/sarasehan", 9),
    ("KL07", "Workshop/lokakarya", 4),
    ("KL08", "Kursus", 3),
    ("KL09", "Penataran", 3),
    ("KL10", "Bimbingan teknis", 8),
    ("KL11", "Sosialisasi", 7),
    ("KL12", "Klasikal lainnya", 3),
    ("NKL01", "Coaching", 3),
    ("NKL02", "Mentoring", 3),
    ("NKL03", "E-learning", 3),
    ("NKL04", "Pelatihan jarak jauh", 3),
    ("NKL05", "Detasering", 3),
    ("NKL06", "Pembelajaran alam terbuka (outbound)", 3),
    ("NKL07", "Patok banding (benchmarking)", 3),
    ("NKL08", "Pertukaran PNS dengan pegawai swasta/BUMN/BUMD", 3),
    ("NKL09", "Belajar mandiri", 3),
    ("NKL10", "Komunitas belajar", 3),
    ("NKL11", "Bimbingan di tempat kerja", 3),
    ("NKL12", "Magang/praktik kerja", 10),
    ("NKL13", "Nonklasikal lainnya", 3),
]
PATH_NAMES = {code: name for code, name, _type in PATHS}
PATH_SIASN_TYPE = {code: type_id for code, _name, type_id in PATHS}
PATH_CHOICES = [(code, f"{code} · {name}") for code, name, _type in PATHS]
CLASSICAL_CHOICES = [c for c in PATH_CHOICES if c[0].startswith("KL")]
NON_CLASSICAL_CHOICES = [c for c in PATH_CHOICES if c[0].startswith("NKL")]

# SIASN riwayat kursus/diklat type codes with their certificate type letter (DOMAIN.md).
SIASN_TYPES = {
    1: ("Diklat Struktural", ""),
    2: ("Diklat Fungsional", "F"),
    3: ("Diklat Teknis", "T"),
    4: ("Workshop", "P"),
    5: ("Pelatihan Manajerial", ""),
    6: ("Pelatihan Sosial Kultural", ""),
    7: ("Sosialisasi", "P"),
    8: ("Bimbingan Teknis", "P"),
    9: ("Seminar", "P"),
    10: ("Magang", "P"),
}
SIASN_TYPE_CHOICES = [(k, f"{k} · {v[0]}") for k, v in SIASN_TYPES.items()]

MENTORING = "NKL02"
INTERNSHIP = "NKL12"
PROJECT_CHOICES = [
    ("NKL11", "NKL11 · Bimbingan di tempat kerja"),
    ("NKL13", "NKL13 · Nonklasikal lainnya"),
]

FORM_CHOICES = [(CLASSICAL, _("Classical training")), (NON_CLASSICAL, _("Non-classical training"))]


def form_of(path_code):
    """Classical (KLxx) or non-classical (NKLxx)."""
    return NON_CLASSICAL if str(path_code).upper().startswith("NKL") else CLASSICAL


def is_valid(path_code):
    return path_code in PATH_NAMES


def siasn_type(path_code):
    """SIASN ``jenisDiklatId`` for a path code."""
    return PATH_SIASN_TYPE.get(path_code, 3)


def certificate_letter(type_id):
    return SIASN_TYPES.get(type_id, ("", ""))[1]


def label(path_code):
    name = PATH_NAMES.get(path_code)
    return f"{path_code} · {name}" if name else path_code
