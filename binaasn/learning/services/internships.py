"""Internships (magang, NKL12): placement at a partner institution, weekly logbook, final
report, evaluation by both supervisors; completion credits JP."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import jp as jp_rules
from .. import paths
from ..models import Internship, LearningRecord, LogbookEntry
from . import ledger


@transaction.atomic
def create_internship(internship, *, by):
    if internship.ends_on < internship.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if not internship.employee.is_active:
        raise ValidationError(
            {
                "employee": _("%(name)s is no longer an active ASN.")
                % {"name": internship.employee.full_name}
            }
        )
    if internship.partner_id and not internship.partner_name:
        internship.partner_name = internship.partner.name
    if not internship.partner_name:
        raise ValidationError({"partner": _("Choose the partner institution, or type its name.")})
    if internship.internal_supervisor_id is None:
        internship.internal_supervisor = internship.employee.supervisor
    internship.created_by = by
    internship.save()
    return internship


def _check_active(internship):
    if internship.status != Internship.Status.ACTIVE:
        raise ValidationError(_("This internship is closed; it can no longer be changed."))


def add_log_entry(internship, *, entry_on, hours, activities, learnings=""):
    """A logbook entry; one dated outside the placement is refused."""
    _check_active(internship)
    if not (internship.starts_on <= entry_on <= internship.ends_on):
        raise ValidationError(
            {
                "entry_on": _("The date %(date)s is outside the placement (%(start)s – %(end)s).")
                % {
                    "date": date_format(entry_on, "d F Y"),
                    "start": date_format(internship.starts_on, "d F Y"),
                    "end": date_format(internship.ends_on, "d F Y"),
                }
            }
        )
    if hours is None or hours <= 0 or hours > 60:
        raise ValidationError(
            {"hours": _("Hours must be more than 0 and at most 60 for one week.")}
        )
    return LogbookEntry.objects.create(
        agency=internship.agency,
        internship=internship,
        entry_on=entry_on,
        hours=hours,
        activities=activities,
        learnings=learnings,
    )


def upload_report(internship, file):
    _check_active(internship)
    internship.final_report = file
    internship.save(update_fields=["final_report"])


def evaluate(internship, *, side, score, text):
    _check_active(internship)
    if side not in ("partner", "internal"):
        raise ValueError(side)
    setattr(internship, f"{side}_score", score)
    setattr(internship, f"{side}_evaluation", text)
    internship.save(update_fields=[f"{side}_score", f"{side}_evaluation"])


def internship_credit(internship):
    entries = list(internship.logbook.all())
    minutes = int(sum((e.hours for e in entries), Decimal(0)) * 60)
    days, weeks = jp_rules.count_days_and_weeks(e.entry_on for e in entries)
    rule = ledger.rule_for(internship.agency, paths.INTERNSHIP)
    return jp_rules.convert(
        minutes=minutes, sessions=len(entries), days=days, weeks=weeks, rule=rule
    ), minutes


@transaction.atomic
def complete_internship(internship, *, by):
    """Both supervisors have scored and the final report is in: pass on the mean of the two
    scores, crediting JP (NKL12) by the conversion rule."""
    _check_active(internship)
    missing = []
    if not internship.final_report:
        missing.append(_("the final report"))
    if internship.partner_score is None:
        missing.append(_("the partner supervisor's evaluation"))
    if internship.internal_score is None:
        missing.append(_("the agency supervisor's evaluation"))
    if not internship.logbook.exists():
        missing.append(_("logbook entries"))
    if missing:
        raise ValidationError(
            _("Still missing: %(items)s.") % {"items": ", ".join(str(m) for m in missing)}
        )
    mean = (internship.partner_score + internship.internal_score) / 2
    passed = mean >= internship.pass_score
    internship.status = Internship.Status.COMPLETED if passed else Internship.Status.NOT_PASSED
    internship.completed_on = timezone.localdate()
    internship.save(update_fields=["status", "completed_on"])
    if passed:
        credit, minutes = internship_credit(internship)
        ledger.credit(
            internship.employee,
            source=LearningRecord.Source.INTERNSHIP,
            source_pk=internship.pk,
            path_code=paths.INTERNSHIP,
            name=_("Internship at %(partner)s") % {"partner": internship.partner_display},
            organiser=internship.partner_display,
            starts_on=internship.starts_on,
            ends_on=internship.ends_on,
            credit=credit,
            minutes=minutes,
        )
    return passed
