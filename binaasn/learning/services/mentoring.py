"""Mentoring (NKL02): pairs, goals, meeting logs, feedback; completion credits JP by the
conversion rule (the agency's per-meeting value, else minutes ÷ 45)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.people.ranks import rank_order

from .. import jp as jp_rules
from .. import paths
from ..models import LearningRecord, MentoringGoal, MentoringMeeting, Mentorship
from . import ledger


def rank_warning(mentor, mentee):
    """A warning when the mentor is not more senior by rank (PNS and PPPK ranks compared apart)."""
    mentor_rank, mentee_rank = rank_order(mentor.golongan), rank_order(mentee.golongan)
    same_scheme = (mentor.status == "PPPK") == (mentee.status == "PPPK")
    if not mentor_rank or not mentee_rank or not same_scheme:
        return _(
            "The ranks of %(mentor)s and %(mentee)s cannot be compared; check the mentor is the "
            "more senior."
        ) % {"mentor": mentor.full_name, "mentee": mentee.full_name}
    if mentor_rank <= mentee_rank:
        return _(
            "%(mentor)s (%(mentor_rank)s) is not senior by rank to %(mentee)s (%(mentee_rank)s); a "
            "mentor is usually more senior."
        ) % {
            "mentor": mentor.full_name,
            "mentor_rank": mentor.golongan,
            "mentee": mentee.full_name,
            "mentee_rank": mentee.golongan,
        }
    return ""


@transaction.atomic
def create_mentorship(*, agency, mentor, mentee, starts_on, ends_on=None, purpose="", by):
    if mentor.pk == mentee.pk:
        raise ValidationError({"mentee": _("A mentor cannot mentor themselves.")})
    for role, person in (("mentor", mentor), ("mentee", mentee)):
        if not person.is_active:
            raise ValidationError(
                {role: _("%(name)s is no longer an active ASN.") % {"name": person.full_name}}
            )
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    mentorship = Mentorship.objects.create(
        agency=agency,
        mentor=mentor,
        mentee=mentee,
        starts_on=starts_on,
        ends_on=ends_on,
        purpose=purpose,
        created_by=by,
    )
    return mentorship, rank_warning(mentor, mentee)


def _check_active(mentorship):
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise ValidationError(
            _("This mentoring is %(status)s; it can no longer be changed.")
            % {"status": mentorship.get_status_display().lower()}
        )


def add_goal(mentorship, *, description, competency=None, competency_name=""):
    _check_active(mentorship)
    goal = MentoringGoal(
        agency=mentorship.agency,
        mentorship=mentorship,
        description=description,
        competency_name=competency_name,
    )
    if competency is not None and hasattr(goal, "competency_id"):
        goal.competency = competency
        goal.competency_name = goal.competency_name or competency.name
    goal.save()
    return goal


def set_goal_achieved(goal, achieved):
    _check_active(goal.mentorship)
    goal.is_achieved = achieved
    goal.save(update_fields=["is_achieved"])


def log_meeting(mentorship, *, held_on, duration_minutes, topic, agreed_actions="", by):
    _check_active(mentorship)
    if held_on < mentorship.starts_on:
        raise ValidationError({"held_on": _("The meeting is dated before the mentoring started.")})
    if held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("A meeting can only be logged once it has taken place.")}
        )
    if not duration_minutes or duration_minutes < 1:
        raise ValidationError({"duration_minutes": _("Enter the duration in minutes.")})
    return MentoringMeeting.objects.create(
        agency=mentorship.agency,
        mentorship=mentorship,
        held_on=held_on,
        duration_minutes=duration_minutes,
        topic=topic,
        agreed_actions=agreed_actions,
        recorded_by=by,
    )


def give_feedback(mentorship, *, side, text):
    if side not in ("mentor", "mentee"):
        raise ValueError(side)
    setattr(mentorship, f"{side}_feedback", text.strip())
    mentorship.save(update_fields=[f"{side}_feedback"])


def mentoring_credit(mentorship):
    meetings = list(mentorship.meetings.all())
    minutes = sum(m.duration_minutes for m in meetings)
    days, weeks = jp_rules.count_days_and_weeks(m.held_on for m in meetings)
    rule = ledger.rule_for(mentorship.agency, paths.MENTORING)
    return jp_rules.convert(
        minutes=minutes, sessions=len(meetings), days=days, weeks=weeks, rule=rule
    ), minutes


@transaction.atomic
def complete_mentorship(mentorship, *, by):
    """Close the pair; both sides' feedback and at least one meeting are required. The mentee
    is credited with JP (NKL02)."""
    _check_active(mentorship)
    meetings = list(mentorship.meetings.all())
    if not meetings:
        raise ValidationError(_("Log at least one meeting before completing the mentoring."))
    missing = [
        label
        for side, label in (("mentor", _("the mentor")), ("mentee", _("the mentee")))
        if not getattr(mentorship, f"{side}_feedback")
    ]
    if missing:
        raise ValidationError(
            _("Feedback from %(who)s is still missing.")
            % {"who": _(" and ").join(str(m) for m in missing)}
        )
    credit, minutes = mentoring_credit(mentorship)
    mentorship.status = Mentorship.Status.COMPLETED
    mentorship.completed_on = max(m.held_on for m in meetings)
    mentorship.save(update_fields=["status", "completed_on"])
    record = ledger.credit(
        mentorship.mentee,
        source=LearningRecord.Source.MENTORING,
        source_pk=mentorship.pk,
        path_code=paths.MENTORING,
        name=_("Mentoring by %(mentor)s") % {"mentor": mentorship.mentor.full_name},
        organiser=mentorship.agency.name,
        starts_on=mentorship.starts_on,
        ends_on=mentorship.completed_on,
        credit=credit,
        minutes=minutes,
    )
    return record
