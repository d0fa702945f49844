"""Demo data of public participation for a demo agency: service units (its Disdukcapil with the
public code DISDUKCAPIL), a year of SKM answers before the seed date with different IKM levels
(one unit scores C), complaints in every state, and two dialogue forums with follow-up actions.

``seed(agency)`` writes what is missing and is deterministic for a given agency and date;
``seed_step(ctx)`` is its step in binaasn/core/demo.py.
"""

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.utils import timezone
from django_scopes import scope

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction
from binaasn.people.models import Employee, OrgUnit

from . import ikm
from .models import (
    Complaint,
    ComplaintMessage,
    Forum,
    HistoricalIkm,
    ServiceUnit,
    SkmResponse,
    age_group_for,
)
from .periods import add_working_days
from .services import complaints as complaint_services
from .services import forums as forum_services
from .services import units as unit_services


@dataclass
class CitizensDemo:
    units: int = 0
    answers: int = 0
    complaints: int = 0
    forums: int = 0


# Mean answer per unit level, and how each unsur leans (waktu and pengaduan are the usual
# weak spots, biaya is mostly free).
LEVELS = {"A": 3.62, "B": 3.2, "C": 2.82}
ELEMENT_LEAN = (0.05, 0.0, -0.3, 0.35, 0.05, 0.1, 0.15, -0.35, -0.05)
SERVICES = {
    "dukcapil": [
        "Pelayanan KTP-el",
        "Pelayanan Kartu Keluarga",
        "Akta Kelahiran",
        "Pindah Datang Penduduk",
    ],
    "puskesmas": ["Pemeriksaan umum", "Kesehatan ibu dan anak", "Imunisasi", "Laboratorium"],
    "kantor": ["Surat pengantar", "Legalisasi dokumen", "Rekomendasi izin usaha mikro"],
}
SUGGESTIONS = [
    "Tambah kursi di ruang tunggu.",
    "Antrean online sudah membantu, mohon dipertahankan.",
    "Jam layanan mohon diperpanjang sampai sore.",
    "Informasi persyaratan sebaiknya ditempel di depan loket.",
    "Petugas ramah dan cepat, terima kasih.",
    "Toilet perlu dibersihkan lebih sering.",
]
AGE_WEIGHTS = [(17, 19, 1), (20, 29, 4), (30, 39, 5), (40, 49, 4), (50, 59, 3), (60, 75, 1)]
EDUCATION = [("SD", 1), ("SMP", 2), ("SMA", 5), ("D1-D3", 2), ("D4-S1", 4), ("S2", 1), ("S3", 0.2)]
OCCUPATION = [
    ("PNS", 2),
    ("TNI", 0.5),
    ("POLRI", 0.5),
    ("Swasta", 4),
    ("Wirausaha", 3),
    ("Lainnya", 3),
]


def _rng(agency, topic):
    return random.Random(
        hashlib.sha256(f"binaasn-demo:{agency.slug}:citizens:{topic}".encode()).hexdigest()
    )


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _unit_plan(agency):
    """[(org unit, name, code, services, level, yearly users)] for the agency's demo units."""
    units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
    plan = []
    dukcapil = units.filter(code="DISDUKCAPIL").first()
    if dukcapil is not None:
        plan.append((dukcapil, dukcapil.name, "DISDUKCAPIL", SERVICES["dukcapil"], "B", 12_000))
    else:  # a kecamatan: population documents are served at its Seksi Pemerintahan
        office = (
            units.filter(name__icontains="Pemerintahan").first() or units.order_by("depth").first()
        )
        if office is not None:
            name = f"Layanan Administrasi Kependudukan {agency.display_name}"
            plan.append((office, name, "DISDUKCAPIL", SERVICES["dukcapil"], "B", 4_000))
    for level, unit in zip(
        ("A", "B"), units.filter(kind=OrgUnit.Kind.PUSKESMAS).order_by("name")[:2], strict=False
    ):
        code = "PKM-" + unit.name.split()[-1].upper()[:20]
        plan.append((unit, unit.name, code, SERVICES["puskesmas"], level, 6_000))
    office = (
        units.filter(kind__in=[OrgUnit.Kind.KECAMATAN, OrgUnit.Kind.KELURAHAN])
        .order_by("depth", "name")
        .first()
    )
    if office is not None:
        code = "KANTOR-" + office.name.split()[-1].upper()[:20]
        plan.append((office, office.name, code, SERVICES["kantor"], "C", 2_500))
    return plan


def _service_units(agency, today):
    created = 0
    result = []
    year_start = today - datetime.timedelta(days=365)
    for org_unit, name, code, services, level, users in _unit_plan(agency):
        unit = ServiceUnit.objects.for_agency(agency).filter(public_code=code).first()
        if unit is None:
            unit = unit_services.create_service_unit(
                agency=agency,
                org_unit=org_unit,
                name=name,
                public_code=code,
                services="\n".join(services),
            )
            created += 1
            unit_services.set_service_user_count(
                unit,
                start_on=year_start,
                end_on=today - datetime.timedelta(days=1),
                count=users,
                note="Data loket (demo)",
            )
        result.append((unit, level, users))
    return result, created


def _answer(rng, mean):
    value = round(rng.gauss(mean, 0.6))
    return min(4, max(1, value))


def _answers(agency, unit, level, users, today):
    """About 3 % of a year's service users answer, spread over the 12 months before ``today``."""
    if SkmResponse.objects.for_agency(agency).filter(unit=unit).exists():
        return 0
    rng = _rng(agency, f"answers:{unit.public_code}")
    count = max(60, min(420, users * 3 // 100))
    services = unit.service_list or ["Pelayanan umum"]
    base = LEVELS[level]
    rows = []
    for _i in range(count):
        day = today - datetime.timedelta(days=rng.randint(1, 365))
        low, high, _w = _pick(rng, [((a, b, w), w) for a, b, w in AGE_WEIGHTS])
        answers = {
            f"u{n}": _answer(rng, min(3.95, base + ELEMENT_LEAN[n - 1])) for n in range(1, 10)
        }
        source = _pick(
            rng,
            [
                (SkmResponse.Source.ONLINE, 6),
                (SkmResponse.Source.KIOSK, 3),
                (SkmResponse.Source.PAPER, 1),
            ],
        )
        rows.append(
            SkmResponse(
                agency=agency,
                unit=unit,
                answered_on=day,
                source=source,
                **answers,
                age_group=age_group_for(rng.randint(low, high)),
                gender=rng.choice("LP"),
                education=_pick(rng, EDUCATION),
                occupation=_pick(rng, OCCUPATION),
                service=rng.choice(services),
                suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.15 else "",
            ).pack_answers()
        )
    SkmResponse.objects.bulk_create(rows, batch_size=500)
    return len(rows)


COMPLAINTS = [
    # (status, days ago received, category, subject, description, reply)
    (
        "received",
        1,
        "information",
        "Persyaratan akta kelahiran tidak jelas",
        "Di papan informasi tidak tertulis apakah fotokopi KK perlu dilegalisir.",
        None,
    ),
    (
        "received",
        9,
        "time",
        "Antrean sangat lama",
        "Saya datang jam 8 dan baru dilayani jam 12 siang.",
        None,
    ),
    (
        "verified",
        2,
        "conduct",
        "Petugas loket kurang ramah",
        "Petugas berbicara dengan nada tinggi kepada warga lanjut usia.",
        None,
    ),
    (
        "forwarded",
        4,
        "facilities",
        "Ruang tunggu panas",
        "Kipas angin di ruang tunggu rusak sejak minggu lalu.",
        None,
    ),
    (
        "forwarded",
        12,
        "fees",
        "Diminta biaya untuk KTP-el",
        "Ada yang menawarkan percepatan dengan membayar Rp 100.000.",
        None,
    ),
    (
        "responded",
        3,
        "procedure",
        "Blanko KTP-el habis",
        "Sudah tiga bulan KTP-el saya belum dicetak.",
        "Blanko sudah tersedia kembali. Silakan ambil KTP-el Anda di loket 2 dengan membawa resi.",
    ),
    (
        "closed",
        30,
        "time",
        "Jam buka tidak tepat waktu",
        "Kantor baru buka pukul 08.45 padahal jadwal pukul 08.00.",
        "Terima kasih. Kepala unit telah menegur petugas; layanan kini dibuka tepat pukul 08.00.",
    ),
    (
        "auto_closed",
        40,
        "information",
        "Nomor WhatsApp layanan tidak aktif",
        "Nomor yang tertera di spanduk tidak pernah membalas.",
        "Nomor layanan telah diganti dan spanduk diperbarui.",
    ),
    ("rejected", 20, "other", "Jalan desa rusak", "Jalan menuju desa kami berlubang.", None),
]


def _complaints(agency, units, now):
    if Complaint.objects.for_agency(agency).exists():
        return 0
    unit = units[0][0] if units else None
    staff = None
    for status, days_ago, category, subject, description, reply in COMPLAINTS:
        complaint = complaint_services.submit_complaint(
            agency=agency,
            category=category,
            subject=subject,
            description=description,
            unit=unit,
            kind=Complaint.Kind.COMPLAINT,
        )
        received_at = now - datetime.timedelta(days=days_ago, hours=2)
        Complaint.objects.for_agency(agency).filter(pk=complaint.pk).update(
            received_at=received_at,
            verify_due_on=add_working_days(timezone.localdate(received_at), 3),
        )
        complaint.refresh_from_db()
        if status in ("verified", "forwarded", "responded", "closed", "auto_closed"):
            complaint_services.verify_complaint(complaint, by=staff)
        if status in ("forwarded", "responded", "closed", "auto_closed"):
            complaint_services.forward_complaint(complaint, by=staff, note="Mohon ditindaklanjuti.")
            forwarded_at = received_at + datetime.timedelta(days=1)
            Complaint.objects.for_agency(agency).filter(pk=complaint.pk).update(
                verified_at=forwarded_at,
                forwarded_at=forwarded_at,
                follow_up_due_on=add_working_days(timezone.localdate(forwarded_at), 5),
            )
            ComplaintMessage.objects.for_agency(agency).filter(complaint=complaint).update(
                created_at=forwarded_at
            )
            complaint.refresh_from_db()
        if reply:
            complaint_services.respond_to_complaint(complaint, body=reply, by=staff)
            responded_at = received_at + datetime.timedelta(days=3)
            Complaint.objects.for_agency(agency).filter(pk=complaint.pk).update(
                responded_at=responded_at,
                auto_close_on=timezone.localdate(responded_at) + datetime.timedelta(days=10),
            )
            ComplaintMessage.objects.for_agency(agency).filter(complaint=complaint).update(
                created_at=responded_at
            )
            complaint.refresh_from_db()
        if status == "closed":
            complaint_services.close_complaint(
                complaint, by=staff, note="Terima kasih atas laporannya."
            )
        if status == "auto_closed":
            complaint_services.close_if_stale(complaint, today=timezone.localdate(now))
        if status == "rejected":
            complaint_services.reject_complaint(
                complaint,
                by=staff,
                reason=REJECTION_REASON,
            )
    Complaint.objects.for_agency(agency).filter(subject__startswith="Diminta biaya").update(
        lapor_tracking_id="LAPOR-2026-0001234"
    )
    return len(COMPLAINTS)


REJECTION_REASON = (
    "Jalan desa bukan kewenangan unit ini; laporan diteruskan melalui SP4N-LAPOR! ke dinas terkait."
)
MINUTES = (
    "Forum dibuka oleh kepala unit. Warga menyampaikan masukan; "
    "kesepakatan tindak lanjut dicatat di bawah."
)

FORUMS = [
    (
        "Forum komunikasi pelayanan administrasi kependudukan",
        75,
        "Aula kantor",
        "Karang Taruna\nPKK\nForum RT/RW",
        42,
        [
            (
                "Layanan KTP-el pada hari Sabtu",
                "Forum RT/RW",
                "Uji coba loket Sabtu satu bulan",
                30,
                "done",
            ),
            (
                "Informasi persyaratan sulit dipahami",
                "PKK",
                "Buat papan alur layanan bergambar",
                -10,
                "in_progress",
            ),
        ],
    ),
    (
        "Dialog warga: waktu tunggu dan pengaduan",
        20,
        "Balai pertemuan",
        "Paguyuban pedagang\nKelompok disabilitas",
        28,
        [
            (
                "Loket prioritas untuk lansia dan disabilitas",
                "Kelompok disabilitas",
                "Sediakan loket prioritas dan kursi roda",
                25,
                "open",
            ),
            (
                "Pengaduan tidak pernah dijawab",
                "Paguyuban pedagang",
                "Tetapkan petugas pengelola pengaduan dan batas waktu jawaban",
                10,
                "open",
            ),
        ],
    ),
]


def _forums(agency, units, today):
    created = 0
    org_unit = (
        units[0][0].org_unit
        if units
        else OrgUnit.objects.for_agency(agency).order_by("depth").first()
    )
    if org_unit is None:
        return 0
    employees = list(
        Employee.objects.for_agency(agency).active().in_subtree(org_unit).order_by("name")[:6]
    )
    if not employees:
        employees = list(Employee.objects.for_agency(agency).active().order_by("name")[:6])
    for theme, days_ago, place, groups, public, issues in FORUMS:
        if Forum.objects.for_agency(agency).filter(theme=theme).exists():
            continue
        forum = forum_services.create_forum(
            agency=agency,
            theme=theme,
            held_on=today - datetime.timedelta(days=days_ago),
            place=place,
            unit=org_unit,
            community_groups=groups,
            community_attendance=public,
            minutes=MINUTES,
            is_published=True,
            invited_employees=employees,
        )
        forum_services.update_forum(forum, attended_employees=employees[:4])
        for index, (title, raised_by, action_title, due_in, status) in enumerate(issues):
            issue = forum_services.raise_issue(forum, title=title, raised_by=raised_by)
            owner = employees[index % len(employees)] if employees else None
            action = forum_services.add_issue_action(
                issue,
                title=action_title,
                owner_employee=owner,
                due_on=today + datetime.timedelta(days=due_in),
            )
            if status == FollowUpAction.Status.DONE:
                action_services.set_action_status(
                    action, status, note="Loket Sabtu berjalan; antrean Senin turun."
                )
            elif status != FollowUpAction.Status.OPEN:
                action_services.set_action_status(action, status)
        created += 1
    return created


def _history(agency, units):
    """An IKM from the 2015 report, made under the 14-unsur rules: it keeps its own mutu."""
    if not units or HistoricalIkm.objects.for_agency(agency).exists():
        return
    HistoricalIkm.objects.create(
        agency=agency,
        unit=units[0][0],
        regulation=ikm.REGULATION_2004,
        period_label="Tahun 2015",
        start_on=datetime.date(2015, 1, 1),
        end_on=datetime.date(2015, 12, 31),
        element_count=14,
        converted="74.52",
        mutu="B",
        kinerja="Baik",
        respondents=210,
        note="Laporan IKM 2015 (arsip)",
    )


def seed(agency, today=None):
    """Write the public-participation demo of ``agency`` (what is missing only)."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    with scope(agency=agency):
        units, created_units = _service_units(agency, today)
        answers = sum(_answers(agency, unit, level, users, today) for unit, level, users in units)
        complaints = _complaints(agency, units, now)
        forums = _forums(agency, units, today)
        _history(agency, units)
    return CitizensDemo(units=created_units, answers=answers, complaints=complaints, forums=forums)


def seed_step(ctx):
    """Demo step of binaasn/core/demo.py."""
    return seed(ctx.agency)
