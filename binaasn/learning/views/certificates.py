"""Certificates: bulk generation for an offering, the register, revocation, downloads, and the
public verification page (no login, no personal data beyond name, programme, dates and JP)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.models import Job
from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access
from ..forms import RevokeForm
from ..models import Certificate, LearningRecord
from ..services import certificates as certificate_services
from .common import flash_error, run_action


def _certificates_visible(request):
    certificates = Certificate.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role == "operator":
        if not membership.unit_id:
            return certificates.none()
        return certificates.filter(employee__unit__path__startswith=membership.unit.path)
    return certificates


@role_required("admin", "operator", "leader")
def offering_certificates(request, agency, pk):
    offering = access.offering_or_404(request, pk)
    certificates = (
        _certificates_visible(request).filter(offering=offering).order_by("recipient_name")
    )
    jobs = Job.objects.for_agency(request.agency).filter(
        kind=certificate_services.JOB_KIND, params__offering=offering.pk
    )[:5]
    return render(
        request,
        "learning/offering_certificates.html",
        {
            "offering": offering,
            "certificates": certificates,
            "jobs": jobs,
            "can_generate": access.can_manage_offering(request.membership, offering),
            "completed": certificate_services.completed_records(offering).count(),
        },
    )


@require_POST
@role_required("admin", "operator")
def certificate_generate(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    try:
        job = certificate_services.start_bulk_generation(
            offering, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        flash_error(request, error)
        return redirect("learning:offering-certificates", agency=agency, pk=pk)
    messages.info(request, _("Certificates are being generated; this page shows the progress."))
    return redirect("core:job-detail", agency=agency, pk=job.pk)


@role_required("admin", "operator", "leader")
def certificate_list(request, agency):
    certificates = (
        _certificates_visible(request).select_related("employee").order_by("-issued_at", "-pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        certificates = certificates.filter(
            Q(number__icontains=query)
            | Q(recipient_name__icontains=query)
            | Q(programme_title__icontains=query)
        )
    if request.GET.get("revoked") == "1":
        certificates = certificates.filter(revoked_at__isnull=False)
    if wants_xlsx(request):
        rows = (
            (
                c.number,
                c.recipient_name,
                c.recipient_nip,
                c.programme_title,
                c.path_code,
                c.starts_on,
                c.ends_on,
                c.jp,
                c.issued_at,
                _("Revoked") if c.is_revoked else _("Valid"),
                c.revoked_reason,
            )
            for c in certificates
        )
        headers = [
            _("Number"),
            _("Recipient"),
            "NIP",
            _("Programme"),
            _("Path code"),
            _("Start date"),
            _("End date"),
            "JP",
            _("Issued at"),
            _("Status"),
            _("Reason for revocation"),
        ]
        return xlsx_response("sertifikat", headers, rows, title=_("Certificates"))
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    return render(request, "learning/certificate_list.html", {"page_obj": page, "q": query})


@role_required("admin", "operator", "leader")
def certificate_detail(request, agency, pk):
    certificate = get_object_or_404(_certificates_visible(request), pk=pk)
    return render(
        request,
        "learning/certificate_detail.html",
        {
            "certificate": certificate,
            "form": RevokeForm(),
            "verify_url": request.build_absolute_uri(certificate_services.verify_path(certificate)),
        },
    )


@require_POST
@role_required("admin")
def certificate_revoke(request, agency, pk):
    certificate = get_object_or_404(Certificate.objects.for_agency(request.agency), pk=pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: certificate_services.revoke(certificate, by=request.user, reason=reason),
        _("Certificate revoked; the verification page now says so."),
        reverse("learning:certificate-detail", kwargs={"agency": agency, "pk": pk}),
    )


@role_required(*ALL_ROLES)
def certificate_download(request, agency, pk):
    """The PDF of one certificate: for its owner and for staff who may see it."""
    certificate = get_object_or_404(
        Certificate.objects.for_agency(request.agency).select_related("employee"), pk=pk
    )
    me = access.me(request)
    own = me is not None and certificate.employee_id == me.pk
    if not own and not (
        request.membership.role in ("admin", "operator", "leader")
        and _certificates_visible(request).filter(pk=pk).exists()
    ):
        raise Http404
    if certificate.is_revoked and own:
        messages.error(request, _("This certificate was revoked and can no longer be downloaded."))
        return redirect("learning:my-learning", agency=agency)
    content = certificate_services.render(
        [certificate], request.agency, request.build_absolute_uri("/")
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.pk}.pdf"'
    return response


@require_POST
@role_required("admin", "operator")
def record_certificate(request, agency, pk):
    """Issue the certificate of a single completed record (mentoring, project, internship)."""
    record = get_object_or_404(
        LearningRecord.objects.for_agency(request.agency).select_related("employee__unit"), pk=pk
    )
    if request.membership.role == "operator" and not access.in_unit(
        request.membership, record.employee.unit
    ):
        raise Http404
    try:
        certificate = certificate_services.issue_certificate(record, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("learning:employee-record", agency=agency, pk=record.employee_id)
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect("learning:certificate-detail", agency=agency, pk=certificate.pk)


def verify_form(request, public_agency):
    code = request.GET.get("code", "").strip()
    if code:
        return redirect(
            "learning_public:certificate-verify", public_agency=public_agency, code=code
        )
    return render(request, "learning/public_verify_form.html", {"public_agency": request.agency})


def certificate_verify(request, public_agency, code):
    """Public: is this certificate genuine and still valid?"""
    certificate = Certificate.objects.for_agency(request.agency).filter(code=code).first()
    status = 200 if certificate is not None else 404
    return render(
        request,
        "learning/public_verify.html",
        {"certificate": certificate, "public_agency": request.agency, "code": code},
        status=status,
    )
