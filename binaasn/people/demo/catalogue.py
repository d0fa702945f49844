"""What the demo agencies are made of: posts (jabatan families), education, and unit trees.

Position names follow the current naming of jabatan pelaksana (Pengadministrasi Perkantoran,
Operator/Pengelola/Penata Layanan Operasional) and of the functional families with their level
("Perawat Terampil", "Guru Ahli Muda"). Unit trees follow a Pemda after the 2021 simplification:
OPD → sekretariat with subbagian, bidang, UPTD (puskesmas, schools).
"""

from dataclasses import dataclass, field

from binaasn.people.models import OrgUnit, Position

PT = Position.Type
KIND = OrgUnit.Kind

# Degree titles by (education level, major). S-2 titles are added after the S-1 title.
TITLES = {
    ("S-1", "Kedokteran"): ("dr.", ""),
    ("S-1", "Kedokteran Gigi"): ("drg.", ""),
    ("S-1", "Keperawatan"): ("", "S.Kep., Ns."),
    ("D-III", "Keperawatan"): ("", "A.Md.Kep."),
    ("D-III", "Kebidanan"): ("", "A.Md.Keb."),
    ("D-IV", "Kebidanan"): ("", "S.Tr.Keb."),
    ("S-1", "Kesehatan Masyarakat"): ("", "S.K.M."),
    ("S-1", "Farmasi"): ("apt.", "S.Farm."),
    ("D-III", "Farmasi"): ("", "A.Md.Farm."),
    ("D-III", "Kesehatan Lingkungan"): ("", "A.Md.KL."),
    ("D-III", "Analis Kesehatan"): ("", "A.Md.AK."),
    ("D-III", "Gizi"): ("", "A.Md.Gz."),
    ("D-III", "Manajemen Informatika"): ("", "A.Md.Kom."),
    ("D-III", "Akuntansi"): ("", "A.Md.Ak."),
    ("D-III", "Administrasi Perkantoran"): ("", "A.Md."),
    ("D-III", "Kearsipan"): ("", "A.Md."),
    ("S-1", "Ilmu Pemerintahan"): ("", "S.IP."),
    ("S-1", "Administrasi Publik"): ("", "S.AP."),
    ("S-1", "Manajemen"): ("", "S.E."),
    ("S-1", "Akuntansi"): ("", "S.Ak."),
    ("S-1", "Ekonomi Pembangunan"): ("", "S.E."),
    ("S-1", "Ilmu Hukum"): ("", "S.H."),
    ("S-1", "Sosiologi"): ("", "S.Sos."),
    ("S-1", "Kesejahteraan Sosial"): ("", "S.Sos."),
    ("S-1", "Psikologi"): ("", "S.Psi."),
    ("S-1", "Teknik Informatika"): ("", "S.Kom."),
    ("S-1", "Sistem Informasi"): ("", "S.Kom."),
    ("S-1", "Statistika"): ("", "S.Stat."),
    ("S-1", "Perencanaan Wilayah dan Kota"): ("", "S.T."),
    ("S-1", "Sejarah"): ("", "S.Hum."),
    ("S-1", "Pendidikan Guru Sekolah Dasar"): ("", "S.Pd."),
    ("S-1", "Pendidikan Matematika"): ("", "S.Pd."),
    ("S-1", "Pendidikan Bahasa Indonesia"): ("", "S.Pd."),
    ("S-1", "Pendidikan Bahasa Inggris"): ("", "S.Pd."),
    ("S-1", "Pendidikan Agama Islam"): ("", "S.Pd."),
    ("S-1", "Pendidikan Jasmani"): ("", "S.Pd."),
    ("S-1", "Pendidikan IPA"): ("", "S.Pd."),
    ("S-2", "Administrasi Publik"): ("", "M.AP."),
    ("S-2", "Manajemen"): ("", "M.M."),
    ("S-2", "Ilmu Hukum"): ("", "M.H."),
    ("S-2", "Ilmu Pemerintahan"): ("", "M.Si."),
    ("S-2", "Kesehatan Masyarakat"): ("", "M.Kes."),
    ("S-2", "Manajemen Pendidikan"): ("", "M.Pd."),
    ("S-2", "Psikologi"): ("", "M.Psi."),
}

# The S-1 a master's degree usually builds on, by S-2 major.
S2_BASIS = {
    "Administrasi Publik": ("Administrasi Publik", "Ilmu Pemerintahan", "Manajemen", "Ilmu Hukum"),
    "Manajemen": ("Manajemen", "Akuntansi", "Ekonomi Pembangunan"),
    "Ilmu Hukum": ("Ilmu Hukum",),
    "Ilmu Pemerintahan": ("Ilmu Pemerintahan", "Sosiologi", "Administrasi Publik"),
    "Kesehatan Masyarakat": ("Kesehatan Masyarakat", "Kedokteran", "Keperawatan"),
    "Manajemen Pendidikan": ("Pendidikan Guru Sekolah Dasar", "Pendidikan Matematika",
                             "Pendidikan Bahasa Indonesia", "Pendidikan IPA"),
    "Psikologi": ("Psikologi",),
}  # fmt: skip

SLTA = (("SLTA", "SMA IPA"), ("SLTA", "SMA IPS"), ("SLTA", "SMK Administrasi Perkantoran"))
ADMIN_S1 = tuple(
    ("S-1", m)
    for m in ("Ilmu Pemerintahan", "Administrasi Publik", "Manajemen", "Akuntansi", "Ilmu Hukum",
              "Sosiologi", "Ekonomi Pembangunan")
)  # fmt: skip
ADMIN_S2 = tuple(("S-2", m) for m in ("Administrasi Publik", "Manajemen", "Ilmu Pemerintahan"))
HEALTH_S = (("S-1", "Kesehatan Masyarakat"), ("S-2", "Kesehatan Masyarakat"), ("S-1", "Kedokteran"))
EDU_S1 = tuple(
    ("S-1", m)
    for m in ("Pendidikan Guru Sekolah Dasar", "Pendidikan Matematika", "Pendidikan IPA",
              "Pendidikan Bahasa Indonesia", "Pendidikan Bahasa Inggris", "Pendidikan Agama Islam",
              "Pendidikan Jasmani")
)  # fmt: skip


@dataclass(frozen=True)
class Post:
    """A kind of staff post: a pelaksana name, or a functional family whose level follows rank."""

    family: str
    track: str  # "pelaksana", "keahlian" or "keterampilan"
    education: tuple  # (level, major) pairs
    weight: int = 1
    pppk_share: float = 0.1
    female_share: float = 0.5


PENGADMINISTRASI = Post("Pengadministrasi Perkantoran", "pelaksana", SLTA, 3, 0.15)
OPERATOR_LAYANAN = Post("Operator Layanan Operasional", "pelaksana", SLTA, 1, 0.2)
D3_ADMIN = tuple(
    ("D-III", m) for m in ("Manajemen Informatika", "Akuntansi", "Administrasi Perkantoran")
)
PENGELOLA_LAYANAN = Post("Pengelola Layanan Operasional", "pelaksana", D3_ADMIN, 2)
PENATA_LAYANAN = Post("Penata Layanan Operasional", "pelaksana", ADMIN_S1, 3)
ANALIS_KEBIJAKAN = Post("Analis Kebijakan", "keahlian", ADMIN_S1 + ADMIN_S2, 1)
PERENCANA = Post(
    "Perencana",
    "keahlian",
    tuple(
        ("S-1", m) for m in ("Ekonomi Pembangunan", "Perencanaan Wilayah dan Kota", "Statistika")
    ),
)
PRANATA_KOMPUTER = Post(
    "Pranata Komputer", "keahlian", (("S-1", "Teknik Informatika"), ("S-1", "Sistem Informasi"))
)
PRANATA_KOMPUTER_T = Post("Pranata Komputer", "keterampilan", (("D-III", "Manajemen Informatika"),))
ARSIPARIS = Post("Arsiparis", "keterampilan", (("D-III", "Kearsipan"),))
ANALIS_KEUANGAN = Post(
    "Analis Keuangan Pusat dan Daerah", "keahlian", (("S-1", "Akuntansi"), ("S-1", "Manajemen")), 2
)
ANALIS_SDM = Post(
    "Analis Sumber Daya Manusia Aparatur",
    "keahlian",
    tuple(("S-1", m) for m in ("Psikologi", "Administrasi Publik", "Manajemen", "Ilmu Hukum")),
    3,
)
ASESOR_SDM = Post(
    "Asesor Sumber Daya Manusia Aparatur", "keahlian", (("S-1", "Psikologi"), ("S-2", "Psikologi"))
)
WIDYAISWARA = Post("Widyaiswara", "keahlian", ADMIN_S2 + (("S-2", "Manajemen Pendidikan"),), 1, 0.0)
DOKTER = Post("Dokter", "keahlian", (("S-1", "Kedokteran"),), 2, 0.25, 0.6)
DOKTER_GIGI = Post("Dokter Gigi", "keahlian", (("S-1", "Kedokteran Gigi"),), 1, 0.25, 0.7)
PERAWAT = Post("Perawat", "keterampilan", (("D-III", "Keperawatan"),), 5, 0.35, 0.7)
PERAWAT_AHLI = Post("Perawat", "keahlian", (("S-1", "Keperawatan"),), 2, 0.35, 0.7)
BIDAN = Post("Bidan", "keterampilan", (("D-III", "Kebidanan"),), 5, 0.35, 1.0)
BIDAN_AHLI = Post("Bidan", "keahlian", (("D-IV", "Kebidanan"),), 1, 0.3, 1.0)
APOTEKER = Post("Apoteker", "keahlian", (("S-1", "Farmasi"),), 1, 0.3, 0.7)
ASISTEN_APOTEKER = Post("Asisten Apoteker", "keterampilan", (("D-III", "Farmasi"),), 1, 0.3, 0.7)
SANITARIAN = Post("Sanitarian", "keterampilan", (("D-III", "Kesehatan Lingkungan"),), 1, 0.3)
PRANATA_LAB = Post(
    "Pranata Laboratorium Kesehatan", "keterampilan", (("D-III", "Analis Kesehatan"),), 1, 0.3, 0.6
)
NUTRISIONIS = Post("Nutrisionis", "keterampilan", (("D-III", "Gizi"),), 1, 0.3, 0.8)
PENYULUH_KESMAS = Post(
    "Penyuluh Kesehatan Masyarakat", "keahlian", (("S-1", "Kesehatan Masyarakat"),), 1, 0.3, 0.6
)
ADMINISTRATOR_KESEHATAN = Post(
    "Administrator Kesehatan", "keahlian",
    (("S-1", "Kesehatan Masyarakat"), ("S-2", "Kesehatan Masyarakat")), 3, 0.1, 0.6,
)  # fmt: skip
EPIDEMIOLOG = Post("Epidemiolog Kesehatan", "keahlian", (("S-1", "Kesehatan Masyarakat"),), 1)
GURU_SD = Post(
    "Guru", "keahlian", (("S-1", "Pendidikan Guru Sekolah Dasar"),) * 4 + EDU_S1[5:], 10, 0.45, 0.7
)
GURU_SMP = Post("Guru", "keahlian", EDU_S1[1:], 10, 0.4, 0.6)
PENGAWAS_SEKOLAH = Post("Pengawas Sekolah", "keahlian", (("S-2", "Manajemen Pendidikan"),), 2, 0.0)
PAMONG_BUDAYA = Post("Pamong Budaya", "keahlian", (("S-1", "Sejarah"),), 2)
ADMINDUK = Post(
    "Administrator Database Kependudukan", "keahlian",
    (("S-1", "Teknik Informatika"), ("S-1", "Sistem Informasi")), 2,
)  # fmt: skip
ADMINDUK_T = Post(
    "Administrator Database Kependudukan", "keterampilan", (("D-III", "Manajemen Informatika"),), 2
)
POLPP = Post("Polisi Pamong Praja", "keterampilan", SLTA[:2], 3, 0.2, 0.2)
PENYULUH_SOSIAL = Post("Penyuluh Sosial", "keahlian", (("S-1", "Kesejahteraan Sosial"),))

# Staff mixes: which posts a unit of each sort is staffed with.
MIXES = {
    "admin": (PENGADMINISTRASI, OPERATOR_LAYANAN, PENGELOLA_LAYANAN, PENATA_LAYANAN,
              ANALIS_KEBIJAKAN, PRANATA_KOMPUTER, ARSIPARIS),
    "finance": (PENATA_LAYANAN, PENGELOLA_LAYANAN, ANALIS_KEUANGAN, PERENCANA, PENGADMINISTRASI),
    "hr": (ANALIS_SDM, ASESOR_SDM, PENATA_LAYANAN, PENGADMINISTRASI, PRANATA_KOMPUTER, WIDYAISWARA),
    "health_office": (ADMINISTRATOR_KESEHATAN, EPIDEMIOLOG, PENYULUH_KESMAS, PENATA_LAYANAN,
                      PENGADMINISTRASI, SANITARIAN),
    "puskesmas": (DOKTER, DOKTER_GIGI, PERAWAT, PERAWAT_AHLI, BIDAN, BIDAN_AHLI, APOTEKER,
                  ASISTEN_APOTEKER, SANITARIAN, PRANATA_LAB, NUTRISIONIS, PENYULUH_KESMAS,
                  PENGADMINISTRASI, PENGELOLA_LAYANAN),
    "education_office": (PENGAWAS_SEKOLAH, ANALIS_KEBIJAKAN, PENATA_LAYANAN, PENGADMINISTRASI,
                         PRANATA_KOMPUTER_T),
    "culture": (PAMONG_BUDAYA, PENATA_LAYANAN, PENGADMINISTRASI),
    "sd": (GURU_SD, PENGADMINISTRASI),
    "smp": (GURU_SMP, PENGADMINISTRASI),
    "dukcapil": (ADMINDUK, ADMINDUK_T, PENGELOLA_LAYANAN, OPERATOR_LAYANAN, PENATA_LAYANAN,
                 ARSIPARIS),
    "kecamatan": (PENATA_LAYANAN, PENGELOLA_LAYANAN, PENGADMINISTRASI, OPERATOR_LAYANAN,
                  ANALIS_KEBIJAKAN),
    "trantib": (POLPP, PENGADMINISTRASI),
    "social": (PENYULUH_SOSIAL, PENATA_LAYANAN, PENGADMINISTRASI),
}  # fmt: skip

# Education of unit heads by the area they lead.
HEAD_EDUCATION = {
    "admin": ADMIN_S1 + ADMIN_S2 * 2,
    "health": HEALTH_S,
    "education": (("S-2", "Manajemen Pendidikan"),) * 2 + EDU_S1[:3],
    "school": EDU_S1 + (("S-2", "Manajemen Pendidikan"),),
    "hr": (("S-2", "Administrasi Publik"), ("S-2", "Psikologi"), ("S-1", "Psikologi")) + ADMIN_S1,
}


@dataclass
class UnitSpec:
    """One unit of a demo tree with its head position and how many staff work in it."""

    name: str
    kind: str
    head: str = ""  # head position name; empty when the unit has no ASN head (the Pemda root)
    head_type: str = ""
    head_level: str = ""  # for heads holding a functional position (school heads)
    head_field: str = "admin"  # key of HEAD_EDUCATION
    staff: int = 0
    mix: str = "admin"
    code: str = ""
    children: list = field(default_factory=list)
    chief: bool = False  # the Sekretaris Daerah: heads of top-level units report to them
    reports_outside: bool = False  # the head's superior sits in another agency


def opd(name, code, mix, staff, children, *, head=None, head_field="admin", sub=(3, 3)):
    """A dinas or badan: its head (JPT Pratama), a sekretariat with two subbagian, children."""
    short = {"BKPSDM": "BKPSDM"}.get(code, name)
    secretariat = UnitSpec(
        f"Sekretariat {short}", KIND.SECRETARIAT, f"Sekretaris {short}", PT.ADMINISTRATOR,
        staff=2, mix="admin",
        children=[
            UnitSpec("Subbagian Umum dan Kepegawaian", KIND.SEKSI,
                     "Kepala Subbagian Umum dan Kepegawaian", PT.PENGAWAS, staff=sub[0]),
            UnitSpec("Subbagian Perencanaan dan Keuangan", KIND.SEKSI,
                     "Kepala Subbagian Perencanaan dan Keuangan", PT.PENGAWAS, staff=sub[1],
                     mix="finance"),
        ],
    )  # fmt: skip
    return UnitSpec(
        name, KIND.OPD, head or f"Kepala {name}", PT.JPT_PRATAMA, head_field=head_field,
        staff=staff, mix=mix, code=code, children=[secretariat, *children],
    )  # fmt: skip


def bidang(name, staff, mix, head_field="admin", *, prefix="Bidang"):
    return UnitSpec(
        f"{prefix} {name}", KIND.BIDANG, f"Kepala {prefix} {name}", PT.ADMINISTRATOR,
        head_field=head_field, staff=staff, mix=mix,
    )  # fmt: skip


def puskesmas(place, staff, *, uptd=True, reports_outside=False):
    name = f"UPTD Puskesmas {place}" if uptd else f"Puskesmas {place}"
    return UnitSpec(
        name, KIND.PUSKESMAS, f"Kepala {name}", PT.PENGAWAS, head_field="health",
        staff=staff, mix="puskesmas", reports_outside=reports_outside,
    )  # fmt: skip


def school(name, staff, *, reports_outside=False):
    """A school; its head is a teacher (Guru Ahli Madya) given the additional task."""
    return UnitSpec(
        name, KIND.SEKOLAH, f"Kepala {name}", PT.FUNGSIONAL_KEAHLIAN, head_level="ahli_madya",
        head_field="school", staff=staff, mix="smp" if name.startswith("SMP") else "sd",
        reports_outside=reports_outside,
    )  # fmt: skip


def seksi(name, staff, mix="kecamatan"):
    return UnitSpec(name, KIND.SEKSI, f"Kepala {name}", PT.PENGAWAS, staff=staff, mix=mix)


def kecamatan(place, staff, children):
    return UnitSpec(
        f"Kecamatan {place}", KIND.KECAMATAN, f"Camat {place}", PT.ADMINISTRATOR,
        staff=staff, mix="kecamatan", children=children,
    )  # fmt: skip


def kelurahan(place, staff):
    return UnitSpec(
        f"Kelurahan {place}", KIND.KELURAHAN, f"Lurah {place}", PT.PENGAWAS,
        staff=staff, mix="kecamatan",
    )  # fmt: skip


def setda(bagian):
    """Sekretariat Daerah: the Sekretaris Daerah (the agency's chief ASN) and the bagian."""
    return UnitSpec(
        "Sekretariat Daerah", KIND.SECRETARIAT, "Sekretaris Daerah", PT.JPT_PRATAMA,
        staff=3, code="SETDA", chief=True,
        children=[bidang(name, staff, mix, prefix="Bagian") for name, staff, mix in bagian],
    )  # fmt: skip


def bkpsdm(staff_scale=1):
    return opd(
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "hr", 0,
        [
            bidang("Pengadaan, Pemberhentian dan Informasi Kepegawaian", 5 * staff_scale, "hr"),
            bidang("Mutasi dan Promosi", 4 * staff_scale, "hr"),
            bidang("Pengembangan Kompetensi Aparatur", 6 * staff_scale, "hr"),
            bidang("Penilaian Kinerja Aparatur dan Penghargaan", 4 * staff_scale, "hr"),
        ],
        head="Kepala BKPSDM", head_field="hr",
    )  # fmt: skip


def dukcapil(staff=(7, 6, 5)):
    return opd(
        "Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", "dukcapil", 0,
        [
            bidang("Pelayanan Pendaftaran Penduduk", staff[0], "dukcapil"),
            bidang("Pelayanan Pencatatan Sipil", staff[1], "dukcapil"),
            bidang("Pengelolaan Informasi Administrasi Kependudukan", staff[2], "dukcapil"),
        ],
        sub=(2, 2),
    )  # fmt: skip


def dinkes(puskesmas_units):
    return opd(
        "Dinas Kesehatan", "DINKES", "health_office", 0,
        [
            bidang("Kesehatan Masyarakat", 6, "health_office", "health"),
            bidang("Pencegahan dan Pengendalian Penyakit", 6, "health_office", "health"),
            bidang("Pelayanan dan Sumber Daya Kesehatan", 5, "health_office", "health"),
            *puskesmas_units,
        ],
        head_field="health",
    )  # fmt: skip


def dikbud(name, schools):
    return opd(
        name, "DIKBUD", "education_office", 0,
        [
            bidang("Pembinaan Sekolah Dasar", 5, "education_office", "education"),
            bidang("Pembinaan Sekolah Menengah Pertama", 5, "education_office", "education"),
            bidang("Kebudayaan", 4, "culture", "education"),
            *schools,
        ],
        head_field="education",
    )  # fmt: skip


STANDARD_BAGIAN = [
    ("Pemerintahan", 5, "admin"),
    ("Hukum", 4, "admin"),
    ("Organisasi", 4, "admin"),
    ("Perencanaan dan Keuangan", 6, "finance"),
    ("Umum", 7, "admin"),
]


def gorontalo_tree():
    return UnitSpec("Pemerintah Kabupaten Gorontalo", KIND.PEMDA, children=[
        setda(STANDARD_BAGIAN),
        bkpsdm(),
        dinkes([puskesmas("Telaga", 28), puskesmas("Limboto", 30), puskesmas("Tibawa", 24)]),
        dikbud("Dinas Pendidikan dan Kebudayaan", [
            school("SD Negeri 1 Limboto", 12), school("SD Negeri 3 Telaga", 10),
            school("SD Negeri 2 Tibawa", 9), school("SMP Negeri 1 Limboto", 22),
            school("SMP Negeri 2 Telaga", 18),
        ]),
        dukcapil(),
        kecamatan("Limboto", 4, [seksi("Seksi Pemerintahan", 3), seksi("Seksi Pelayanan Umum", 3)]),
    ])  # fmt: skip


CANDISARI_KELURAHAN = (
    "Candi",
    "Jatingaleh",
    "Jomblang",
    "Kaliwiru",
    "Karanganyar Gunung",
    "Tegalsari",
    "Wonotingal",
)


def candisari_tree():
    """Kecamatan Candisari, Kota Semarang: the camat's office, its seksi, its seven kelurahan,
    and the puskesmas and state primary schools in the area (their heads report to the Dinas of
    Kota Semarang, outside this agency)."""
    schools = [
        "SD Negeri Candi 01", "SD Negeri Jatingaleh 01", "SD Negeri Jatingaleh 02",
        "SD Negeri Jomblang 01", "SD Negeri Jomblang 02", "SD Negeri Kaliwiru",
        "SD Negeri Karanganyar Gunung 01", "SD Negeri Karanganyar Gunung 02",
        "SD Negeri Tegalsari 01", "SD Negeri Tegalsari 02", "SD Negeri Wonotingal",
    ]  # fmt: skip
    return UnitSpec(
        "Kecamatan Candisari", KIND.KECAMATAN, "Camat Candisari", PT.ADMINISTRATOR,
        staff=2, mix="kecamatan",
        children=[
            UnitSpec(
                "Sekretariat Kecamatan", KIND.SECRETARIAT, "Sekretaris Kecamatan",
                PT.ADMINISTRATOR, staff=2, code="SEKCAM",
                children=[
                    seksi("Subbagian Umum dan Kepegawaian", 4, "admin"),
                    seksi("Subbagian Perencanaan dan Keuangan", 3, "finance"),
                ],
            ),
            seksi("Seksi Pemerintahan", 4),
            seksi("Seksi Ketenteraman dan Ketertiban Umum", 8, "trantib"),
            seksi("Seksi Kesejahteraan Sosial", 4, "social"),
            seksi("Seksi Pemberdayaan Masyarakat dan Pembangunan", 4),
            *[kelurahan(place, 7) for place in CANDISARI_KELURAHAN],
            puskesmas("Candilama", 34, uptd=False, reports_outside=True),
            puskesmas("Kagok", 30, uptd=False, reports_outside=True),
            *[school(name, 13, reports_outside=True) for name in schools],
        ],
    )  # fmt: skip


def aceh_tenggara_tree():
    return UnitSpec("Pemerintah Kabupaten Aceh Tenggara", KIND.PEMDA, children=[
        setda(STANDARD_BAGIAN[:3] + [("Keistimewaan Aceh dan Kesejahteraan Rakyat", 4, "social")]
              + STANDARD_BAGIAN[3:]),
        bkpsdm(),
        dinkes([puskesmas("Kutacane", 30), puskesmas("Lawe Sigala-gala", 26),
                puskesmas("Babussalam", 22)]),
        dikbud("Dinas Pendidikan", [
            school("SD Negeri 1 Kutacane", 12), school("SD Negeri 2 Babussalam", 10),
            school("SD Negeri 1 Lawe Bulan", 9), school("SMP Negeri 1 Kutacane", 22),
            school("SMP Negeri 2 Kutacane", 17),
        ]),
        dukcapil((6, 6, 5)),
        opd("Dinas Syariat Islam", "DSI", "admin", 0, [
            bidang("Pembinaan Syariat Islam", 4, "admin"),
            bidang("Dakwah dan Pendidikan Dayah", 4, "admin"),
        ], sub=(2, 2)),
        kecamatan("Babussalam", 4, [
            seksi("Seksi Pemerintahan", 3), seksi("Seksi Pelayanan Umum", 3),
        ]),
    ])  # fmt: skip
