"""Results of an offering: test scores (typed or imported), assignment grades, and completion
evaluated by the offering's rule; closing an offering credits JP to those who completed."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import completion, signals
from .. import jp as jp_rules
from ..models import (
    Assignment,
    AssignmentGrade,
    Attendance,
    Enrolment,
    LearningRecord,
    Offering,
    Session,
)
from . import ledger
from .audit import audit_batch


def parse_score(value, field_label):
    """A score 0–100 from text or a number; None when empty. The error names the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace(",", ".")
    try:
        score = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            _("%(field)s must be a number from 0 to 100 (got “%(value)s”).")
            % {"field": field_label, "value": value}
        ) from None
    if not score.is_finite() or score < 0 or score > 100:
        raise ValidationError(
            _("%(field)s must be between 0 and 100 (got %(value)s).")
            % {"field": field_label, "value": value}
        )
    return score.quantize(Decimal("0.01"))


def _check_unlocked(enrolment):
    record = (
        LearningRecord.objects.for_agency(enrolment.agency)
        .filter(
            source=LearningRecord.Source.OFFERING,
            source_pk=enrolment.pk,
            employee=enrolment.employee,
        )
        .select_related("certificate")
        .first()
    )
    certificate = getattr(record, "certificate", None) if record else None
    if certificate is not None and not certificate.is_revoked:
        raise ValidationError(
            _(
                "The scores of %(name)s are locked: certificate %(number)s has been issued. Revoke "
                "it to change them."
            )
            % {"name": enrolment.employee.full_name, "number": certificate.number}
        )


def offering_credit(enrolment, attended_sessions):
    """JP for a completed enrolment: the offering's JP (printed on the certificate) wins, else
    the conversion rule over the sessions attended."""
    offering = enrolment.offering
    if offering.jp:
        return jp_rules.convert(certificate_jp=offering.jp), None
    minutes = sum(s.minutes for s in attended_sessions)
    days, weeks = jp_rules.count_days_and_weeks(s.held_on for s in attended_sessions)
    rule = ledger.rule_for(offering.agency, offering.path_code)
    return (
        jp_rules.convert(
            minutes=minutes, sessions=len(attended_sessions), days=days, weeks=weeks, rule=rule
        ),
        minutes,
    )


def evaluate(enrolment, *, sessions=None, present_session_ids=None):
    """Apply the offering's completion rule to one participant. Results become final (and JP is
    credited or withdrawn) once the offering is finished; before that they are provisional."""
    offering = enrolment.offering
    if sessions is None:
        sessions = list(Session.objects.for_agency(offering.agency).filter(offering=offering))
    if present_session_ids is None:
        present_session_ids = set(
            Attendance.objects.for_agency(offering.agency)
            .filter(enrolment=enrolment, is_present=True)
            .values_list("session_id", flat=True)
        )
    attended = [s for s in sessions if s.pk in present_session_ids]
    outcome = completion.evaluate(
        attended=len(attended),
        total_sessions=len(sessions),
        post_test=enrolment.post_test,
        min_attendance_percent=offering.min_attendance_percent,
        min_post_test=offering.min_post_test,
    )
    enrolment.attendance_percent = outcome.attendance_percent
    if (
        offering.status == Offering.Status.FINISHED
        and enrolment.status == Enrolment.Status.ENROLLED
    ):
        enrolment.result = (
            Enrolment.Result.COMPLETED if outcome.completed else Enrolment.Result.NOT_COMPLETED
        )
        enrolment.evaluated_at = timezone.now()
        if outcome.completed:
            credit, minutes = offering_credit(enrolment, attended)
            ledger.credit(
                enrolment.employee,
                source=LearningRecord.Source.OFFERING,
                source_pk=enrolment.pk,
                path_code=offering.path_code,
                name=offering.title,
                organiser=offering.organiser_name,
                starts_on=offering.starts_on,
                ends_on=offering.ends_on,
                credit=credit,
                minutes=minutes,
            )
        else:
            ledger.withdraw(
                enrolment.employee, source=LearningRecord.Source.OFFERING, source_pk=enrolment.pk
            )
    enrolment.save(update_fields=["attendance_percent", "result", "evaluated_at"])
    return outcome


def evaluate_all(offering):
    sessions = list(Session.objects.for_agency(offering.agency).filter(offering=offering))
    present = {}
    for enrolment_id, session_id in (
        Attendance.objects.for_agency(offering.agency)
        .filter(session__offering=offering, is_present=True)
        .values_list("enrolment_id", "session_id")
    ):
        present.setdefault(enrolment_id, set()).add(session_id)
    outcomes = {}
    enrolments = (
        Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee", "offering")
    )
    for enrolment in enrolments:
        outcomes[enrolment.pk] = evaluate(
            enrolment, sessions=sessions, present_session_ids=present.get(enrolment.pk, set())
        )
    return outcomes


@transaction.atomic
def close_offering(offering, *, by):
    """Finish an offering: evaluate every participant and credit JP to those who completed."""
    if offering.status == Offering.Status.CANCELLED:
        raise ValidationError(_("A cancelled offering cannot be finished."))
    offering.status = Offering.Status.FINISHED
    offering.finished_at = timezone.now()
    offering.save(update_fields=["status", "finished_at"])
    outcomes = evaluate_all(offering)
    audit_batch(
        offering, by, _("Offering finished: %(n)d participants evaluated") % {"n": len(outcomes)}
    )
    transaction.on_commit(
        lambda: signals.offering_finished.send(sender=Offering, offering=offering, by=by)
    )
    return sum(1 for o in outcomes.values() if o.completed), len(outcomes)


@transaction.atomic
def reopen_offering(offering, *, by):
    if offering.status != Offering.Status.FINISHED:
        raise ValidationError(_("Only a finished offering can be reopened."))
    if offering.certificates.exists():
        raise ValidationError(
            _("Certificates have been issued for this offering; it cannot be reopened.")
        )
    enrolments = Enrolment.objects.for_agency(offering.agency).filter(
        offering=offering, status=Enrolment.Status.ENROLLED
    )
    for enrolment in enrolments.select_related("employee"):
        ledger.withdraw(
            enrolment.employee, source=LearningRecord.Source.OFFERING, source_pk=enrolment.pk
        )
    enrolments.update(result=Enrolment.Result.UNDECIDED, evaluated_at=None)
    offering.status = Offering.Status.OPEN
    offering.finished_at = None
    offering.save(update_fields=["status", "finished_at"])


@transaction.atomic
def set_scores(enrolment, *, pre_test, post_test, by):
    """Store one participant's test scores (0–100) and re-evaluate completion."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(
            _("%(name)s is not enrolled; scores can only be entered for participants.")
            % {"name": enrolment.employee.full_name}
        )
    if (pre_test, post_test) == (enrolment.pre_test, enrolment.post_test):
        return enrolment
    _check_unlocked(enrolment)
    enrolment.pre_test = pre_test
    enrolment.post_test = post_test
    enrolment.save(update_fields=["pre_test", "post_test"])
    evaluate(enrolment)
    return enrolment


SCORE_HEADERS = ["NIP", "Nama", "Pre-test", "Post-test"]


def _read_rows(upload, kind):
    if kind == "xlsx":
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(upload)
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    else:
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        sample = text[:2048]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return rows


def _cell_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def import_scores(offering, upload, kind, *, by):
    """Read NIP / Pre-test / Post-test rows; write all of them or none. Returns (count, errors)
    where each error names the row and column."""
    rows = _read_rows(upload, kind)
    if not rows:
        return 0, [_("The file has no rows.")]
    header = [_cell_text(h).lower() for h in rows[0]]
    columns = {}
    for wanted, key in (("nip", "nip"), ("pre-test", "pre"), ("post-test", "post")):
        if wanted not in header:
            return 0, [
                _("Column “%(column)s” is missing from the first row.")
                % {"column": wanted.capitalize() if wanted != "nip" else "NIP"}
            ]
        columns[key] = header.index(wanted)
    enrolments = {
        e.employee.nip: e
        for e in Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee")
    }
    errors, updates, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        cells = list(row) + [""] * (max(columns.values()) + 1 - len(row))
        nip = _cell_text(cells[columns["nip"]])
        if not nip and not any(_cell_text(c) for c in cells):
            continue
        enrolment = enrolments.get(nip)
        if enrolment is None:
            errors.append(
                _("Row %(row)d, column NIP: %(nip)s is not a participant of this offering.")
                % {"row": number, "nip": nip or "-"}
            )
            continue
        if nip in seen:
            errors.append(
                _("Row %(row)d, column NIP: %(nip)s appears twice.") % {"row": number, "nip": nip}
            )
            continue
        seen.add(nip)
        scores = {}
        for key, label in (("pre", "Pre-test"), ("post", "Post-test")):
            try:
                scores[key] = parse_score(
                    _cell_text(cells[columns[key]]),
                    _("Row %(row)d, column %(column)s") % {"row": number, "column": label},
                )
            except ValidationError as error:
                errors.extend(error.messages)
        if len(scores) == 2:
            updates.append((enrolment, scores["pre"], scores["post"]))
    if errors:
        return 0, errors
    try:
        with transaction.atomic():
            for enrolment, _pre, _post in updates:
                _check_unlocked(enrolment)
            for enrolment, pre, post in updates:
                enrolment.pre_test, enrolment.post_test = pre, post
            Enrolment.objects.bulk_update([u[0] for u in updates], ["pre_test", "post_test"])
            for enrolment, _pre, _post in updates:
                evaluate(enrolment)
            audit_batch(
                offering, by, _("Scores imported for %(n)d participants") % {"n": len(updates)}
            )
    except ValidationError as error:
        return 0, error.messages
    return len(updates), []


def score_template_rows(offering):
    return [
        (e.employee.nip, e.employee.full_name, e.pre_test, e.post_test)
        for e in Enrolment.objects.for_agency(offering.agency)
        .filter(offering=offering, status=Enrolment.Status.ENROLLED)
        .select_related("employee")
        .order_by("employee__name")
    ]


def add_assignment(offering, *, title, description="", due_on=None):
    return Assignment.objects.create(
        agency=offering.agency,
        offering=offering,
        title=title,
        description=description,
        due_on=due_on,
    )


@transaction.atomic
def grade_assignment(assignment, enrolment, *, score, note="", by):
    if enrolment.offering_id != assignment.offering_id:
        raise ValidationError(
            _("%(name)s is not a participant of this offering.")
            % {"name": enrolment.employee.full_name}
        )
    if score is None:
        AssignmentGrade.objects.for_agency(assignment.agency).filter(
            assignment=assignment, enrolment=enrolment
        ).delete()
        return None
    grade, _created = AssignmentGrade.objects.update_or_create(
        agency=assignment.agency,
        assignment=assignment,
        enrolment=enrolment,
        defaults={"score": score, "note": note, "graded_by": by, "graded_at": timezone.now()},
    )
    return grade
