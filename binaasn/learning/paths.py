"""Development paths (jalur) and their SIASN training-history codes (DOMAIN.md).

Path codes KL01–KL12 (classical) and NKL01–NKL13 (non-classical) are stored on every offering
and learning record. SIASN's ``jenisDiklatId`` (1–10) and certificate type letter are derived
from the path code when a record is exported; the mapping for paths the SIASN list does not name
(e.g. kursus, coaching, e-learning) is our choice: they go to 3 Diklat Teknis.
"""

from django.utils.translation import gettext_lazy as _

from binaasn.planning import paths as planning_paths

CLASSICAL = "klasikal"
NON_CLASSICAL = "nonklasikal"

# The path codes and their official names are planning's (one list for the product); here only
# what the learning record adds: the SIASN type id of each path. Paths the SIASN list does not
# name go to 3 (Diklat Teknis).
PATHS = planning_paths.PATHS
PATH_NAMES = planning_paths.PATH_NAMES
PATH_CHOICES = planning_paths.PATH_CHOICES
PATH_SIASN_TYPE = {
    "KL01": 1,
    "KL02": 5,
    "KL04": 2,
    "KL05": 6,
    "KL06": 9,
    "KL07": 4,
    "KL10": 8,
    "KL11": 7,
    "NKL12": 10,
}
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
