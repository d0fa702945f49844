"""Demo needs analysis and development plan of a demo agency, with the programmes the field
reports describe (project-management training by a central institution and e-government
training in Gorontalo; IT training and project-based learning in Candisari; good-governance
training and university internships in Kutacane), partners, speakers and budget lines.

``seed(agency)`` runs after the competency demo: it needs standards and assessments for the
analysis. It is deterministic and idempotent (a campaign or plan of the year is left alone);
``seed_planning(ctx)`` is the step of binaasn/core/demo.py.
"""

import datetime
import hashlib
import random
from decimal import Decimal

from django.utils import timezone

from binaasn.competencies.models import Competency
from binaasn.people.models import Employee, OrgUnit
from binaasn.surveys import services as surveys
from binaasn.surveys.models import Invitation

from . import services
from .models import (
    BudgetLine,
    Campaign,
    Interview,
    LearningMethod,
    MaterialModule,
    Need,
    Partner,
    Plan,
    Programme,
    Speaker,
)

PARTNERS = {
    "gorontalo": [
        (
            "Universitas Negeri Gorontalo",
            "university",
            "UNG/PKS/017/2025",
            "Dr. Hasan Lamato",
            "0435-821125",
        ),
        (
            "Lembaga Administrasi Negara (LAN)",
            "central",
            "LAN/PKS/042/2025",
            "Rina Wulandari",
            "021-3868201",
        ),
        (
            "BPSDM Provinsi Gorontalo",
            "provincial",
            "BPSDM-GTO/09/2025",
            "Yusuf Katili",
            "0435-831207",
        ),
    ],
    "candisari": [
        (
            "Universitas Diponegoro",
            "university",
            "UNDIP/PKS/121/2025",
            "Dr. Bambang Setiawan",
            "024-7460024",
        ),
        (
            "BPSDMD Provinsi Jawa Tengah",
            "provincial",
            "BPSDMD-JTG/33/2025",
            "Sri Lestari",
            "024-7473066",
        ),
        ("Komunitas Semarang Digital", "ngo", "", "Andika Pratama", "0812-2900-1122"),
    ],
    "kutacane": [
        (
            "Universitas Syiah Kuala",
            "university",
            "USK/PKS/088/2025",
            "Dr. Teuku Rizal",
            "0651-7551101",
        ),
        (
            "Universitas Gunung Leuser",
            "university",
            "UGL/PKS/011/2025",
            "Drs. Ahmad Selian",
            "0629-21033",
        ),
        ("BPSDM Aceh", "provincial", "BPSDM-ACEH/15/2025", "Cut Nyak Rahmi", "0651-7410300"),
        (
            "Lembaga Administrasi Negara (LAN)",
            "central",
            "LAN/PKS/051/2025",
            "Rina Wulandari",
            "021-3868201",
        ),
    ],
}

# name, expertise, partner name (or an institution of their own)
SPEAKERS = {
    "gorontalo": [
        (
            "Dr. Ir. Fadli Mohamad, M.T.",
            "Manajemen proyek pemerintah",
            "Lembaga Administrasi Negara (LAN)",
        ),
        ("Dr. Nurhayati Ali, M.Kom.", "E-government dan SPBE", "Universitas Negeri Gorontalo"),
        ("Hendra Monoarfa, S.STP., M.Si.", "Pelayanan publik", "BPSDM Provinsi Gorontalo"),
    ],
    "candisari": [
        (
            "Dr. Agus Riyanto, M.Kom.",
            "Sistem informasi dan layanan digital",
            "Universitas Diponegoro",
        ),
        ("Dewi Kartika, S.Kom.", "Pengelolaan data kependudukan", "Komunitas Semarang Digital"),
    ],
    "kutacane": [
        (
            "Prof. Dr. Zainal Abidin, M.Si.",
            "Tata kelola pemerintahan yang baik",
            "Universitas Syiah Kuala",
        ),
        ("Dr. Maimun Desky, M.Pd.", "Perencanaan pendidikan daerah", "Universitas Gunung Leuser"),
        ("Rahmad Pinem, S.E., M.Si.", "Perencanaan dan penganggaran daerah", "BPSDM Aceh"),
    ],
}

OBJECTIVES = {
    "gorontalo": (
        "1. Meningkatkan kompetensi manajerial dan teknis ASN sesuai hasil analisis kebutuhan.\n"
        "2. Mempercepat layanan digital melalui pelatihan e-government.\n"
        "3. Memastikan setiap PNS memperoleh paling sedikit 20 JP pengembangan kompetensi."
    ),
    "candisari": (
        "1. Meningkatkan kemampuan ASN kecamatan memanfaatkan teknologi informasi dalam "
        "pelayanan.\n"
        "2. Menerapkan pembelajaran berbasis proyek untuk memperbaiki pengelolaan data "
        "kependudukan.\n"
        "3. Mengurangi penolakan terhadap perubahan melalui pendampingan."
    ),
    "kutacane": (
        "1. Menerapkan prinsip tata kelola pemerintahan yang baik di perangkat daerah.\n"
        "2. Memberi pengalaman praktik kepada ASN muda melalui magang di universitas.\n"
        "3. Menjaga biaya pengembangan dalam pagu anggaran yang terbatas."
    ),
}

CEILING = {
    "gorontalo": Decimal("450000000"),
    "candisari": Decimal("120000000"),
    "kutacane": Decimal("200000000"),
}

# title, form, path code, competency names, unit name to target (None: whole agency),
# participants, JP, month, end month, delivery, partner, speakers, budget lines
PROGRAMMES = {
    "gorontalo": [
        (
            "Pelatihan Manajemen Proyek Pemerintah",
            "managerial_training",
            "KL02",
            ["Manajemen Proyek", "Orientasi pada Hasil"],
            None,
            30,
            32,
            3,
            None,
            "offline",
            "Lembaga Administrasi Negara (LAN)",
            ["Dr. Ir. Fadli Mohamad, M.T."],
            [
                ("honorarium", "Narasumber LAN", 8, "OJ", 1_200_000),
                ("consumption", "Makan dan kudapan peserta", 120, "OH", 85_000),
                ("venue", "Aula Bappeda", 4, "hari", 1_500_000),
                ("materials", "Modul dan ATK", 30, "paket", 150_000),
            ],
        ),
        (
            "Pelatihan E-Government untuk Pelayanan Publik",
            "technical_training",
            "KL03",
            ["Layanan E-Government", "Pelayanan Publik"],
            None,
            40,
            24,
            5,
            None,
            "blended",
            "Universitas Negeri Gorontalo",
            ["Dr. Nurhayati Ali, M.Kom."],
            [
                ("honorarium", "Narasumber UNG", 6, "OJ", 900_000),
                ("consumption", "Makan dan kudapan", 120, "OH", 75_000),
                ("venue", "Laboratorium komputer UNG", 3, "hari", 2_000_000),
            ],
        ),
        (
            "Mentoring ASN Senior-Junior",
            "mentoring",
            "NKL02",
            ["Pengembangan Diri dan Orang Lain"],
            "Dinas Kesehatan",
            20,
            12,
            6,
            9,
            "offline",
            None,
            [],
            [("consumption", "Pertemuan bulanan", 80, "OH", 40_000)],
        ),
        (
            "Bakti Sosial dan Penyuluhan Pelayanan Kesehatan",
            "community_activity",
            "NKL13",
            ["Pelayanan Publik", "Perekat Bangsa"],
            "Dinas Kesehatan",
            25,
            8,
            8,
            None,
            "offline",
            None,
            ["Hendra Monoarfa, S.STP., M.Si."],
            [
                ("transport", "Transport ke desa", 25, "orang", 100_000),
                ("materials", "Bahan penyuluhan", 1, "paket", 2_500_000),
            ],
        ),
    ],
    "candisari": [
        (
            "Pelatihan Teknologi Informasi dalam Pelayanan Kecamatan",
            "technical_training",
            "KL03",
            ["Pemanfaatan Teknologi Informasi dalam Pelayanan"],
            None,
            30,
            24,
            3,
            None,
            "offline",
            "Universitas Diponegoro",
            ["Dr. Agus Riyanto, M.Kom."],
            [
                ("honorarium", "Narasumber UNDIP", 6, "OJ", 900_000),
                ("consumption", "Makan dan kudapan", 90, "OH", 60_000),
                ("venue", "Laboratorium komputer", 3, "hari", 1_500_000),
            ],
        ),
        (
            "Pembelajaran Berbasis Proyek: Sistem Informasi Data Kependudukan",
            "project_based",
            "NKL11",
            ["Pengelolaan Data Kependudukan", "Kerjasama"],
            None,
            12,
            30,
            5,
            8,
            "blended",
            None,
            ["Dewi Kartika, S.Kom."],
            [
                ("honorarium", "Pendamping proyek", 4, "bulan", 1_500_000),
                ("consumption", "Pertemuan kelompok", 48, "OH", 40_000),
            ],
        ),
        (
            "Coaching Mengelola Perubahan bagi Kepala Seksi",
            "coaching",
            "NKL01",
            ["Mengelola Perubahan"],
            None,
            8,
            8,
            9,
            None,
            "offline",
            None,
            [],
            [("consumption", "Sesi coaching", 32, "OH", 40_000)],
        ),
    ],
    "kutacane": [
        (
            "Pelatihan Tata Kelola Pemerintahan yang Baik",
            "technical_training",
            "KL03",
            ["Tata Kelola Pemerintahan yang Baik", "Integritas"],
            "Dinas Pendidikan",
            30,
            24,
            4,
            None,
            "offline",
            "BPSDM Aceh",
            ["Prof. Dr. Zainal Abidin, M.Si."],
            [
                ("honorarium", "Narasumber", 6, "OJ", 1_000_000),
                ("consumption", "Makan dan kudapan", 90, "OH", 70_000),
                ("venue", "Aula Setdakab", 3, "hari", 1_000_000),
            ],
        ),
        (
            "Magang ASN Muda di Universitas",
            "internship",
            "NKL12",
            ["Perencanaan Program dan Anggaran", "Pengembangan Diri dan Orang Lain"],
            None,
            10,
            40,
            7,
            8,
            "offline",
            "Universitas Syiah Kuala",
            ["Dr. Maimun Desky, M.Pd."],
            [
                ("transport", "Perjalanan Kutacane–Banda Aceh", 10, "orang", 1_200_000),
                ("accommodation", "Penginapan", 100, "OH", 250_000),
            ],
        ),
        (
            "Seminar Pelayanan Publik yang Berintegritas",
            "seminar",
            "KL06",
            ["Pelayanan Publik", "Integritas"],
            None,
            60,
            8,
            10,
            None,
            "offline",
            "Universitas Gunung Leuser",
            [],
            [
                ("consumption", "Makan dan kudapan", 60, "OH", 60_000),
                ("venue", "Gedung pertemuan", 1, "hari", 2_500_000),
            ],
        ),
    ],
}

INTERVIEWS = {
    "gorontalo": [
        (
            "Kepala bidang di Dinas Kesehatan",
            "Dinas Kesehatan",
            (
                "Banyak ASN puskesmas merasa kurang kompeten dalam layanan digital; diusulkan "
                "pelatihan e-government dan pendampingan oleh ASN senior."
            ),
            ["Layanan E-Government", "Pelayanan Publik"],
            ["technical_training", "mentoring"],
        ),
        (
            "Para kepala OPD",
            None,
            (
                "Proyek pembangunan sering terlambat; perlu pelatihan manajemen proyek oleh "
                "lembaga "
                "pusat."
            ),
            ["Manajemen Proyek", "Orientasi pada Hasil"],
            ["managerial_training"],
        ),
    ],
    "candisari": [
        (
            "Lurah dan sekretaris kelurahan",
            None,
            (
                "Warga kesulitan memakai layanan daring; ASN perlu mampu membimbing warga. "
                "Sebagian "
                "pegawai enggan berubah."
            ),
            ["Pemanfaatan Teknologi Informasi dalam Pelayanan", "Mengelola Perubahan"],
            ["technical_training", "coaching"],
        ),
        (
            "Seksi Pemerintahan",
            "Seksi Pemerintahan",
            (
                "Data kependudukan masih dikelola manual; diusulkan proyek kelompok merancang "
                "sistem "
                "informasi."
            ),
            ["Pengelolaan Data Kependudukan"],
            ["project_based"],
        ),
    ],
    "kutacane": [
        (
            "Pejabat Dinas Pendidikan",
            "Dinas Pendidikan",
            (
                "Penyusunan rencana kerja belum transparan; perlu pelatihan tata kelola "
                "pemerintahan "
                "yang baik."
            ),
            ["Tata Kelola Pemerintahan yang Baik"],
            ["technical_training"],
        ),
        (
            "ASN muda",
            None,
            (
                "Anggaran pelatihan terbatas dan partisipasi rendah; ASN muda ingin magang di "
                "universitas."
            ),
            ["Pengembangan Diri dan Orang Lain", "Perencanaan Program dan Anggaran"],
            ["internship", "seminar"],
        ),
    ],
}


def _rng(agency, step):
    return random.Random(hashlib.sha256(f"binaasn-demo:{agency.slug}:{step}".encode()).hexdigest())


def _unit(agency, name):
    if not name:
        return None
    return OrgUnit.objects.for_agency(agency).filter(name=name).order_by("depth", "pk").first()


def _partners(agency):
    written = 0
    for name, kind, mou, contact, phone in PARTNERS.get(agency.slug, []):
        if Partner.objects.for_agency(agency).filter(name=name).exists():
            continue
        partner = Partner(
            name=name,
            kind=kind,
            mou_number=mou,
            contact_name=contact,
            contact_phone=phone,
            mou_starts_on=datetime.date(2025, 1, 1) if mou else None,
            mou_ends_on=datetime.date(2027, 12, 31) if mou else None,
        )
        services.save_partner(agency, partner)
        written += 1
    for name, expertise, institution in SPEAKERS.get(agency.slug, []):
        if Speaker.objects.for_agency(agency).filter(name=name).exists():
            continue
        partner = Partner.objects.for_agency(agency).filter(name=institution).first()
        services.save_speaker(
            agency,
            Speaker(
                name=name,
                expertise=expertise,
                partner=partner,
                institution="" if partner else institution,
            ),
        )
        written += 1
    return written


def _competency(agency, name):
    return Competency.objects.for_agency(agency).filter(name=name).first()


def _campaign(agency, year, today):
    if Campaign.objects.for_agency(agency).filter(year=year).exists():
        return Campaign.objects.for_agency(agency).get(year=year), 0
    campaign = services.create_campaign(
        agency,
        year=year,
        title=f"Analisis Kebutuhan Pengembangan Kompetensi {year}",
        description=(
            "Kesenjangan kompetensi, kuesioner kebutuhan kepada ASN dan atasan, serta wawancara."
        ),
    )
    for group, unit_name, notes, competencies, forms in INTERVIEWS.get(agency.slug, []):
        interview = Interview(
            agency=agency,
            campaign=campaign,
            held_on=datetime.date(year, 1, 20),
            interviewer="Tim AKPK BKPSDM",
            group_description=group,
            unit=_unit(agency, unit_name),
            notes=notes,
            proposed_forms=forms,
        )
        services.save_interview(
            interview, competencies=[c for c in (_competency(agency, n) for n in competencies) if c]
        )
    # The needs questionnaire goes to the demo's largest OPD (or the whole kecamatan).
    root = OrgUnit.objects.for_agency(agency).filter(depth=0).order_by("pk").first()
    target = _unit(agency, "Dinas Kesehatan") or root
    services.publish_needs_questionnaire(
        campaign, units=[target], closes_on=today + datetime.timedelta(days=1), send_emails=False
    )
    rng = _rng(agency, "needs-questionnaire")
    questionnaire = campaign.questionnaire
    grid = questionnaire.questions.get(code="needs")
    gaps = {}
    for employee_id, competency_id, level in (
        Employee.objects.for_agency(agency)
        .filter(current_levels__isnull=False)
        .values_list("pk", "current_levels__competency_id", "current_levels__level")
    ):
        gaps.setdefault(employee_id, {})[str(competency_id)] = level
    answered = 0
    invitations = (
        Invitation.objects.for_agency(agency).filter(questionnaire=questionnaire).order_by("pk")
    )
    for invitation in invitations:
        if rng.random() > 0.7:
            continue
        known = gaps.get(invitation.subject_id, {})
        rows = {}
        for item in grid.items:
            level = known.get(str(item["id"]), 3)
            rows[str(item["id"])] = min(5, max(1, 6 - level + rng.choice([-1, 0, 0, 1])))
        surveys.submit_response(
            invitation,
            {
                grid: rows,
                "forms": rng.choice(
                    ["Pelatihan klasikal dan mentoring", "Magang", "E-learning", ""]
                ),
            },
        )
        answered += 1
    surveys.close(questionnaire)
    services.analyse_campaign(campaign)
    return campaign, answered


def _plan(agency, year, campaign):
    if Plan.objects.for_agency(agency).filter(year=year).exists():
        return 0
    plan = services.create_plan(
        agency,
        year=year,
        title=f"Rencana Pengembangan Kompetensi ASN {year}",
        objectives=OBJECTIVES.get(agency.slug, ""),
        campaign=campaign,
    )
    services.set_budget_ceiling(
        agency,
        year=year,
        amount=CEILING.get(agency.slug, Decimal("100000000")),
        note="Pagu APBD pengembangan kompetensi",
    )
    count = 0
    for (
        title,
        form,
        code,
        competency_names,
        unit_name,
        participants,
        jp,
        month,
        end_month,
        delivery,
        partner_name,
        speaker_names,
        lines,
    ) in PROGRAMMES.get(agency.slug, []):
        competencies = [c for c in (_competency(agency, n) for n in competency_names) if c]
        needs = list(
            Need.objects.for_agency(agency).filter(campaign=campaign, competency__in=competencies)
        )
        for need in needs:
            if need.status != Need.Status.ACCEPTED:
                need.status = Need.Status.ACCEPTED
                need.save(update_fields=["status"])
        partner = (
            Partner.objects.for_agency(agency).filter(name=partner_name).first()
            if partner_name
            else None
        )
        programme = Programme(
            agency=agency,
            plan=plan,
            title=title,
            form=form,
            path_code=code,
            participant_count=participants,
            jp_per_participant=jp,
            planned_month=month,
            end_month=end_month,
            delivery_mode=delivery,
            provider_kind="partner" if partner else "own",
            partner=partner,
        )
        unit = _unit(agency, unit_name)
        services.save_programme(
            programme,
            relations={
                "competencies": competencies,
                "needs": needs,
                "target_units": [unit] if unit else [],
                "speakers": list(Speaker.objects.for_agency(agency).filter(name__in=speaker_names)),
            },
        )
        for category, description, volume, unit_label, cost in lines:
            services.save_budget_line(
                BudgetLine(
                    agency=agency,
                    programme=programme,
                    category=category,
                    description=description,
                    volume=Decimal(volume),
                    unit_label=unit_label,
                    unit_cost=Decimal(cost),
                    source="apbd",
                )
            )
        if code.startswith("KL"):
            _material(programme)
        count += 1
    for need in Need.objects.for_agency(agency).filter(
        campaign=campaign, status=Need.Status.PROPOSED, score__lt=Decimal("20")
    ):
        need.status = Need.Status.REJECTED
        need.save(update_fields=["status"])
    services.submit_plan(plan)
    services.approve_plan(plan)
    return count


def _material(programme):
    """Version 1 of a classical programme's material: policy, core content, a case study and
    the action plan, with the programme's JP spread over them."""
    from .services import materials

    version = materials.create_version(
        programme,
        method=LearningMethod.LECTURE,
        method_note="Ceramah dan tanya jawab, satu sesi studi kasus, rencana aksi di akhir.",
    )
    jp = programme.jp_per_participant
    core = programme.title.removeprefix("Pelatihan ").removeprefix("Seminar ")
    parts = [
        ("Kebijakan dan konsep dasar", LearningMethod.LECTURE, max(1, jp // 4)),
        (f"Materi inti: {core}", LearningMethod.LECTURE, max(1, jp * 2 // 5)),
        ("Studi kasus", LearningMethod.CASE_STUDY, max(1, jp // 5)),
    ]
    parts.append(("Rencana aksi", LearningMethod.PROJECT, max(1, jp - sum(p[2] for p in parts))))
    for position, (title, method, hours) in enumerate(parts):
        materials.save_module(
            MaterialModule(
                agency=programme.agency,
                version=version,
                position=position,
                title=title,
                jp=hours,
                method=method,
            )
        )
    materials.publish_version(version, by=None)


def seed(agency, today=None):
    """Partners, speakers, a completed needs analysis and an approved plan for this year."""
    today = today or timezone.localdate()
    partners = _partners(agency)
    campaign, answered = _campaign(agency, today.year, today)
    programmes = _plan(agency, today.year, campaign)
    return f"partners+{partners} responses+{answered} programmes+{programmes}"


def seed_planning(ctx):
    return seed(ctx.agency)
