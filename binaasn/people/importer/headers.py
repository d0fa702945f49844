"""Column headers of SIASN "data ASN" downloads and the variations found in the field.

A header is matched after trimming, dropping a byte-order mark, upper-casing and turning ``_``,
``.`` and runs of spaces into one space; then a few aliases lead to the SIASN name.
"""

import re

# The SIASN columns the importer reads; every other column is ignored.
NIP = "NIP BARU"
NAME = "NAMA"
REQUIRED = (NIP, NAME)

KNOWN = {
    "PNS ID",
    NIP,
    NAME,
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "TEMPAT LAHIR NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "NIK",
    "NOMOR HP",
    "EMAIL",
    "EMAIL GOV",
    "ALAMAT",
    "JENIS PEGAWAI NAMA",
    "KEDUDUKAN HUKUM ID",
    "KEDUDUKAN HUKUM NAMA",
    "STATUS CPNS PNS",
    "STATUS PEGAWAI",
    "TMT CPNS",
    "GOL AKHIR ID",
    "GOL AKHIR NAMA",
    "TMT GOLONGAN",
    "JENIS JABATAN ID",
    "JENIS JABATAN NAMA",
    "JABATAN ID",
    "JABATAN NAMA",
    "TMT JABATAN",
    "ESELON ID",
    "ESELON NAMA",
    "TINGKAT PENDIDIKAN ID",
    "TINGKAT PENDIDIKAN NAMA",
    "PENDIDIKAN NAMA",
    "NAMA SEKOLAH",
    "TAHUN LULUS",
    "UNOR ID",
    "UNOR NAMA",
    "SATUAN KERJA KERJA ID",
    "SATUAN KERJA KERJA NAMA",
}

ALIASES = {
    "NIP": NIP,
    "TGL LAHIR": "TANGGAL LAHIR",
    "TGL LHR": "TANGGAL LAHIR",
    "TEMPAT LAHIR": "TEMPAT LAHIR NAMA",
    "GELAR BLKG": "GELAR BELAKANG",
    "GOLONGAN": "GOL AKHIR NAMA",
    "GOL AKHIR": "GOL AKHIR NAMA",
    "GOL RUANG": "GOL AKHIR NAMA",
    "JABATAN": "JABATAN NAMA",
    "NAMA JABATAN": "JABATAN NAMA",
    "JENIS JABATAN": "JENIS JABATAN NAMA",
    "NAMA UNOR": "UNOR NAMA",
    "UNIT KERJA": "UNOR NAMA",
    "UNOR INDUK NAMA": "SATUAN KERJA KERJA NAMA",
    "UNOR INDUK": "SATUAN KERJA KERJA NAMA",
    "SATKER": "SATUAN KERJA KERJA NAMA",
    "NO HP": "NOMOR HP",
}

_SEPARATORS = re.compile(r"[\s_.]+")


def normalize_header(value):
    """``" nip_baru\ufeff"`` → ``"NIP BARU"``."""
    text = str(value if value is not None else "").replace("\ufeff", "")
    return _SEPARATORS.sub(" ", text).strip().upper()


class Columns:
    """Where each known column sits in the file, and how the file itself names it."""

    def __init__(self, raw_headers):
        self.raw = [
            str(h if h is not None else "").replace("\ufeff", "").strip() for h in raw_headers
        ]
        self.index = {}
        self.label = {}
        aliased = []
        for position, raw in enumerate(self.raw):
            name = normalize_header(raw)
            if name in KNOWN:
                if name not in self.index:
                    self.index[name] = position
                    self.label[name] = raw
            elif name in ALIASES:
                aliased.append((ALIASES[name], position, raw))
        # An alias fills a column only when the file lacks the column under its SIASN name.
        for name, position, raw in aliased:
            if name not in self.index:
                self.index[name] = position
                self.label[name] = raw
        used = set(self.index.values())
        self.ignored = [
            raw for position, raw in enumerate(self.raw) if position not in used and raw
        ]

    def __contains__(self, name):
        return name in self.index

    def missing_required(self):
        return [name for name in REQUIRED if name not in self.index]

    def name_in_file(self, name):
        """The header as the user wrote it, for messages; the SIASN name when absent."""
        return self.label.get(name, name)
