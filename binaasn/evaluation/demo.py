"""Demo evaluations for a demo agency, following its field report.

Every finished demo offering gets its reaction questionnaire answered by most participants. The
first classical programme of the plan is judged weak (the Gorontalo report: "pelatihan
kepemimpinan kurang efektif"): low reaction scores and a low behaviour score from supervisors,
a finding with a "revise material" action, and version 2 of its material, which closes the
action and is used by the programme's next offering. Each plan gets the challenges its field
report names, with a mitigation action.

``seed(agency)`` runs after the learning and citizens demos; it is deterministic and idempotent
(an agency with challenges is left alone). All writes go through the services.
"""

import datetime
import random

from django.utils import timezone

from binaasn.actions.models import FollowUpAction
from binaasn.core.models import Membership
from binaasn.learning.models import Offering
from binaasn.learning.services import notifications
from binaasn.people.models import Employee
from binaasn.planning.models import LearningMethod, MaterialModule, Plan
from binaasn.planning.services import materials
from binaasn.surveys import services as survey_services
from binaasn.surveys.models import Invitation, Question

from .models import Challenge, Level
from .services import challenges, feedback, findings

REACTION_CODES = (
    "material_relevance",
    "material_usefulness",
    "material_clarity",
    "organisation_schedule",
    "organisation_information",
    "organisation_service",
    "facilities_room",
    "facilities_equipment",
)
BEHAVIOUR_CODES = ("application_frequency", "application_quality", "work_improvement")

GOOD_COMMENTS = (
    "Studi kasusnya dekat dengan pekerjaan sehari-hari.",
    "Narasumber menguasai materi dan mudah dipahami.",
    "Praktik langsung sangat membantu.",
)
WEAK_COMMENTS = (
    "Terlalu banyak ceramah, kurang praktik.",
    "Contoh-contohnya tidak sesuai dengan pekerjaan di OPD kami.",
    "Waktu diskusi terlalu singkat.",
)
SUGGESTIONS = (
    "Perbanyak simulasi dan studi kasus dari OPD sendiri.",
    "Materi dibagikan sebelum pelatihan.",
    "Tambahkan sesi tindak lanjut setelah kembali bekerja.",
)

# (category, description, impact, mitigation, action title) per agency, from the field reports.
CHALLENGES = {
    "gorontalo": [
        (
            Challenge.Category.RESISTANCE,
            "Sebagian peserta pelatihan kepemimpinan belum menerapkan cara kerja baru di unitnya.",
            Challenge.Impact.HIGH,
            "Revisi materi dan metode; atasan dilibatkan dalam rencana aksi peserta.",
            "Libatkan atasan dalam rencana aksi peserta pelatihan",
        ),
        (
            Challenge.Category.INFRASTRUCTURE,
            "Jaringan internet di puskesmas dan kecamatan terpencil tidak stabil untuk e-learning.",
            Challenge.Impact.MEDIUM,
            "Sediakan materi yang dapat diunduh dan sesi tatap muka di aula BKPSDM.",
            "Siapkan paket materi luring untuk unit dengan jaringan lemah",
        ),
    ],
    "candisari": [
        (
            Challenge.Category.RESISTANCE,
            "Beberapa ASN nyaman dengan cara kerja lama dan enggan memakai aplikasi layanan baru.",
            Challenge.Impact.HIGH,
            "Pendekatan persuasif dan penghargaan bagi ASN yang berhasil beradaptasi.",
            "Rancang penghargaan bulanan bagi ASN yang menerapkan layanan daring",
        ),
        (
            Challenge.Category.WORKLOAD,
            "Pelayanan di kecamatan tidak bisa ditinggal saat jam kerja.",
            Challenge.Impact.MEDIUM,
            "Jadwal pelatihan bergilir dan sesi sore.",
            "Susun jadwal pelatihan bergilir per seksi",
        ),
    ],
    "kutacane": [
        (
            Challenge.Category.BUDGET,
            "Anggaran pelatihan tidak cukup untuk program yang lebih luas dan mendalam.",
            Challenge.Impact.HIGH,
            "Kerja sama dengan universitas lokal dan BPSDM Aceh; pelatihan daring tanpa biaya.",
            "Ajukan kerja sama pelatihan dengan Universitas Gunung Leuser",
        ),
        (
            Challenge.Category.PARTICIPATION,
            "Partisipasi ASN kadang kurang antusias dalam mengikuti pelatihan.",
            Challenge.Impact.MEDIUM,
            "Insentif: JP tercatat untuk pengembangan karier dan sertifikat yang diakui.",
            "Umumkan capaian 20 JP per OPD setiap triwulan",
        ),
    ],
}


def _rng(agency):
    return random.Random(f"binaasn-demo:{agency.slug}:evaluation")


def _user(agency, role):
    membership = (
        Membership.objects.filter(agency=agency, role=role, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _level(rng, mean):
    return max(1, min(5, round(rng.gauss(mean, 0.7))))


def _answer_reaction(questionnaire, rng, mean, comments, share, today):
    questions = {q.code: q for q in questionnaire.questions.all() if q.code}
    grid = questions.get(feedback.SPEAKER_CODE)
    answered = 0
    for invitation in Invitation.objects.for_agency(questionnaire.agency).filter(
        questionnaire=questionnaire
    ):
        if rng.random() > share:
            continue
        answers = {code: _level(rng, mean) for code in REACTION_CODES if code in questions}
        before = _level(rng, 2.6)
        answers["ability_before"] = before
        answers["ability_after"] = min(5, before + (1 if mean > 3.5 else rng.choice((0, 0, 1))))
        if grid is not None:
            answers[grid.code] = {item["id"]: _level(rng, mean) for item in grid.items}
        answers["most_useful"] = rng.choice(comments)
        answers["suggestions"] = rng.choice(SUGGESTIONS)
        for question in questions.values():
            if question.kind == Question.Kind.LIKERT and question.code not in answers:
                answers[question.code] = _level(rng, mean)
        survey_services.submit_response(invitation, answers, today=today)
        answered += 1
    return answered


def _answer_behaviour(questionnaire, rng, mean, today):
    answered = 0
    for invitation in Invitation.objects.for_agency(questionnaire.agency).filter(
        questionnaire=questionnaire
    ):
        if rng.random() > 0.8:
            continue
        answers = {code: _level(rng, mean) for code in BEHAVIOUR_CODES}
        answers["barriers"] = "Belum ada waktu khusus untuk menerapkan di unit."
        answers["support_needed"] = "Pendampingan dari atasan dan contoh dokumen."
        survey_services.submit_response(invitation, answers, today=today)
        answered += 1
    return answered


def _revise(programme, admin, owner, today):
    """The weak programme: a finding with a "revise material" action, then version 2 of its
    material (more practice, less lecture) closes the action; the next offering uses it."""
    _finding, action = findings.record_finding(
        programme.agency,
        level=Level.REACTION,
        text=(
            "Peserta menilai materi kurang aplikatif dan metode didominasi ceramah; atasan "
            "belum melihat perubahan cara kerja."
        ),
        by=admin,
        programme=programme,
        action={
            "title": f"Revisi materi dan metode {programme.title}",
            "kind": FollowUpAction.Kind.REVISE_MATERIAL,
            "owner_employee": owner,
            "due_on": today + datetime.timedelta(days=30),
            "description": "Kurangi ceramah, tambah studi kasus dan simulasi dari OPD sendiri.",
        },
    )
    if action is None:
        return None
    version = materials.create_version(
        programme,
        by=admin,
        method=LearningMethod.CASE_STUDY,
        method_note="Studi kasus dan simulasi dari OPD peserta; ceramah paling banyak sepertiga.",
        change_note=(
            "Menjawab evaluasi angkatan I: ceramah dikurangi, studi kasus dan simulasi dari OPD "
            "peserta ditambah, rencana aksi didampingi atasan."
        ),
    )
    for module in version.modules.all():
        if module.method == LearningMethod.LECTURE and module.position > 0:
            module.method = LearningMethod.SIMULATION
            materials.save_module(module, by=admin)
    materials.save_module(
        MaterialModule(
            agency=programme.agency,
            version=version,
            position=version.modules.count(),
            title="Pendampingan rencana aksi bersama atasan",
            jp=2,
            method=LearningMethod.COACHING,
            description="Peserta dan atasan menyepakati rencana aksi yang diterapkan di unit.",
        ),
        by=admin,
    )
    return materials.publish_version(version, by=admin, closes_action=action, today=today)


def _challenges(plan, admin, owner, today):
    count = 0
    for category, description, impact, mitigation, title in CHALLENGES.get(plan.agency.slug, []):
        challenge = challenges.create_challenge(
            plan,
            by=admin,
            category=category,
            description=description,
            impact=impact,
            mitigation=mitigation,
        )
        challenges.create_challenge_action(
            challenge,
            by=admin,
            title=title,
            owner_employee=owner,
            due_on=today + datetime.timedelta(days=45 + 15 * count),
        )
        count += 1
    return count


def seed(agency, today=None):
    """Reaction and behaviour answers, a weak programme and its revision, challenges."""
    if Challenge.objects.for_agency(agency).exists():
        return "evaluations+0"
    today = today or timezone.localdate()
    plan = Plan.objects.for_agency(agency).filter(year=today.year).first()
    admin = _user(agency, "admin")
    if plan is None or admin is None:
        return "evaluations+0"
    rng = _rng(agency)
    finished = list(
        Offering.objects.for_agency(agency)
        .filter(status=Offering.Status.FINISHED, programme__plan=plan)
        .select_related("programme")
        .order_by("programme_id", "starts_on", "pk")
    )
    weak = finished[0].programme if finished else None
    owner = (
        Employee.objects.for_agency(agency)
        .active()
        .filter(user__isnull=False)
        .order_by("pk")
        .first()
    )
    evaluated = revised = 0
    with notifications.emails_muted():
        for offering in finished:
            is_weak = offering.programme_id == (weak.pk if weak else None)
            sent = feedback.start_offering_evaluation(
                offering, by=admin, today=today, send_emails=False
            )
            if sent.questionnaire is None:
                continue
            _answer_reaction(
                sent.questionnaire,
                rng,
                2.4 if is_weak else 4.2,
                WEAK_COMMENTS if is_weak else GOOD_COMMENTS,
                0.85,
                today,
            )
            evaluated += 1
            if is_weak:
                # Sent early for the demo so the report shows supervisors' view of the weak one.
                behaviour = feedback.send_behaviour_questionnaire(
                    sent.evaluation, by=admin, today=today, send_emails=False
                )
                if behaviour.questionnaire is not None:
                    _answer_behaviour(behaviour.questionnaire, rng, 2.3, today)
        if weak is not None and owner is not None:
            revised = 1 if _revise(weak, admin, owner, today) else 0
        count = _challenges(plan, admin, owner, today) if owner is not None else 0
    return f"evaluations+{evaluated} revisions+{revised} challenges+{count}"


def seed_step(ctx):
    return seed(ctx.agency)
