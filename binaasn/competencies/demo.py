"""Demo competencies of a demo agency: its technical competencies, a standard for every
position, and supervisor (and some self and assessment-centre) assessments of its ASN.

``seed(agency)`` is deterministic (a random generator seeded by the agency's slug) and
idempotent (it writes only what is missing); ``seed_competencies(ctx)`` is the step of
binaasn/core/demo.py.
"""

import datetime
import hashlib
import random

from binaasn.people.models import Employee, Position

from . import services
from .models import Assessment, Competency, PositionStandard

# name, group, code, level descriptions 1–5, position types that require it (and the level)
TECHNICAL = {
    "gorontalo": [
        ("Manajemen Proyek", "Manajemen", "T-PM", ("administrator", "pengawas", "jpt_pratama"), 3),
        (
            "Layanan E-Government",
            "Teknologi Informasi",
            "T-EGOV",
            ("pelaksana", "fungsional_keahlian", "fungsional_keterampilan"),
            3,
        ),
    ],
    "candisari": [
        (
            "Pemanfaatan Teknologi Informasi dalam Pelayanan",
            "Teknologi Informasi",
            "T-TI",
            ("pelaksana", "pengawas", "fungsional_keterampilan", "fungsional_keahlian"),
            3,
        ),
        (
            "Pengelolaan Data Kependudukan",
            "Kependudukan",
            "T-DATA",
            ("pelaksana", "pengawas", "administrator"),
            2,
        ),
    ],
    "kutacane": [
        (
            "Tata Kelola Pemerintahan yang Baik",
            "Tata Kelola",
            "T-GG",
            ("administrator", "pengawas", "jpt_pratama", "fungsional_keahlian"),
            3,
        ),
        (
            "Perencanaan Program dan Anggaran",
            "Perencanaan",
            "T-PPA",
            ("administrator", "pengawas", "pelaksana"),
            2,
        ),
    ],
}

LEVEL_TEXTS = {
    "Manajemen Proyek": [
        "Memahami siklus proyek dan perannya di dalam tim proyek.",
        "Menyusun jadwal dan rincian kerja bagian proyek yang menjadi tugasnya.",
        "Merencanakan, memantau dan melaporkan satu proyek unit dari awal sampai selesai.",
        "Mengelola beberapa proyek lintas unit beserta risiko dan anggarannya.",
        "Menetapkan tata kelola proyek instansi dan membina manajer proyek lain.",
    ],
    "Layanan E-Government": [
        "Menggunakan aplikasi layanan pemerintah sesuai petunjuk.",
        "Melayani warga melalui kanal daring dan membantu mereka yang kesulitan.",
        "Mengelola satu layanan daring unit dan memperbaiki alurnya.",
        "Merancang integrasi layanan daring lintas unit.",
        "Menetapkan arsitektur dan kebijakan SPBE instansi.",
    ],
    "Pemanfaatan Teknologi Informasi dalam Pelayanan": [
        "Mengoperasikan komputer dan aplikasi perkantoran dasar.",
        "Menggunakan aplikasi layanan kecamatan untuk melayani warga.",
        "Membimbing warga dan rekan memakai layanan daring.",
        "Mengusulkan perbaikan aplikasi dari data keluhan layanan.",
        "Memimpin digitalisasi layanan di tingkat kecamatan.",
    ],
    "Pengelolaan Data Kependudukan": [
        "Mencatat data kependudukan sesuai formulir.",
        "Memeriksa kelengkapan dan kebenaran data sebelum diproses.",
        "Mengolah dan memutakhirkan data kelurahan secara berkala.",
        "Menganalisis data kependudukan untuk perencanaan wilayah.",
        "Merancang sistem informasi data kependudukan wilayah.",
    ],
    "Tata Kelola Pemerintahan yang Baik": [
        "Memahami prinsip transparansi, akuntabilitas dan partisipasi.",
        "Menerapkan prosedur kerja yang transparan dalam tugasnya.",
        "Menyusun rencana kerja unit yang terukur dan dapat dipertanggungjawabkan.",
        "Mengevaluasi tata kelola lintas unit dan menindaklanjuti temuan.",
        "Merumuskan kebijakan tata kelola pemerintahan daerah.",
    ],
    "Perencanaan Program dan Anggaran": [
        "Memahami dokumen perencanaan dan anggaran daerah.",
        "Menyusun rincian kebutuhan anggaran kegiatan.",
        "Menyusun rencana program dan anggaran unit sesuai prioritas.",
        "Menyelaraskan program lintas unit dengan RPJMD.",
        "Menetapkan arah kebijakan perencanaan dan penganggaran instansi.",
    ],
}

# The managerial and socio-cultural level each position type requires in the demo.
MANAGERIAL_LEVEL = {
    "jpt_utama": 5, "jpt_madya": 4, "jpt_pratama": 4, "administrator": 3, "pengawas": 3,
    "pelaksana": 2, "fungsional_keterampilan": 2,
}  # fmt: skip
KEAHLIAN_LEVEL = {"ahli_pertama": 2, "ahli_muda": 3, "ahli_madya": 3, "ahli_utama": 4}


def _rng(agency, step):
    return random.Random(hashlib.sha256(f"binaasn-demo:{agency.slug}:{step}".encode()).hexdigest())


def _technical(agency):
    created = []
    for order, (name, group, code, _types, _level) in enumerate(
        TECHNICAL.get(agency.slug, []), start=20
    ):
        if Competency.objects.filter(agency=agency, name=name).exists():
            continue
        levels = LEVEL_TEXTS[name]
        competency = Competency(
            code=code,
            name=name,
            group=group,
            sort_order=order,
            **{f"level_{n}": text for n, text in enumerate(levels, start=1)},
        )
        created.append(services.save_technical_competency(agency, competency))
    return created


def _required_managerial(position):
    if position.position_type == "fungsional_keahlian":
        return KEAHLIAN_LEVEL.get(position.level, 3)
    return MANAGERIAL_LEVEL.get(position.position_type, 2)


def _standards(agency):
    """A standard for every position that has none yet, written as one batch."""
    national = list(
        Competency.objects.filter(agency__isnull=True, is_active=True).values_list("pk", flat=True)
    )
    technical = dict(Competency.objects.filter(agency=agency).values_list("name", "pk"))
    with_standard = set(
        PositionStandard.objects.for_agency(agency).values_list("position_id", flat=True)
    )
    standards = {}
    for position in Position.objects.for_agency(agency).filter(is_active=True).order_by("pk"):
        if position.pk in with_standard:
            continue
        level = _required_managerial(position)
        levels = {pk: level for pk in national}
        for name, _group, _code, types, tech_level in TECHNICAL.get(agency.slug, []):
            if position.position_type in types and name in technical:
                levels[technical[name]] = tech_level
        standards[position.pk] = levels
    if standards:
        services.set_standards_in_bulk(agency, standards)
    return len(standards)


def _assessments(agency, today):
    """Supervisor assessments of every ASN with a standard, some self-assessments, and
    assessment-centre results of the senior posts; one batch."""
    if Assessment.objects.for_agency(agency).exists():
        return 0
    rng = _rng(agency, "assessments")
    standards = {}
    for position_id, competency_id, level in (
        PositionStandard.objects.for_agency(agency)
        .order_by("pk")
        .values_list("position_id", "competency_id", "required_level")
    ):
        standards.setdefault(position_id, []).append((competency_id, level))
    national = set(Competency.objects.filter(agency__isnull=True).values_list("pk", flat=True))
    employees = (
        Employee.objects.for_agency(agency)
        .active()
        .filter(position__isnull=False)
        .select_related("position", "supervisor")
        .order_by("pk")
    )
    supervisor_day = datetime.date(today.year, 1, 15)
    entries = []
    for employee in employees:
        required = standards.get(employee.position_id, [])
        if not required:
            continue
        levels = {}
        for competency_id, level in required:
            levels[competency_id] = min(5, max(1, level + rng.choice([-2, -1, -1, 0, 0, 0, 1])))
        assessor = employee.supervisor.full_name if employee.supervisor_id else "Tim Penilai BKPSDM"
        entries.append((employee.pk, "supervisor", supervisor_day, levels, assessor))
        if rng.random() < 0.3:
            own = {pk: min(5, value + rng.choice([0, 0, 1])) for pk, value in levels.items()}
            entries.append(
                (
                    employee.pk,
                    "self",
                    supervisor_day + datetime.timedelta(days=7),
                    own,
                    employee.full_name,
                )
            )
        if (
            employee.position.position_type in ("jpt_pratama", "administrator")
            and rng.random() < 0.7
        ):
            centre = {pk: value for pk, value in levels.items() if pk in national}
            entries.append(
                (
                    employee.pk,
                    "assessment_centre",
                    datetime.date(today.year - 1, 10, 1),
                    centre,
                    "UPT Penilaian Kompetensi BKN",
                )
            )
    services.record_assessments_in_bulk(agency, entries)
    return len({entry[0] for entry in entries})


def seed(agency, today=None):
    """Technical competencies, position standards and assessments of a demo agency."""
    from django.utils import timezone

    today = today or timezone.localdate()
    technical = _technical(agency)
    standards = _standards(agency)
    assessed = _assessments(agency, today)
    return f"technical+{len(technical)} standards+{standards} assessed+{assessed}"


def seed_competencies(ctx):
    return seed(ctx.agency)
