"""The JP ledger: every credit and withdrawal of JP goes through here, so the per-employee
yearly totals (JpYearTotal) always equal the sum of the counting ledger rows."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import jp as jp_rules
from .. import paths
from ..models import ExternalLearning, JpYearTotal, LearningRecord, PathRule
from ..queries import agency_compliance_key


def rule_for(agency, path_code):
    """The agency's per-path JP rule as a ``jp.Rule``, or None (minutes rule applies)."""
    row = PathRule.objects.for_agency(agency).filter(path_code=path_code).first()
    return row.as_rule() if row else None


def refresh_total(employee, year):
    """Recompute one employee-year total from the ledger (a handful of rows, indexed)."""
    total = (
        LearningRecord.objects.for_agency(employee.agency)
        .counting()
        .filter(employee=employee, year=year)
        .aggregate(total=Sum("jp"))["total"]
        or 0
    )
    JpYearTotal.objects.update_or_create(
        agency=employee.agency, employee=employee, year=year, defaults={"jp": total}
    )
    key = agency_compliance_key(employee.agency_id, year)
    transaction.on_commit(lambda: cache.delete(key))
    return total


def year_total(agency, employee, year):
    row = JpYearTotal.objects.for_agency(agency).filter(employee=employee, year=year).first()
    return row.jp if row else 0


@transaction.atomic
def credit(
    employee,
    *,
    source,
    source_pk,
    path_code,
    name,
    organiser,
    starts_on,
    ends_on,
    credit,
    minutes=None,
    counts=True,
    certificate_number="",
):
    """Write (or rewrite) the ledger row of one completed activity and update the totals."""
    siasn_type = paths.siasn_type(path_code)
    values = {
        "year": ends_on.year,
        "path_code": path_code,
        "siasn_type": siasn_type,
        "name": name[:255],
        "organiser": organiser[:200],
        "starts_on": starts_on,
        "ends_on": ends_on,
        "jp": credit.jp if counts else 0,
        "minutes": minutes,
        "jp_basis": credit.basis,
        "counts_toward_target": counts,
        "certificate_type": paths.certificate_letter(siasn_type),
    }
    record = (
        LearningRecord.objects.for_agency(employee.agency)
        .filter(source=source, source_pk=source_pk, employee=employee)
        .first()
    )
    years = {values["year"]}
    if record is None:
        record = LearningRecord.objects.create(
            agency=employee.agency,
            employee=employee,
            source=source,
            source_pk=source_pk,
            certificate_number=certificate_number,
            **values,
        )
    else:
        years.add(record.year)
        if hasattr(record, "certificate") and record.certificate.is_revoked:
            values["counts_toward_target"] = False
        for field, value in values.items():
            setattr(record, field, value)
        if certificate_number:
            record.certificate_number = certificate_number
        record.save()
    for year in years:
        refresh_total(employee, year)
    return record


@transaction.atomic
def withdraw(employee, *, source, source_pk):
    """Take back the credit of an activity that is no longer completed. A record that already
    has a certificate stays (the certificate must be revoked first)."""
    record = (
        LearningRecord.objects.for_agency(employee.agency)
        .filter(source=source, source_pk=source_pk, employee=employee)
        .first()
    )
    if record is None:
        return None
    if hasattr(record, "certificate"):
        if not record.certificate.is_revoked:
            raise ValidationError(
                _(
                    "A certificate (%(number)s) has been issued for this; revoke it before "
                    "changing the result."
                )
                % {"number": record.certificate.number}
            )
        return record
    year = record.year
    record.delete()
    refresh_total(employee, year)
    return None


@transaction.atomic
def stop_counting(record):
    record.counts_toward_target = False
    record.save(update_fields=["counts_toward_target"])
    refresh_total(record.employee, record.year)


# External learning ---------------------------------------------------------------------------


def submit_external(*, employee, by, **data):
    """An ASN reports learning done elsewhere; evidence already passed validate_document."""
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    if not data.get("certificate_jp") and not data.get("minutes") and not data.get("sessions"):
        raise ValidationError(
            _(
                "State the JP printed on the certificate, or the minutes of learning, so JP can be "
                "credited."
            )
        )
    return ExternalLearning.objects.create(
        agency=employee.agency, employee=employee, submitted_by=by, **data
    )


def external_credit(item):
    rule = None if item.certificate_jp else rule_for(item.agency, item.path_code)
    if rule is not None and rule.unit == jp_rules.SESSION and not item.sessions:
        rule = None
    days, weeks = 0, 0
    if rule is not None and rule.unit in (jp_rules.DAY, jp_rules.WEEK):
        span = (item.ends_on - item.starts_on).days + 1
        days, weeks = span, -(-span // 7)
    return jp_rules.convert(
        certificate_jp=item.certificate_jp,
        minutes=item.minutes or 0,
        sessions=item.sessions or 0,
        days=days,
        weeks=weeks,
        rule=rule,
    )


@transaction.atomic
def verify_external(item, *, by, note=""):
    if item.status != ExternalLearning.Status.SUBMITTED:
        raise ValidationError(_("This submission has already been decided."))
    result = external_credit(item)
    credit(
        item.employee,
        source=LearningRecord.Source.EXTERNAL,
        source_pk=item.pk,
        path_code=item.path_code,
        name=item.title,
        organiser=item.organiser,
        starts_on=item.starts_on,
        ends_on=item.ends_on,
        credit=result,
        minutes=item.minutes,
        certificate_number=item.certificate_number,
    )
    item.status = ExternalLearning.Status.VERIFIED
    item.decided_by = by
    item.decided_at = timezone.now()
    item.decision_note = note
    item.save()
    return result


@transaction.atomic
def reject_external(item, *, by, note):
    if item.status != ExternalLearning.Status.SUBMITTED:
        raise ValidationError(_("This submission has already been decided."))
    if not note.strip():
        raise ValidationError({"note": _("Say why the submission is rejected.")})
    item.status = ExternalLearning.Status.REJECTED
    item.decided_by = by
    item.decided_at = timezone.now()
    item.decision_note = note
    item.save()
