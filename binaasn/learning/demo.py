"""Demo training delivery for a demo agency, following its field report: offerings of this
year's plan with realistic attendance and scores (some ASN above 20 JP, many below), certificates,
realized costs, a mentoring pair, external learning; a project group in Candisari, an internship
in Kutacane and a bakti sosial in Gorontalo.

``seed(agency)`` runs after the planning demo (it reads the approved plan). It is deterministic
(one seeded random generator) and idempotent (an agency that has offerings is left alone);
``seed_learning(ctx)`` is the step of binaasn/core/demo.py. All writes go through the services.
"""

import datetime
import hashlib
import io
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from binaasn.core.models import Membership
from binaasn.people.models import Employee, OrgUnit
from binaasn.planning.models import BudgetLine, Partner, Plan, Programme

from . import paths
from .models import (
    CommunityActivity,
    Internship,
    LearningSettings,
    Offering,
    PathRule,
    ProjectGroup,
    Session,
)
from .services import (
    attendance,
    certificates,
    community,
    enrolment,
    internships,
    ledger,
    mentoring,
    notifications,
    offerings,
    projects,
    results,
)
from .services import costs as cost_services

SIGNATORIES = {
    "gorontalo": (
        "Dr. Hj. Rahmawati Mohi, M.Si",
        "Kepala BKPSDM Kabupaten Gorontalo",
        "197203151998032004",
    ),
    "candisari": ("Drs. Bambang Sutrisno, M.M.", "Camat Candisari", "196905121994031006"),
    "kutacane": (
        "Drs. Ismail Desky, M.Si",
        "Kepala BKPSDM Kabupaten Aceh Tenggara",
        "197008201996031003",
    ),
}
VENUES = {
    "gorontalo": "Aula BKPSDM, Limboto",
    "candisari": "Aula Kecamatan Candisari",
    "kutacane": "Aula Setdakab Aceh Tenggara, Kutacane",
}


def _rng(agency):
    return random.Random(
        hashlib.sha256(f"binaasn-demo:{agency.slug}:learning".encode()).hexdigest()
    )


def _user(agency, role):
    membership = (
        Membership.objects.filter(agency=agency, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _unit(agency, name):
    return (
        OrgUnit.objects.for_agency(agency)
        .filter(name__icontains=name)
        .order_by("depth", "pk")
        .first()
    )


def _people(agency, rng, count, unit=None, exclude=()):
    employees = (
        Employee.objects.for_agency(agency).active().filter(status__in=["PNS", "CPNS", "PPPK"])
    )
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    pool = [
        e
        for e in employees.select_related("supervisor", "user").order_by("pk")
        if e.pk not in exclude
    ]
    rng.shuffle(pool)
    return pool[:count]


def _clamp(value):
    return Decimal(max(0, min(100, round(value)))).quantize(Decimal("0.01"))


def _dates(today, days_ago, length):
    """A period ``days_ago`` before today, kept inside this year so its JP count this year."""
    start = max(today - datetime.timedelta(days=days_ago), datetime.date(today.year, 1, 2))
    return start, start + datetime.timedelta(days=length - 1)


def _offering(agency, programme, title, starts_on, ends_on, quota, admin, trainer, unit=None):
    offering = Offering(
        agency=agency,
        programme=programme,
        title=title,
        path_code=programme.path_code,
        unit=unit,
        organiser=programme.partner.name if programme.partner_id else agency.name,
        starts_on=starts_on,
        ends_on=ends_on,
        venue=VENUES.get(agency.slug, ""),
        quota=quota,
        registration_opens_on=starts_on - datetime.timedelta(days=30),
        registration_closes_on=starts_on - datetime.timedelta(days=3),
        min_post_test=Decimal(65),
    )
    offerings.create_offering(offering, by=admin, trainers=[trainer] if trainer else ())
    day = starts_on
    topics = [
        "Pembukaan dan kebijakan",
        "Materi inti",
        "Praktik dan studi kasus",
        "Rencana aksi dan penutupan",
    ]
    index = 0
    while day <= ends_on:
        for start, end in (
            (datetime.time(8), datetime.time(12)),
            (datetime.time(13), datetime.time(16)),
        ):
            offerings.save_session(
                Session(
                    agency=agency,
                    offering=offering,
                    held_on=day,
                    starts_at=start,
                    ends_at=end,
                    topic=topics[index % len(topics)],
                    trainer=trainer,
                    place=offering.venue,
                ),
                by=admin,
            )
            index += 1
        day += datetime.timedelta(days=1)
    return offering


def _enrol(offering, people, admin):
    placed = []
    for person in people:
        place = enrolment.nominate(offering, person, by=admin)
        if place.status == place.Status.PENDING:
            place = enrolment.approve(place, by=admin)
        placed.append(place)
    return placed


def _run(offering, places, rng, admin, trainer):
    """Attendance about nine in ten, a pre-test around 55 and a post-test around 78."""
    sessions = list(offering.sessions.all())
    diligence = {
        p.pk: rng.choice([1.0, 0.95, 0.9, 0.9, 0.85, 0.6]) for p in places if p.is_enrolled
    }
    for session in sessions:
        present = {pk for pk, rate in diligence.items() if rng.random() < rate}
        attendance.record_attendance(session, present, by=trainer or admin)
    for place in places:
        if place.is_enrolled:
            pre = _clamp(rng.gauss(55, 12))
            post = _clamp(max(float(pre), rng.gauss(78, 10)))
            results.set_scores(place, pre_test=pre, post_test=post, by=trainer or admin)
    results.close_offering(offering, by=admin)
    certificates.issue_for_offering(offering, by=admin)


def _costs(offering, programme, share, rng, admin):
    for line in BudgetLine.objects.for_agency(offering.agency).filter(programme=programme):
        amount = (
            line.volume * line.unit_cost * Decimal(share) * Decimal(rng.uniform(0.8, 1.0))
        ).quantize(Decimal("1000"))
        cost_services.record_cost(
            offering,
            category=line.category,
            amount=amount,
            spent_on=offering.ends_on,
            description=line.description,
            by=admin,
        )


def _classical(agency, plan, today, rng, admin, trainer, asn):
    """For each classical programme: a finished first batch and an upcoming second one."""
    taken = set()
    count = 0
    for index, programme in enumerate(
        plan.programmes.filter(path_code__startswith="KL").order_by("pk")
    ):
        starts_on, ends_on = _dates(
            today, max(10, 70 - 25 * index), max(1, min(4, programme.jp_per_participant // 8))
        )
        first = _offering(
            agency,
            programme,
            f"{programme.title} Angkatan I",
            starts_on,
            ends_on,
            min(30, programme.participant_count),
            admin,
            trainer,
        )
        people = _people(agency, rng, first.quota - 2, exclude=taken)
        if asn is not None and index == 0 and asn.pk not in taken:
            people = [asn] + [p for p in people if p.pk != asn.pk][: len(people) - 1]
        taken.update(p.pk for p in people)
        places = _enrol(first, people, admin)
        _run(first, places, rng, admin, trainer)
        _costs(first, programme, 0.5, rng, admin)
        upcoming_start = today + datetime.timedelta(days=14 + 7 * index)
        second = _offering(
            agency,
            programme,
            f"{programme.title} Angkatan II",
            upcoming_start,
            upcoming_start + (ends_on - starts_on),
            20,
            admin,
            trainer,
        )
        waiting = _people(agency, rng, 22, exclude=taken)
        if asn is not None and index == 1:
            waiting = [asn] + [p for p in waiting if p.pk != asn.pk][: len(waiting) - 1]
        _enrol(second, waiting, admin)
        for person in _people(agency, rng, 2, exclude=taken | {p.pk for p in waiting}):
            enrolment.register_self(second, person, by=admin)  # awaiting the supervisor
        count += 2
    return count


def _external(agency, rng, admin):
    """A few ASN report learning done elsewhere: some verified, one waiting for the operator."""
    people = _people(agency, rng, 4)
    items = [
        ("Webinar Literasi Digital ASN", "Kementerian Kominfo", "KL06", 3, None),
        ("Kursus Daring Manajemen Arsip", "ANRI", "NKL03", None, 270),
        ("Seminar Nasional Pelayanan Publik", "Ombudsman RI", "KL06", 6, None),
        ("E-learning Anti Korupsi", "KPK", "NKL03", 8, None),
    ]
    for person, (title, organiser, code, certificate_jp, minutes) in zip(
        people, items, strict=False
    ):
        day = timezone.localdate() - datetime.timedelta(days=rng.randint(20, 60))
        item = ledger.submit_external(
            employee=person,
            by=admin,
            title=title,
            organiser=organiser,
            path_code=code,
            starts_on=day,
            ends_on=day,
            certificate_jp=certificate_jp,
            minutes=minutes,
            certificate_number=f"{organiser[:3].upper()}/{day.year}/{rng.randint(100, 999)}",
            evidence=SimpleUploadedFile("sertifikat.pdf", _pdf(title)),
        )
        if person is not people[-1]:
            ledger.verify_external(item, by=admin, note="Sertifikat sesuai")


def _pdf(title):
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=14)
    document.cell(0, 10, title)
    return bytes(document.output())


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (46, 125, 50)).save(buffer, format="PNG")
    return buffer.getvalue()


def _mentoring(agency, today, rng, admin):
    """A senior–junior pair in the Dinas Kesehatan (Gorontalo's plan), completed with JP."""
    unit = _unit(agency, "Dinas Kesehatan") or _unit(agency, "")
    people = sorted(
        _people(agency, rng, 12, unit=unit), key=lambda e: e.golongan or "", reverse=True
    )
    pns = [p for p in people if p.status == "PNS" and p.golongan]
    if len(pns) < 2:
        return 0
    mentor, mentee = pns[0], pns[-1]
    starts_on = max(today - datetime.timedelta(days=90), datetime.date(today.year, 1, 2))
    pair, _warning = mentoring.create_mentorship(
        agency=agency,
        mentor=mentor,
        mentee=mentee,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=120),
        purpose="Pendampingan pelayanan pasien dan penyusunan SOP",
        by=admin,
    )
    from binaasn.competencies.models import Competency

    for name, goal in (
        ("Pengembangan Diri dan Orang Lain", "Menyusun rencana pengembangan diri"),
        ("Pelayanan Publik", "Menerapkan standar pelayanan di puskesmas"),
    ):
        mentoring.add_goal(
            pair,
            description=goal,
            competency=Competency.objects.for_agency(agency).filter(name=name).first(),
        )
    for week in range(4):
        day = starts_on + datetime.timedelta(days=7 + 14 * week)
        if day <= today:
            mentoring.log_meeting(
                pair,
                held_on=day,
                duration_minutes=90,
                topic=f"Pertemuan {week + 1}",
                agreed_actions="Menyelesaikan draf SOP",
                by=admin,
            )
    if pair.meetings.count() >= 2:
        mentoring.give_feedback(
            pair, side="mentor", text="Mentee aktif dan cepat menerapkan saran."
        )
        mentoring.give_feedback(pair, side="mentee", text="Pendampingan sangat membantu pekerjaan.")
        mentoring.complete_mentorship(pair, by=admin)
    return 1


def _project(agency, today, rng, admin, trainer):
    """Candisari: a group designs a better information system for population data."""
    programme = Programme.objects.for_agency(agency).filter(form="project_based").first()
    members = _people(agency, rng, 5, unit=_unit(agency, "Seksi Pemerintahan")) or _people(
        agency, rng, 5
    )
    if len(members) < 3:
        members = _people(agency, rng, 5)
    starts_on = max(today - datetime.timedelta(days=45), datetime.date(today.year, 1, 2))
    group = ProjectGroup(
        agency=agency,
        title=programme.title if programme else "Sistem Informasi Data Kependudukan",
        brief=(
            "Data kependudukan di kelurahan masih dicatat manual dan berulang. "
            "Kelompok merancang alur dan purwarupa "
            "sistem informasi agar warga dan kelurahan memakai satu data yang sama."
        ),
        unit=_unit(agency, "Seksi Pemerintahan"),
        coach=trainer or admin,
        path_code="",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=120),
        learning_hours=30,
    )
    projects.create_group(group, members=members, by=admin)
    for offset, title in (
        (14, "Pemetaan alur data saat ini"),
        (45, "Rancangan sistem dan basis data"),
        (90, "Purwarupa dan uji coba di satu kelurahan"),
        (115, "Laporan dan presentasi"),
    ):
        milestone = projects.add_milestone(
            group, title=title, due_on=starts_on + datetime.timedelta(days=offset)
        )
        if milestone.due_on < today:
            projects.complete_milestone(milestone)
    projects.upload_deliverable(
        group,
        title="Peta alur data kependudukan",
        file=SimpleUploadedFile("peta-alur-data.pdf", _pdf("Peta alur data")),
        by=trainer or admin,
    )
    for name, weight, score in (
        ("Ketepatan analisis masalah", 2, 82),
        ("Kualitas rancangan", 2, None),
        ("Kerja sama tim", 1, 88),
    ):
        criterion = projects.add_criterion(group, name=name, weight=weight)
        if score is not None:
            projects.score_criterion(criterion, Decimal(score))
    return 1


def _internship(agency, today, rng, admin):
    """Kutacane: a young ASN interns at Universitas Syiah Kuala for eight weeks, completed."""
    partner = Partner.objects.for_agency(agency).filter(name__icontains="Syiah Kuala").first()
    person = next((p for p in _people(agency, rng, 20) if p.status in ("PNS", "CPNS")), None)
    if person is None:
        return 0
    starts_on = max(today - datetime.timedelta(days=75), datetime.date(today.year, 1, 2))
    internship = Internship(
        agency=agency,
        employee=person,
        partner=partner,
        partner_name="" if partner else "Universitas Syiah Kuala",
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(weeks=8) - datetime.timedelta(days=1),
        goals="Belajar perencanaan program dan anggaran di biro perencanaan universitas.",
        partner_supervisor_name="Dr. Teuku Rizal",
        partner_supervisor_position="Kepala Biro Perencanaan",
    )
    internships.create_internship(internship, by=admin)
    for week in range(8):
        day = starts_on + datetime.timedelta(weeks=week, days=4)
        if day <= min(today, internship.ends_on):
            internships.add_log_entry(
                internship,
                entry_on=day,
                hours=Decimal(rng.choice([7, 7.5, 8])),
                activities="Mengikuti penyusunan RKA dan rapat perencanaan.",
                learnings="Cara menyusun indikator kinerja program.",
            )
    if internship.ends_on < today:
        internships.upload_report(
            internship, SimpleUploadedFile("laporan-magang.pdf", _pdf("Laporan magang"))
        )
        internships.evaluate(
            internship, side="partner", score=Decimal(86), text="Disiplin dan cepat belajar."
        )
        internships.evaluate(
            internship, side="internal", score=Decimal(80), text="Hasil magang diterapkan di unit."
        )
        internships.complete_internship(internship, by=admin)
    return 1


def _bakti_sosial(agency, today, rng, admin):
    """Gorontalo: a bakti sosial of the Dinas Kesehatan, recorded on participants without JP."""
    unit = _unit(agency, "Dinas Kesehatan")
    if unit is None:
        return 0
    day = max(today - datetime.timedelta(days=30), datetime.date(today.year, 1, 2))
    activity = CommunityActivity(
        agency=agency,
        kind=CommunityActivity.Kind.BAKTI_SOSIAL,
        title="Bakti sosial pemeriksaan kesehatan gratis",
        held_on=day,
        place="Desa Bulota, Telaga",
        organiser_unit=unit,
        community_reached="Warga Desa Bulota",
        people_reached=rng.randint(150, 250),
        hours=Decimal(5),
        counts_as_development=False,
        description="Pemeriksaan tekanan darah, gula darah dan penyuluhan gizi bagi warga.",
    )
    community.save_activity(activity, participants=_people(agency, rng, 12, unit=unit), by=admin)
    community.add_photo(
        activity,
        image=SimpleUploadedFile("bakti-sosial.png", _png()),
        caption="Pemeriksaan kesehatan warga",
    )
    return 1


def seed(agency, today=None):
    """Offerings, attendance, scores, JP, certificates and other learning for ``agency``."""
    if Offering.objects.for_agency(agency).exists():
        return "offerings+0"
    today = today or timezone.localdate()
    plan = Plan.objects.for_agency(agency).filter(year=today.year).first()
    admin, trainer = _user(agency, "admin"), _user(agency, "trainer")
    if plan is None or admin is None:
        return "offerings+0"
    rng = _rng(agency)
    name, position, nip = SIGNATORIES.get(agency.slug, ("", "", ""))
    LearningSettings.objects.update_or_create(
        agency=agency,
        defaults={"signatory_name": name, "signatory_position": position, "signatory_nip": nip},
    )
    PathRule.objects.get_or_create(
        agency=agency, path_code=paths.MENTORING, defaults={"unit": "session", "jp_per_unit": 2}
    )
    from binaasn.people.queries import employee_for_user

    asn_user = (
        Membership.objects.filter(agency=agency, role="employee").select_related("user").first()
    )
    asn = employee_for_user(agency, asn_user.user) if asn_user else None
    with notifications.emails_muted():
        count = _classical(agency, plan, today, rng, admin, trainer, asn)
        _external(agency, rng, admin)
        extras = {"mentoring": 0, "project": 0, "internship": 0, "community": 0}
        if agency.slug == "gorontalo":
            extras["mentoring"] = _mentoring(agency, today, rng, admin)
            extras["community"] = _bakti_sosial(agency, today, rng, admin)
        elif agency.slug == "candisari":
            extras["project"] = _project(agency, today, rng, admin, trainer)
            extras["mentoring"] = _mentoring(agency, today, rng, admin)
        elif agency.slug == "kutacane":
            extras["internship"] = _internship(agency, today, rng, admin)
    return f"offerings+{count} " + " ".join(f"{k}+{v}" for k, v in extras.items())


def seed_learning(ctx):
    return seed(ctx.agency)
