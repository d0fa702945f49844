"""Offerings and their sessions: creation, changes (participants are told), cancellation and
closing (completion is evaluated and JP credited)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaasn.planning import paths as planning_paths
from binaasn.planning.models import MaterialVersion

from .. import paths
from ..models import Enrolment, Offering, Session
from . import notifications
from .audit import audit_batch
from .enrolment import promote_waitlist


def _participants(offering):
    return [
        e.employee
        for e in Enrolment.objects.for_agency(offering.agency)
        .filter(
            offering=offering, status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED]
        )
        .select_related("employee__user")
    ]


def _check_offering(offering):
    errors = _check_material_version(offering)
    if offering.ends_on and offering.starts_on and offering.ends_on < offering.starts_on:
        errors["ends_on"] = _("The end date is before the start date.")
    if (
        offering.registration_opens_on
        and offering.registration_closes_on
        and offering.registration_closes_on < offering.registration_opens_on
    ):
        errors["registration_closes_on"] = _("Registration closes before it opens.")
    if not paths.is_valid(offering.path_code):
        errors["path_code"] = _("Choose a path code KL01–KL12 or NKL01–NKL13.")
    elif not offering.form:
        offering.form = default_form(offering.path_code)
    else:
        message = planning_paths.check_form_and_path(offering.form, offering.path_code)
        if message:
            errors["form"] = message
    if errors:
        raise ValidationError(errors)


GENERIC_FORMS = {"project_based", "community_activity", "formal_education"}


def default_form(path_code):
    """The development form a path code usually stands for (planning's list)."""
    for key, code in planning_paths.FORM_PATH.items():
        if code == path_code and key not in GENERIC_FORMS:
            return key
    return (
        "other_non_classical"
        if paths.form_of(path_code) == paths.NON_CLASSICAL
        else "other_classical"
    )


def apply_programme(offering, programme):
    """Fill what the offering leaves empty from its planning programme: title, path code, form,
    JP per participant. Returns the programme's speakers for an offering that has none yet."""
    offering.programme = programme
    if programme is None:
        return []
    if not offering.title:
        offering.title = programme.title
    if not offering.path_code and programme.path_code:
        offering.path_code = programme.path_code
    if not offering.form and programme.path_code == offering.path_code:
        offering.form = programme.form
    if offering.jp is None:
        offering.jp = programme.jp_per_participant
    if offering.material_version_id is None:
        offering.material_version = latest_material_version(programme)
    return list(programme.speakers.all())


def latest_material_version(programme):
    """The programme's newest published curriculum and material version, or None."""
    if programme is None:
        return None
    return (
        MaterialVersion.objects.for_agency(programme.agency)
        .filter(programme=programme, status=MaterialVersion.Status.PUBLISHED)
        .order_by("-number")
        .first()
    )


def _check_material_version(offering):
    version = offering.material_version
    if version is None:
        # A running or planned offering of a programme uses its latest version unless one is
        # chosen; a finished one is left alone (which version it used is not known).
        if offering.programme_id and offering.status in (
            Offering.Status.DRAFT,
            Offering.Status.OPEN,
        ):
            offering.material_version = latest_material_version(offering.programme)
        return {}
    if version.programme_id != offering.programme_id:
        return {"material_version": _("This material version belongs to another programme.")}
    if not version.is_published:
        return {"material_version": _("Only a published material version can be used.")}
    return {}


@transaction.atomic
def move_offerings_to_material_version(version, *, by=None, today=None):
    """Offerings of the version's programme that have not started yet (draft or open, starting
    after ``today``) switch to ``version``; returns how many moved. One audit entry per batch."""
    today = today or timezone.localdate()
    offerings = (
        Offering.objects.for_agency(version.agency)
        .filter(
            programme_id=version.programme_id,
            starts_on__gt=today,
            status__in=[Offering.Status.DRAFT, Offering.Status.OPEN],
        )
        .exclude(material_version=version)
    )
    moved = offerings.update(material_version=version)
    if moved:
        audit_batch(
            version,
            by,
            _("%(count)d offerings not started yet now use version %(number)d.")
            % {"count": moved, "number": version.number},
        )
    return moved


@transaction.atomic
def create_offering(offering, *, by, trainers=(), speakers=None):
    """Save a new offering (built by the form). Empty fields come from its programme; the
    development form follows from the path code when not chosen."""
    programme_speakers = apply_programme(offering, offering.programme)
    _check_offering(offering)
    offering.created_by = by
    offering.save()
    if trainers:
        offering.trainers.set(trainers)
    offering.speakers.set(speakers if speakers else programme_speakers)
    return offering


@transaction.atomic
def update_offering(offering, *, by, changed_fields, trainers=None, speakers=None):
    """Save changes; participants are told when dates or the venue change, and a larger quota
    moves the waitlist up."""
    _check_offering(offering)
    offering.save()
    if trainers is not None:
        offering.trainers.set(trainers)
    if speakers is not None:
        offering.speakers.set(speakers)
    promote_waitlist(offering)
    if {"starts_on", "ends_on", "venue", "online_url"} & set(changed_fields):
        context = {
            "offering": offering.title,
            "start": date_format(offering.starts_on, "d F Y"),
            "end": date_format(offering.ends_on, "d F Y"),
            "venue": offering.venue or offering.online_url or "-",
        }
        notifications.notify_many(
            offering.agency,
            _participants(offering),
            kind=notifications.CHANGED,
            title=_("Changed: %(offering)s") % context,
            body=_("%(offering)s now runs %(start)s – %(end)s at %(venue)s.") % context,
            url=notifications.my_learning_url(offering.agency),
        )
    return offering


@transaction.atomic
def cancel_offering(offering, *, by, reason):
    if offering.status == Offering.Status.FINISHED:
        raise ValidationError(_("A finished offering cannot be cancelled."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the offering is cancelled; participants are told.")}
        )
    people = _participants(offering)
    offering.status = Offering.Status.CANCELLED
    offering.save(update_fields=["status"])
    Enrolment.objects.for_agency(offering.agency).filter(
        offering=offering,
        status__in=[
            Enrolment.Status.PENDING,
            Enrolment.Status.ENROLLED,
            Enrolment.Status.WAITLISTED,
        ],
    ).update(status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now(), note=reason[:300])
    context = {"offering": offering.title, "reason": reason}
    notifications.notify_many(
        offering.agency,
        people,
        kind=notifications.CANCELLED,
        title=_("Cancelled: %(offering)s") % context,
        body=_("%(offering)s has been cancelled: %(reason)s") % context,
        url=notifications.my_learning_url(offering.agency),
    )


def _check_session(session):
    errors = {}
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        errors["ends_at"] = _("The end time must be after the start time.")
    offering = session.offering
    if session.held_on and not (offering.starts_on <= session.held_on <= offering.ends_on):
        errors["held_on"] = _("The date must fall within the offering (%(start)s – %(end)s).") % {
            "start": date_format(offering.starts_on, "d F Y"),
            "end": date_format(offering.ends_on, "d F Y"),
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_session(session, *, by, changed_fields=()):
    """Add or change a session; when an existing session moves, participants are told."""
    _check_session(session)
    is_new = session.pk is None
    session.save()
    if not is_new and {"held_on", "starts_at", "ends_at", "place"} & set(changed_fields):
        session.reminder_sent_at = None
        session.save(update_fields=["reminder_sent_at"])
        context = {
            "topic": session.topic,
            "offering": session.offering.title,
            "date": date_format(session.held_on, "d F Y"),
            "start": session.starts_at.strftime("%H:%M"),
            "end": session.ends_at.strftime("%H:%M"),
            "place": session.place or session.offering.venue or "-",
        }
        notifications.notify_many(
            session.agency,
            _participants(session.offering),
            kind=notifications.CHANGED,
            title=_("Session changed: %(topic)s") % context,
            body=_("%(topic)s (%(offering)s) is now on %(date)s, %(start)s–%(end)s at %(place)s.")
            % context,
            url=notifications.my_learning_url(session.agency),
        )
    return session


@transaction.atomic
def delete_session(session, *, by):
    if session.attendances.exists():
        raise ValidationError(
            _("Attendance has been recorded for this session; it cannot be deleted.")
        )
    session.delete()


def send_session_reminders(now=None):
    """Remind every enrolled participant of tomorrow's sessions, once per session.
    Runs outside any request (management command), so it walks agencies itself."""
    from django_scopes import scopes_disabled

    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    sent = 0
    with scopes_disabled():
        sessions = (
            Session.objects.filter(held_on=tomorrow, reminder_sent_at__isnull=True)
            .exclude(offering__status__in=[Offering.Status.CANCELLED, Offering.Status.DRAFT])
            .select_related("offering", "agency")
        )
        for session in sessions:
            with transaction.atomic():
                enrolments = Enrolment.objects.filter(
                    offering=session.offering, status=Enrolment.Status.ENROLLED
                ).select_related("employee__user")
                context = {
                    "topic": session.topic,
                    "offering": session.offering.title,
                    "date": date_format(session.held_on, "d F Y"),
                    "start": session.starts_at.strftime("%H:%M"),
                    "place": session.place
                    or session.offering.venue
                    or session.offering.online_url
                    or "-",
                }
                for enrolment in enrolments:
                    notifications.notify_employee(
                        session.agency,
                        enrolment.employee,
                        kind=notifications.REMINDER,
                        title=_("Tomorrow: %(topic)s") % context,
                        body=_(
                            "Reminder: %(topic)s (%(offering)s) on %(date)s at %(start)s, "
                            "%(place)s."
                        )
                        % context,
                        url=notifications.my_learning_url(session.agency),
                    )
                    sent += 1
                Session.objects.filter(pk=session.pk).update(reminder_sent_at=now)
    return sent
