"""Demo questionnaires: a needs-analysis (AKPK) template, a training-reaction template with the
Kirkpatrick L1 items, and one open reaction questionnaire with answers from a demo unit.

``seed(agency)`` writes the two templates; ``seed_step(ctx)`` is the step of
binaasn/core/demo.py and adds the sample questionnaire when the people step left a unit.
Both are idempotent: they write only what is missing (looked up by title).
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from binaasn.people.models import Employee

from . import services
from .models import Invitation, Question, Questionnaire

AKPK_TITLE = "Templat AKPK: analisis kebutuhan pengembangan kompetensi"
REACTION_TITLE = "Templat evaluasi reaksi pelatihan (Kirkpatrick level 1)"
SAMPLE_TITLE = "Evaluasi reaksi: Bimtek Pelayanan Prima 2026"

AGREE = ["Sangat tidak setuju", "Tidak setuju", "Netral", "Setuju", "Sangat setuju"]
CONFIDENCE = ["Sangat rendah", "Rendah", "Sedang", "Tinggi", "Sangat tinggi"]
LEVELS = ["Belum memahami", "Dasar", "Cukup", "Mahir", "Ahli"]

# PermenPANRB 38/2017: eight managerial competencies and one socio-cultural (DOMAIN.md).
# The ids are placeholders: a needs-analysis campaign copies the template and puts the
# agency's competency ids in the grid.
COMPETENCIES = [
    ("M1", "Integritas"),
    ("M2", "Kerjasama"),
    ("M3", "Komunikasi"),
    ("M4", "Orientasi pada Hasil"),
    ("M5", "Pelayanan Publik"),
    ("M6", "Pengembangan Diri dan Orang Lain"),
    ("M7", "Mengelola Perubahan"),
    ("M8", "Pengambilan Keputusan"),
    ("SK1", "Perekat Bangsa"),
]

DEVELOPMENT_FORMS = [
    "Pelatihan klasikal (diklat, bimtek, kursus)",
    "Seminar, workshop atau sosialisasi",
    "E-learning atau pelatihan jarak jauh",
    "Coaching atau mentoring",
    "Magang atau detasering",
    "Belajar mandiri atau komunitas belajar",
]


@dataclass
class SurveyDemo:
    questionnaires: int = 0
    responses: int = 0


def _likert(text, code, labels=AGREE):
    return {"kind": Question.Kind.LIKERT, "text": text, "code": code, "scale_max": 5,
            "scale_labels": labels}  # fmt: skip


def _build(agency, title, purpose, description, sections, *, is_template=True, owner_unit=None):
    questionnaire = services.create_questionnaire(
        agency,
        title=title,
        purpose=purpose,
        description=description,
        is_template=is_template,
        owner_unit=owner_unit,
    )
    for section_title, questions in sections:
        section = services.add_section(questionnaire, title=section_title)
        for spec in questions:
            services.add_question(questionnaire, section=section, **spec)
    return questionnaire


def _akpk(agency):
    return _build(
        agency,
        AKPK_TITLE,
        Questionnaire.Purpose.NEEDS_ANALYSIS,
        "Isian mandiri ASN dan penilaian atasan untuk menyusun kebutuhan pengembangan "
        "kompetensi tahun depan.",
        [
            (
                "Tingkat kompetensi saat ini",
                [
                    {"kind": Question.Kind.RATING_GRID, "code": "current_level",
                     "text": "Nilailah tingkat kompetensi saat ini (1 = belum memahami, 5 = ahli)",
                     "items": [{"id": i, "name": n} for i, n in COMPETENCIES],
                     "scale_labels": LEVELS},
                ],
            ),
            (
                "Kebutuhan pengembangan",
                [
                    {"kind": Question.Kind.LONG_TEXT, "code": "technical_needs",
                     "text": "Kompetensi teknis apa yang perlu dikembangkan untuk tugas Anda?"},
                    {"kind": Question.Kind.MULTIPLE, "code": "preferred_forms",
                     "text": "Bentuk pengembangan yang paling sesuai",
                     "choices": DEVELOPMENT_FORMS},
                    {"kind": Question.Kind.NUMBER, "code": "jp_this_year",
                     "text": "Berapa JP pengembangan kompetensi yang sudah Anda ikuti tahun ini?",
                     "min_value": 0, "max_value": 500, "is_required": False},
                ],
            ),
        ],
    )  # fmt: skip


REACTION_SECTIONS = [
    ("Materi", [_likert("Materi relevan dengan tugas dan pekerjaan saya", "relevance")]),
    (
        "Narasumber",
        [
            _likert("Narasumber menguasai materi", "speaker_mastery"),
            _likert("Narasumber menyampaikan materi dengan jelas dan menarik", "speaker_delivery"),
        ],
    ),
    (
        "Penyelenggaraan",
        [
            _likert("Jadwal, informasi dan layanan panitia tertata baik", "organisation"),
            _likert("Ruang, peralatan dan konsumsi memadai", "facilities"),
        ],
    ),
    (
        "Kepercayaan diri",
        [
            _likert("Keyakinan saya menerapkan materi ini SEBELUM pelatihan", "confidence_before",
                    CONFIDENCE),
            _likert("Keyakinan saya menerapkan materi ini SESUDAH pelatihan", "confidence_after",
                    CONFIDENCE),
            {"kind": Question.Kind.LONG_TEXT, "code": "suggestion", "is_required": False,
             "text": "Saran untuk perbaikan pelatihan berikutnya"},
        ],
    ),
]  # fmt: skip


def _reaction(agency):
    return _build(
        agency,
        REACTION_TITLE,
        Questionnaire.Purpose.REACTION,
        "Diisi peserta segera setelah pelatihan: relevansi materi, narasumber, penyelenggaraan, "
        "sarana, dan keyakinan menerapkan materi sebelum dan sesudah pelatihan.",
        REACTION_SECTIONS,
    )


def seed(agency):
    """The two demo templates of ``agency``; returns how many questionnaires were written."""
    existing = set(
        Questionnaire.objects.for_agency(agency)
        .filter(title__in=[AKPK_TITLE, REACTION_TITLE])
        .values_list("title", flat=True)
    )
    written = 0
    for title, build in ((AKPK_TITLE, _akpk), (REACTION_TITLE, _reaction)):
        if title not in existing:
            build(agency)
            written += 1
    return written


RATED_CODES = ("relevance", "speaker_mastery", "speaker_delivery", "organisation", "facilities")
SUGGESTIONS = [
    "Perbanyak studi kasus dari unit layanan.",
    "Waktu praktik perlu ditambah.",
    "Materi dibagikan sebelum pelatihan dimulai.",
    "",
]


def seed_sample(agency, unit, rng, keep_pending=()):
    """An open reaction questionnaire for ``unit``'s ASN, about two thirds of them answered;
    the employees in ``keep_pending`` stay unanswered (the demo ASN sees it to fill in)."""
    if Questionnaire.objects.for_agency(agency).filter(title=SAMPLE_TITLE).exists():
        return 0, 0
    template = Questionnaire.objects.for_agency(agency).get(title=REACTION_TITLE)
    sample = services.copy_questionnaire(template, title=SAMPLE_TITLE, owner_unit=unit)
    today = timezone.localdate()
    services.update_questionnaire(
        sample,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=27),
    )
    services.publish(sample, today=today - datetime.timedelta(days=3), send_emails=False)
    people = list(
        Employee.objects.for_agency(agency).active().in_subtree(unit).order_by("nip")[:40]
    )
    pending = {e.pk for e in keep_pending}
    if keep_pending:
        people += [e for e in keep_pending if e.pk not in {p.pk for p in people}]
    services.invite(sample, employees=people, send_emails=False)
    responses = 0
    for invitation in Invitation.objects.filter(questionnaire=sample).order_by("employee__nip"):
        if invitation.employee_id in pending or rng.random() > 0.67:
            continue
        before = rng.choice([2, 2, 3, 3, 4])
        answers = {code: rng.choice([3, 4, 4, 5, 5]) for code in RATED_CODES}
        answers.update(
            confidence_before=before,
            confidence_after=min(5, before + rng.choice([1, 1, 2])),
            suggestion=rng.choice(SUGGESTIONS),
        )
        services.submit_response(invitation, answers)
        responses += 1
    return 1, responses


def seed_step(ctx):
    """Demo step (binaasn/core/demo.py): templates, then the sample questionnaire."""
    result = SurveyDemo(questionnaires=seed(ctx.agency))
    unit = ctx.data.get("operator_unit")
    if unit is not None:
        nip = getattr(ctx.data.get("asn"), "nip", None)
        keep = list(Employee.objects.for_agency(ctx.agency).filter(nip=nip)) if nip else []
        written, responses = seed_sample(
            ctx.agency, unit, random.Random(ctx.seed("surveys")), keep_pending=keep
        )
        result.questionnaires += written
        result.responses += responses
    return result
