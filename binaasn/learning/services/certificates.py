"""Certificates: issue one for a completed learning record, in bulk for an offering (a
background job), revoke with a reason. What a certificate states is copied when it is issued."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaasn.core.models import Job

from ..models import Certificate, Enrolment, LearningRecord, LearningSettings
from ..pdf import CertificatePdf
from . import ledger
from .audit import audit_batch

JOB_KIND = "learning.certificates"


def settings_for(agency):
    settings_row, _created = LearningSettings.objects.get_or_create(agency=agency)
    return settings_row


def verify_path(certificate):
    return reverse(
        "learning_public:certificate-verify",
        kwargs={"public_agency": certificate.agency.slug, "code": certificate.code},
    )


def verify_url(certificate, base_url=""):
    return f"{base_url.rstrip('/')}{verify_path(certificate)}"


def _signatory(agency, offering=None):
    if offering is not None and offering.signatory_name:
        return offering.signatory_name, offering.signatory_position, offering.signatory_nip
    row = settings_for(agency)
    return row.signatory_name, row.signatory_position, row.signatory_nip


def number_for(record, prefix):
    return f"{prefix}/{record.year}/{record.pk:06d}"


def _build(record, *, by, offering=None, prefix, signatory, now):
    employee = record.employee
    return Certificate(
        agency=record.agency,
        record=record,
        employee=employee,
        offering=offering,
        number=number_for(record, prefix),
        recipient_name=employee.full_name,
        recipient_nip=employee.nip,
        programme_title=record.name,
        organiser=record.organiser,
        path_code=record.path_code,
        starts_on=record.starts_on,
        ends_on=record.ends_on,
        jp=record.jp,
        signatory_name=signatory[0],
        signatory_position=signatory[1],
        signatory_nip=signatory[2],
        issued_at=now,
        issued_by=by,
    )


def check_signatory(agency, offering=None):
    name, position, _nip = _signatory(agency, offering)
    if not name or not position:
        raise ValidationError(
            _(
                "No signing official is set. Enter the signatory's name and position in the "
                "learning settings (or on the offering) first."
            )
        )


@transaction.atomic
def issue_certificate(record, *, by, offering=None):
    """Issue the certificate of one counting learning record (or return the existing one)."""
    existing = Certificate.objects.for_agency(record.agency).filter(record=record).first()
    if existing is not None:
        return existing
    if not record.counts_toward_target:
        raise ValidationError(
            _(
                "This record does not count as competency development; no certificate is issued "
                "for it."
            )
        )
    check_signatory(record.agency, offering)
    row = settings_for(record.agency)
    certificate = _build(
        record,
        by=by,
        offering=offering,
        prefix=row.certificate_prefix,
        signatory=_signatory(record.agency, offering),
        now=timezone.now(),
    )
    certificate.save()
    record.certificate_number = certificate.number
    record.save(update_fields=["certificate_number"])
    return certificate


def completed_records(offering):
    enrolment_ids = (
        Enrolment.objects.for_agency(offering.agency)
        .filter(
            offering=offering, result=Enrolment.Result.COMPLETED, status=Enrolment.Status.ENROLLED
        )
        .values_list("pk", flat=True)
    )
    return (
        LearningRecord.objects.for_agency(offering.agency)
        .filter(
            source=LearningRecord.Source.OFFERING,
            source_pk__in=list(enrolment_ids),
            counts_toward_target=True,
        )
        .select_related("employee")
        .order_by("employee__name", "pk")
    )


def check_can_generate(offering):
    if not completed_records(offering).exists():
        if offering.status != offering.Status.FINISHED:
            raise ValidationError(
                _(
                    "Nobody has completed %(offering)s yet: finish the offering first so "
                    "completion is evaluated, then generate certificates."
                )
                % {"offering": offering}
            )
        raise ValidationError(
            _(
                "No participant of %(offering)s completed it, so there are no certificates to "
                "generate."
            )
            % {"offering": offering}
        )
    check_signatory(offering.agency, offering)


@transaction.atomic
def start_bulk_generation(offering, *, by, base_url):
    """Refuse clearly when there is nothing to certify; otherwise queue the background job."""
    check_can_generate(offering)
    from ..tasks import generate_certificates

    job = Job.objects.create(
        agency=offering.agency,
        kind=JOB_KIND,
        created_by=by,
        title=(_("Certificates for %(offering)s") % {"offering": offering.title})[:200],
        params={"offering": offering.pk, "base_url": base_url},
        progress_total=2 * completed_records(offering).count(),
    )
    transaction.on_commit(lambda: generate_certificates.enqueue(job.pk))
    return job


def issue_for_offering(offering, *, by, progress=None, chunk=100):
    """Issue every missing certificate of an offering (bulk insert in chunks); returns all of
    the offering's valid certificates in name order."""
    records = list(completed_records(offering))
    have = set(
        Certificate.objects.for_agency(offering.agency)
        .filter(record__in=records)
        .values_list("record_id", flat=True)
    )
    row = settings_for(offering.agency)
    signatory = _signatory(offering.agency, offering)
    now = timezone.now()
    missing = [r for r in records if r.pk not in have]
    done = len(records) - len(missing)
    for start in range(0, len(missing), chunk):
        part = missing[start : start + chunk]
        with transaction.atomic():
            built = [
                _build(
                    r,
                    by=by,
                    offering=offering,
                    prefix=row.certificate_prefix,
                    signatory=signatory,
                    now=now,
                )
                for r in part
            ]
            Certificate.objects.bulk_create(built)
            for record, certificate in zip(part, built, strict=True):
                record.certificate_number = certificate.number
            LearningRecord.objects.bulk_update(part, ["certificate_number"])
        done += len(part)
        if progress:
            progress(done, len(records))
    if missing:
        audit_batch(offering, by, _("%(n)d certificates issued") % {"n": len(missing)})
    return list(
        Certificate.objects.for_agency(offering.agency)
        .filter(offering=offering, revoked_at__isnull=True)
        .order_by("recipient_name", "pk")
    )


def render(certificates, agency, base_url="", progress=None):
    document = CertificatePdf(agency)
    total = len(certificates)
    for index, certificate in enumerate(certificates, start=1):
        document.add(certificate, verify_url(certificate, base_url))
        if progress and (index % 50 == 0 or index == total):
            progress(index, total)
    return document.output()


@transaction.atomic
def revoke(certificate, *, by, reason):
    """Revoke a certificate: the public page then says so, and its JP stop counting."""
    if certificate.is_revoked:
        raise ValidationError(_("This certificate was already revoked."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why the certificate is revoked; the verification page shows it.")}
        )
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.revoked_by = by
    certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    ledger.stop_counting(certificate.record)
    return certificate
