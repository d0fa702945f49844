"""Reaction (Kirkpatrick L1) and behaviour (L3) questionnaires of finished offerings.

When an offering finishes, its participants get a copy of the agency's reaction template;
``behaviour_delay_months`` later the supervisor of every participant who completed it (about
that participant) and the participant (about themselves) get a copy of the behaviour template.
Questionnaires are built, sent, reminded and answered through the surveys engine; this module
only decides what is sent to whom and when.

The standard templates store their texts in Bahasa Indonesia as data (they are content, which
admins edit in the questionnaire builder). Results are aggregated by the questions' ``code``,
so these codes stay stable:

Reaction (L1), Likert 1–5 unless noted
    material_relevance, material_usefulness, material_clarity          aspect "material"
    speaker_mastery   rating grid, one row per speaker (``speaker-<pk>``) and trainer
                      (``trainer-<user pk>``) of the offering                aspect "speakers"
    organisation_schedule, organisation_information, organisation_service
                                                                        aspect "organisation"
    facilities_room, facilities_equipment                               aspect "facilities"
    ability_before, ability_after   self-rated ability before and after (not in the overall)
    most_useful, suggestions        long texts

Behaviour (L3), answered by the supervisor about the participant and by the participant
    application_frequency, application_quality, work_improvement   Likert 1–5, together the
                                                                    application score
    barriers, support_needed        long texts
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_scopes import scope

from binaasn.core.models import Agency
from binaasn.learning.models import Enrolment, Offering
from binaasn.surveys import services as surveys
from binaasn.surveys.models import Invitation, Question, Questionnaire

from ..models import EvaluationSettings, OfferingEvaluation

# --- codes --------------------------------------------------------------------------------

SPEAKER_CODE = "speaker_mastery"
ASPECT_CODES = {
    "material": ("material_relevance", "material_usefulness", "material_clarity"),
    "speakers": (SPEAKER_CODE,),
    "organisation": (
        "organisation_schedule",
        "organisation_information",
        "organisation_service",
    ),
    "facilities": ("facilities_room", "facilities_equipment"),
}
REACTION_SCORE_CODES = tuple(code for codes in ASPECT_CODES.values() for code in codes)
ABILITY_BEFORE, ABILITY_AFTER = "ability_before", "ability_after"
REACTION_TEXT_CODES = ("most_useful", "suggestions")
APPLICATION_CODES = ("application_frequency", "application_quality", "work_improvement")
BEHAVIOUR_TEXT_CODES = ("barriers", "support_needed")

# --- standard templates (content in Bahasa Indonesia) --------------------------------------

REACTION_TITLE = "Templat standar evaluasi reaksi peserta (L1)"
BEHAVIOUR_TITLE = "Templat standar evaluasi pasca pelatihan (L3)"

AGREE = ["Sangat tidak setuju", "Tidak setuju", "Ragu-ragu", "Setuju", "Sangat setuju"]
QUALITY = ["Sangat kurang", "Kurang", "Cukup", "Baik", "Sangat baik"]
ABILITY = ["Sangat rendah", "Rendah", "Sedang", "Tinggi", "Sangat tinggi"]
FREQUENCY = ["Tidak pernah", "Jarang", "Kadang-kadang", "Sering", "Selalu"]


def _likert(code, text, labels=AGREE):
    return {"kind": Question.Kind.LIKERT, "code": code, "text": text, "scale_max": 5,
            "scale_labels": labels}  # fmt: skip


def _long_text(code, text):
    return {"kind": Question.Kind.LONG_TEXT, "code": code, "text": text, "is_required": False}


REACTION_SECTIONS = [
    ("Materi", [
        _likert("material_relevance", "Materi relevan dengan tugas dan pekerjaan saya"),
        _likert("material_usefulness", "Materi bermanfaat untuk meningkatkan kinerja saya"),
        _likert("material_clarity", "Materi tersusun runtut dan mudah dipahami"),
    ]),
    ("Narasumber dan pengajar", [
        {"kind": Question.Kind.RATING_GRID, "code": SPEAKER_CODE,
         "text": "Nilailah penguasaan materi dan cara penyampaian setiap narasumber dan pengajar",
         "help_text": "1 = sangat kurang, 5 = sangat baik. Baris diisi dengan narasumber dan "
                      "pengajar setiap angkatan.",
         "items": [{"id": "narasumber", "name": "Narasumber"}], "scale_labels": QUALITY},
    ]),
    ("Penyelenggaraan", [
        _likert("organisation_schedule", "Jadwal dan alokasi waktu sesuai dengan kebutuhan materi"),
        _likert("organisation_information",
                "Informasi tentang kegiatan disampaikan dengan jelas dan tepat waktu"),
        _likert("organisation_service", "Panitia memberikan pelayanan yang baik dan tanggap"),
    ]),
    ("Sarana dan prasarana", [
        _likert("facilities_room", "Ruang belajar nyaman dan memadai"),
        _likert("facilities_equipment", "Peralatan dan bahan belajar tersedia dan berfungsi baik"),
    ]),
    ("Kemampuan diri", [
        _likert(ABILITY_BEFORE,
                "Kemampuan saya tentang materi ini sebelum mengikuti kegiatan", ABILITY),
        _likert(ABILITY_AFTER,
                "Kemampuan saya tentang materi ini sesudah mengikuti kegiatan", ABILITY),
    ]),
    ("Kesan dan saran", [
        _long_text("most_useful", "Bagian kegiatan yang paling bermanfaat bagi Anda"),
        _long_text("suggestions", "Saran untuk perbaikan kegiatan berikutnya"),
    ]),
]  # fmt: skip

BEHAVIOUR_DESCRIPTION = (
    "Kuesioner ini menilai penerapan hasil pelatihan di tempat kerja. Atasan menjawab tentang "
    "pegawai yang mengikuti pelatihan; peserta menjawab tentang dirinya sendiri."
)
BEHAVIOUR_SECTIONS = [
    ("Penerapan hasil pelatihan", [
        _likert("application_frequency",
                "Peserta menerapkan pengetahuan dan keterampilan dari pelatihan dalam pekerjaan "
                "sehari-hari", FREQUENCY),
        _likert("application_quality",
                "Peserta menerapkan hasil pelatihan dengan benar dan tepat"),
        _likert("work_improvement",
                "Hasil kerja peserta membaik sejak mengikuti pelatihan"),
    ]),
    ("Hambatan dan dukungan", [
        _long_text("barriers", "Hambatan dalam menerapkan hasil pelatihan di tempat kerja"),
        _long_text("support_needed",
                   "Dukungan yang diperlukan agar hasil pelatihan dapat diterapkan"),
    ]),
]  # fmt: skip


def _build_template(agency, title, purpose, description, sections, by):
    questionnaire = surveys.create_questionnaire(
        agency, title=title, purpose=purpose, description=description, is_template=True, by=by
    )
    for section_title, questions in sections:
        section = surveys.add_section(questionnaire, title=section_title, by=by)
        for spec in questions:
            surveys.add_question(questionnaire, section=section, by=by, **spec)
    return questionnaire


def get_settings(agency):
    """The agency's evaluation settings row (created with the defaults when missing)."""
    settings, _created = EvaluationSettings.objects.for_agency(agency).get_or_create(agency=agency)
    return settings


@transaction.atomic
def ensure_standard_templates(agency, *, by=None):
    """Give the agency the standard reaction and behaviour templates unless its settings name
    templates already; returns the settings."""
    settings = get_settings(agency)
    changed = []
    if settings.reaction_template_id is None:
        settings.reaction_template = _build_template(
            agency,
            REACTION_TITLE,
            Questionnaire.Purpose.REACTION,
            "Penilaian peserta tentang materi, narasumber, penyelenggaraan dan sarana kegiatan, "
            "serta kemampuan diri sebelum dan sesudah kegiatan.",
            REACTION_SECTIONS,
            by,
        )
        changed.append("reaction_template")
    if settings.behaviour_template_id is None:
        settings.behaviour_template = _build_template(
            agency,
            BEHAVIOUR_TITLE,
            Questionnaire.Purpose.BEHAVIOUR,
            BEHAVIOUR_DESCRIPTION,
            BEHAVIOUR_SECTIONS,
            by,
        )
        changed.append("behaviour_template")
    if changed:
        settings.save(update_fields=changed)
    return settings


SETTING_FIELDS = (
    "reaction_template", "behaviour_template", "reaction_days_open", "behaviour_delay_months",
    "behaviour_days_open", "reminder_every_days", "outcome_window_months",
    "outcome_min_respondents",
)  # fmt: skip


@transaction.atomic
def update_settings(settings, *, by, **fields):
    """Change the templates and timings; a template must be one of the agency's templates of
    the right purpose."""
    unknown = set(fields) - set(SETTING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    purposes = {
        "reaction_template": Questionnaire.Purpose.REACTION,
        "behaviour_template": Questionnaire.Purpose.BEHAVIOUR,
    }
    for name, purpose in purposes.items():
        template = fields.get(name)
        if template is None:
            continue
        if template.agency_id != settings.agency_id:
            raise ValidationError({name: _("This questionnaire belongs to another agency.")})
        if not template.is_template or template.purpose != purpose:
            raise ValidationError(
                {name: _("Choose a template questionnaire with the purpose “%(purpose)s”.")
                 % {"purpose": Questionnaire.Purpose(purpose).label}}
            )  # fmt: skip
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.full_clean(exclude=["agency"])
    settings.save()
    return settings


# --- sending --------------------------------------------------------------------------------


def add_months(day, months):
    """The same day ``months`` later, or the month's last day when it is shorter
    (31 January + 1 month = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def finished_on(offering):
    """The day an offering finished (its end date when the finishing time is unknown)."""
    if offering.finished_at:
        return timezone.localdate(offering.finished_at)
    return offering.ends_on


def _day(value):
    return date_format(
        timezone.localdate(value) if isinstance(value, datetime.datetime) else value, "j F Y"
    )


@dataclass
class Sent:
    """What a send did: the questionnaire, how many were invited, and (behaviour) how many
    participants have no supervisor to ask."""

    evaluation: OfferingEvaluation
    questionnaire: Questionnaire | None = None
    invited: int = 0
    without_supervisor: int = 0
    notes: list = field(default_factory=list)


def _speaker_rows(offering):
    rows = [
        {"id": f"speaker-{speaker.pk}", "name": speaker.name}
        for speaker in offering.speakers.order_by("name", "pk")
    ]
    rows += [
        {"id": f"trainer-{user.pk}", "name": str(user)}
        for user in offering.trainers.order_by("full_name", "username", "pk")
    ]
    return rows


def _fill_speaker_grid(questionnaire, offering, by):
    """Rows of the speaker grid: the offering's speakers and trainers. Without any, the grid
    (and its section when left empty) is removed, since there is nobody to rate."""
    grid = questionnaire.questions.filter(code=SPEAKER_CODE, kind=Question.Kind.RATING_GRID).first()
    if grid is None:
        return
    rows = _speaker_rows(offering)
    if rows:
        surveys.update_question(grid, items=rows, by=by)
        return
    section = grid.section
    surveys.delete_question(grid, by=by)
    if not section.questions.exists():
        surveys.delete_section(section, by=by)


def _copy(template, title, offering, closes_on, by):
    questionnaire = surveys.copy_questionnaire(
        template, title=title[:200], by=by, owner_unit=offering.unit
    )
    surveys.update_questionnaire(questionnaire, closes_on=closes_on, by=by)
    return questionnaire


def _evaluation_for(offering, settings):
    evaluation, _created = (
        OfferingEvaluation.objects.for_agency(offering.agency)
        .select_for_update()
        .get_or_create(agency=offering.agency, offering=offering)
    )
    if evaluation.behaviour_due_on is None:
        evaluation.behaviour_due_on = add_months(
            finished_on(offering), settings.behaviour_delay_months
        )
        evaluation.save(update_fields=["behaviour_due_on"])
    return evaluation


@transaction.atomic
def start_offering_evaluation(
    offering, *, by=None, today=None, refuse_if_sent=False, base_url="", send_emails=True
):
    """Send a finished offering's reaction questionnaire to its enrolled participants and fix
    the day its behaviour questionnaire is due. Safe to call again: an offering never gets a
    second reaction questionnaire (``refuse_if_sent`` turns the repeat into a ValidationError
    that says when it was sent, for the manual button)."""
    today = today or timezone.localdate()
    if offering.status != Offering.Status.FINISHED:
        raise ValidationError(
            _("The offering has not finished yet; its participants are asked once it finishes.")
        )
    settings = ensure_standard_templates(offering.agency, by=by)
    evaluation = _evaluation_for(offering, settings)
    result = Sent(evaluation=evaluation, questionnaire=evaluation.reaction)
    if evaluation.reaction_id is not None or evaluation.reaction_sent_at is not None:
        if refuse_if_sent:
            raise ValidationError(
                _(
                    "The reaction questionnaire of this offering was already sent on %(date)s; "
                    "it is not sent twice. Use “Remind” to ask those who have not answered."
                )
                % {"date": _day(evaluation.reaction_sent_at or evaluation.created_at)}
            )
        return result
    participants = [
        enrolment.employee
        for enrolment in Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED, employee__is_active=True)
        .select_related("employee__unit")
        .order_by("employee__name", "pk")
    ]
    if not participants:
        if refuse_if_sent:
            raise ValidationError(_("This offering has no participants to ask."))
        result.notes.append(_("This offering has no participants to ask."))
        return result
    questionnaire = _copy(
        settings.reaction_template,
        f"Evaluasi reaksi: {offering.title}",
        offering,
        today + datetime.timedelta(days=settings.reaction_days_open),
        by,
    )
    _fill_speaker_grid(questionnaire, offering, by)
    invited = surveys.invite(questionnaire, employees=participants, by=by, send_emails=False)
    surveys.publish(questionnaire, by=by, today=today, base_url=base_url, send_emails=send_emails)
    evaluation.reaction = questionnaire
    evaluation.reaction_sent_at = timezone.now()
    evaluation.save(update_fields=["reaction", "reaction_sent_at"])
    result.questionnaire, result.invited = questionnaire, len(invited.created)
    return result


def _has_supervisor(employee):
    supervisor = employee.supervisor
    return supervisor is not None and supervisor.is_active and supervisor.pk != employee.pk


def completed_enrolments(offering):
    return Enrolment.objects.for_agency(offering.agency).filter(
        offering=offering,
        status=Enrolment.Status.ENROLLED,
        result=Enrolment.Result.COMPLETED,
        employee__is_active=True,
    )


@transaction.atomic
def send_behaviour_questionnaire(evaluation, *, by=None, today=None, base_url="", send_emails=True):
    """Ask the supervisor of each participant who completed the offering (about that
    participant) and the participant (about themselves) how the learning is applied at work.
    Participants without an active supervisor get only their own form."""
    today = today or timezone.localdate()
    evaluation = (
        OfferingEvaluation.objects.for_agency(evaluation.agency_id)
        .select_for_update(of=("self",))
        .select_related("offering__unit")
        .get(pk=evaluation.pk)
    )
    if evaluation.behaviour_id is not None or evaluation.behaviour_sent_at is not None:
        raise ValidationError(
            _(
                "The behaviour questionnaire of this offering was already sent on %(date)s; "
                "it is not sent twice. Use “Remind” to ask those who have not answered."
            )
            % {"date": _day(evaluation.behaviour_sent_at or evaluation.created_at)}
        )
    offering = evaluation.offering
    participants = [
        enrolment.employee
        for enrolment in completed_enrolments(offering)
        .select_related("employee__unit", "employee__supervisor")
        .order_by("employee__name", "pk")
    ]
    if not participants:
        raise ValidationError(
            _(
                "Nobody completed this offering, so there is nobody to ask about applying it "
                "at work."
            )
        )
    settings = ensure_standard_templates(offering.agency, by=by)
    questionnaire = _copy(
        settings.behaviour_template,
        f"Evaluasi pasca pelatihan: {offering.title}",
        offering,
        today + datetime.timedelta(days=settings.behaviour_days_open),
        by,
    )
    supervised = [person for person in participants if _has_supervisor(person)]
    invited = surveys.invite(
        questionnaire, employees=participants, supervisors_of=supervised, by=by, send_emails=False
    )
    surveys.publish(questionnaire, by=by, today=today, base_url=base_url, send_emails=send_emails)
    evaluation.behaviour = questionnaire
    evaluation.behaviour_sent_at = timezone.now()
    evaluation.save(update_fields=["behaviour", "behaviour_sent_at"])
    return Sent(
        evaluation=evaluation,
        questionnaire=questionnaire,
        invited=len(invited.created),
        without_supervisor=len(participants) - len(supervised),
    )


@dataclass
class DailyResult:
    sent: int = 0
    invited: int = 0
    reminded: int = 0
    emailed: int = 0
    # "agency · offering: why" for each send a service refused (shown by the daily command)
    refused: list = field(default_factory=list)


def due_behaviour_evaluations(agency, today):
    """Evaluations whose behaviour questionnaire is due and not sent, with someone to ask."""
    completed = Enrolment.objects.filter(
        offering_id=OuterRef("offering_id"),
        status=Enrolment.Status.ENROLLED,
        result=Enrolment.Result.COMPLETED,
    )
    return (
        OfferingEvaluation.objects.for_agency(agency)
        .filter(
            behaviour__isnull=True,
            behaviour_sent_at__isnull=True,
            behaviour_due_on__lte=today,
        )
        .filter(Exists(completed))
        .select_related("offering__unit")
        .order_by("behaviour_due_on", "pk")
    )


def send_due_behaviour_questionnaires(today=None, *, base_url=""):
    """Send every agency's behaviour questionnaires that are due (the daily command)."""
    today = today or timezone.localdate()
    result = DailyResult()
    for agency in Agency.objects.filter(is_active=True).order_by("pk"):
        with scope(agency=agency):
            for evaluation in due_behaviour_evaluations(agency, today):
                try:
                    sent = send_behaviour_questionnaire(evaluation, today=today, base_url=base_url)
                except ValidationError as error:
                    result.refused.append(
                        f"{agency.slug} · {evaluation.offering}: {' '.join(error.messages)}"
                    )
                    continue
                result.sent += 1
                result.invited += sent.invited
    return result


def _questionnaire_ids(evaluations):
    ids = set()
    for reaction_id, behaviour_id in evaluations.values_list("reaction_id", "behaviour_id"):
        ids.update(pk for pk in (reaction_id, behaviour_id) if pk is not None)
    return ids


def _open_questionnaires(agency, ids, today):
    return (
        Questionnaire.objects.for_agency(agency)
        .filter(pk__in=ids, status=Questionnaire.Status.OPEN)
        .filter(Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    )


def send_evaluation_reminders(today=None, *, base_url=""):
    """Remind those who have not answered an open L1/L3 questionnaire, once the last invitation
    or reminder is ``reminder_every_days`` old. The surveys engine reminds a questionnaire's
    unanswered invitations together, so a questionnaire is reminded when even its most
    recently contacted invitee is due: nobody is reminded sooner than the interval."""
    today = today or timezone.localdate()
    result = DailyResult()
    for agency in Agency.objects.filter(is_active=True).order_by("pk"):
        with scope(agency=agency):
            settings = EvaluationSettings.objects.for_agency(agency).first() or EvaluationSettings(
                agency=agency
            )
            ids = _questionnaire_ids(OfferingEvaluation.objects.for_agency(agency))
            if not ids:
                continue
            cutoff = timezone.make_aware(
                datetime.datetime.combine(
                    today - datetime.timedelta(days=settings.reminder_every_days - 1),
                    datetime.time.min,
                )
            )
            open_ids = set(_open_questionnaires(agency, ids, today).values_list("pk", flat=True))
            due = (
                Invitation.objects.for_agency(agency)
                .filter(questionnaire_id__in=open_ids, responded_at__isnull=True)
                .order_by()
                .values("questionnaire_id")
                .annotate(last=Max(Coalesce("reminded_at", "invited_at")))
                .filter(last__lt=cutoff)
                .values_list("questionnaire_id", flat=True)
            )
            for questionnaire in Questionnaire.objects.for_agency(agency).filter(pk__in=list(due)):
                reminded = surveys.send_reminders(questionnaire, base_url=base_url)
                result.reminded += reminded.reminded
                result.emailed += reminded.emailed
    return result


@transaction.atomic
def remind_offering(evaluation, *, by=None, base_url=""):
    """Remind now everyone who has not answered the offering's open questionnaires."""
    today = timezone.localdate()
    ids = {pk for pk in (evaluation.reaction_id, evaluation.behaviour_id) if pk}
    reminded = 0
    for questionnaire in _open_questionnaires(evaluation.agency_id, ids, today):
        if questionnaire.invitations.pending().exists():
            reminded += surveys.send_reminders(questionnaire, by=by, base_url=base_url).reminded
    if not reminded:
        raise ValidationError(
            _("Nobody to remind: everyone has answered or the questionnaires are closed.")
        )
    return reminded
