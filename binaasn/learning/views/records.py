"""The learning record (JP ledger): the ASN's own page, external learning and its verification,
the ledger register, the SIASN export, per-employee records and the unit compliance page."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.models import Notification
from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access, paths, queries
from .. import jp as jp_rules
from ..forms import ComplianceFilterForm, ExternalLearningForm, NoteForm
from ..models import Enrolment, ExternalLearning, LearningRecord
from ..services import ledger
from ..services import notifications as notification_services


def _year(request):
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, 2000), 2100)


@role_required(*ALL_ROLES)
def my_learning(request, agency):
    employee = access.me(request)
    if employee is None:
        return render(request, "learning/my_learning.html", {"employee": None})
    year = _year(request)
    enrolments = (
        Enrolment.objects.for_agency(request.agency)
        .filter(employee=employee)
        .exclude(status__in=[Enrolment.Status.CANCELLED, Enrolment.Status.REJECTED])
        .select_related("offering")
        .order_by("-offering__starts_on")[:20]
    )
    return render(
        request,
        "learning/my_learning.html",
        {
            "employee": employee,
            "year": year,
            "progress": queries.jp_progress(request.agency, employee, year),
            "sessions": queries.upcoming_sessions(request.agency, employee),
            "enrolments": enrolments,
            "records": queries.records_of(request.agency, employee)
            .filter(year=year)
            .select_related("certificate")[:100],
            "certificates": queries.certificates_of(request.agency, employee)[:50],
            "external": ExternalLearning.objects.for_agency(request.agency).filter(
                employee=employee
            )[:20],
            "minimum": jp_rules.PNS_MINIMUM_JP,
            "ceiling": jp_rules.PPPK_CEILING_JP,
        },
    )


@role_required(*ALL_ROLES)
def external_create(request, agency):
    employee = access.me(request)
    if employee is None:
        raise Http404
    form = ExternalLearningForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            ledger.submit_external(employee=employee, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Submitted; an operator will verify it and credit the JP."))
            return redirect("learning:my-learning", agency=agency)
    return render(request, "learning/external_form.html", {"form": form})


def _external_visible(request):
    items = ExternalLearning.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role == "operator":
        if not membership.unit_id:
            return items.none()
        return items.filter(employee__unit__path__startswith=membership.unit.path)
    return items


@role_required("admin", "operator")
def external_list(request, agency):
    status = request.GET.get("status", ExternalLearning.Status.SUBMITTED)
    items = (
        _external_visible(request)
        .select_related("employee", "employee__unit")
        .order_by("submitted_at")
    )
    if status in ExternalLearning.Status.values:
        items = items.filter(status=status)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/external_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": ExternalLearning.Status.choices,
        },
    )


@role_required("admin", "operator")
def external_detail(request, agency, pk):
    item = get_object_or_404(_external_visible(request).select_related("employee"), pk=pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if request.POST.get("decision") == "verify":
                credit = ledger.verify_external(item, by=request.user, note=note)
                messages.success(request, _("Verified: %(jp)d JP credited.") % {"jp": credit.jp})
            else:
                ledger.reject_external(item, by=request.user, note=note)
                messages.success(request, _("Rejected; the ASN sees your note."))
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("learning:external-list", agency=agency)
    credit = ledger.external_credit(item)
    return render(
        request, "learning/external_detail.html", {"item": item, "form": form, "credit": credit}
    )


@role_required(*ALL_ROLES)
def external_evidence(request, agency, pk):
    item = get_object_or_404(
        ExternalLearning.objects.for_agency(request.agency).select_related("employee__unit"), pk=pk
    )
    me = access.me(request)
    own = me is not None and item.employee_id == me.pk
    if not own and not (
        access.is_staff(request.membership) and _external_visible(request).filter(pk=pk).exists()
    ):
        raise Http404
    return FileResponse(
        item.evidence.open("rb"), as_attachment=True, filename=item.evidence.name.rsplit("/", 1)[-1]
    )


def _records_visible(request):
    records = LearningRecord.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role == "operator":
        if not membership.unit_id:
            return records.none()
        return records.filter(employee__unit__path__startswith=membership.unit.path)
    return records


@role_required("admin", "operator", "leader")
def record_list(request, agency):
    year = _year(request)
    records = (
        _records_visible(request)
        .filter(year=year)
        .select_related("employee")
        .order_by("-ends_on", "-pk")
    )
    query = request.GET.get("q", "").strip()
    if query:
        records = records.filter(
            Q(name__icontains=query) | Q(employee__name__icontains=query) | Q(employee__nip=query)
        )
    source = request.GET.get("source", "")
    if source in LearningRecord.Source.values:
        records = records.filter(source=source)
    if wants_xlsx(request):
        rows = (
            (
                r.employee.nip,
                r.employee.full_name,
                r.get_source_display(),
                r.path_code,
                r.name,
                r.organiser,
                r.starts_on,
                r.ends_on,
                r.jp,
                r.jp_basis,
                _("Yes") if r.counts_toward_target else _("No"),
                r.certificate_number,
            )
            for r in records
        )
        headers = [
            "NIP",
            _("Name"),
            _("Source"),
            _("Path code"),
            _("Activity"),
            _("Organiser"),
            _("Start date"),
            _("End date"),
            "JP",
            _("JP basis"),
            _("Counts toward the target"),
            _("Certificate number"),
        ]
        return xlsx_response(
            f"riwayat-pembelajaran-{year}", headers, rows, title=_("Learning records")
        )
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/record_list.html",
        {
            "page_obj": page,
            "year": year,
            "q": query,
            "source": source,
            "sources": LearningRecord.Source.choices,
        },
    )


SIASN_HEADERS = [
    "NIP",
    "NAMA",
    "JENIS_DIKLAT_ID",
    "JENIS_DIKLAT_NAMA",
    "NAMA_DIKLAT",
    "INSTITUSI_PENYELENGGARA",
    "TANGGAL_MULAI",
    "TANGGAL_SELESAI",
    "TAHUN",
    "JUMLAH_JAM",
    "NOMOR_SERTIFIKAT",
    "JENIS_SERTIFIKAT",
]


def siasn_rows(records):
    for r in records:
        yield (
            r.employee.nip,
            r.employee.full_name,
            r.siasn_type,
            paths.SIASN_TYPES.get(r.siasn_type, ("",))[0],
            r.name,
            r.organiser,
            r.starts_on.strftime("%d-%m-%Y"),
            r.ends_on.strftime("%d-%m-%Y"),
            r.year,
            r.jp,
            r.certificate_number,
            r.certificate_type,
        )


@role_required("admin", "operator")
def siasn_export(request, agency):
    """Completed, counting learning records in SIASN's riwayat diklat shape (XLSX or CSV)."""
    year = _year(request)
    records = (
        _records_visible(request)
        .counting()
        .filter(year=year, jp__gt=0)
        .select_related("employee")
        .order_by("employee__nip", "starts_on")
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="siasn-riwayat-diklat-{year}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(SIASN_HEADERS)
        for row in siasn_rows(records.iterator()):
            writer.writerow(
                [
                    "'" + str(v) if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
                    for v in row
                ]
            )
        return response
    return xlsx_response(
        f"siasn-riwayat-diklat-{year}",
        SIASN_HEADERS,
        siasn_rows(records.iterator()),
        title="Riwayat Diklat",
    )


@role_required("admin", "operator", "leader")
def employee_record(request, agency, pk):
    employee = access.employee_visible_or_404(request, pk)
    year = _year(request)
    return render(
        request,
        "learning/employee_record.html",
        {
            "employee": employee,
            "year": year,
            "progress": queries.jp_progress(request.agency, employee, year),
            "records": queries.records_of(request.agency, employee).select_related("certificate")[
                :200
            ],
            "can_issue": access.is_staff(request.membership),
        },
    )


def _compliance_filter(request):
    form = ComplianceFilterForm(
        request.GET or None, agency=request.agency, membership=request.membership
    )
    unit = None
    if form.is_valid():
        unit = form.cleaned_data["unit"]
    return form, unit


@role_required("admin", "operator", "leader")
def compliance(request, agency):
    """Who in a unit is below the 20 JP minimum this year (PNS/CPNS); PPPK over the 24 JP
    ceiling are counted apart."""
    form, unit = _compliance_filter(request)
    year = _year(request)
    if wants_xlsx(request):
        below = queries.compliance_employees(
            request.agency, unit=unit, year=year, membership=request.membership
        ).filter(jp__lt=jp_rules.PNS_MINIMUM_JP)
        rows = (
            (
                e.nip,
                e.full_name,
                e.status,
                e.unit.name if e.unit else "",
                e.jp,
                jp_rules.PNS_MINIMUM_JP - e.jp,
            )
            for e in below.select_related("unit").order_by("unit__path", "name").iterator()
        )
        headers = [
            "NIP",
            _("Name"),
            _("Status"),
            _("Unit"),
            _("JP %(year)d") % {"year": year},
            _("JP still needed"),
        ]
        return xlsx_response(f"kepatuhan-jp-{year}", headers, rows, title=_("Below 20 JP"))
    summary = queries.compliance_summary(
        request.agency, unit=unit, year=year, membership=request.membership
    )
    source = queries.below_minimum_page_source(
        request.agency,
        unit=unit,
        year=year,
        membership=request.membership,
        below_count=summary["below"],
    )
    page = Paginator(source, 50).get_page(request.GET.get("page"))
    for employee in page:
        employee.percent = min(100, employee.jp * 100 // jp_rules.PNS_MINIMUM_JP)
    total, below_count = summary["total"], summary["below"]
    return render(
        request,
        "learning/compliance.html",
        {
            "form": form,
            "year": year,
            "unit": unit,
            "page_obj": page,
            "total": total,
            "below_count": below_count,
            "meeting": total - below_count,
            "meeting_percent": (total - below_count) * 100 // total if total else 0,
            "pppk_over": summary["pppk_over"],
            "minimum": jp_rules.PNS_MINIMUM_JP,
            "ceiling": jp_rules.PPPK_CEILING_JP,
            "can_remind": access.is_staff(request.membership),
        },
    )


@require_POST
@role_required("admin", "operator")
def compliance_remind(request, agency):
    """One click: e-mail (and notify in-app) everyone of the unit below the minimum."""
    unit = None
    form = ComplianceFilterForm(request.POST, agency=request.agency, membership=request.membership)
    if form.is_valid():
        unit = form.cleaned_data["unit"]
    try:
        year = int(request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    below = (
        queries.compliance_employees(
            request.agency, unit=unit, year=year, membership=request.membership
        )
        .filter(jp__lt=jp_rules.PNS_MINIMUM_JP)
        .select_related("user")
    )
    sent = 0
    url = notification_services.my_learning_url(request.agency)
    for employee in below.iterator(chunk_size=500):
        context = {
            "jp": employee.jp,
            "year": year,
            "minimum": jp_rules.PNS_MINIMUM_JP,
            "needed": jp_rules.PNS_MINIMUM_JP - employee.jp,
        }
        notification_services.notify_employee(
            request.agency,
            employee,
            kind=notification_services.COMPLIANCE,
            title=_("Your JP for %(year)d: %(jp)d of %(minimum)d") % context,
            body=_(
                "You have %(jp)d JP of competency development in %(year)d; every PNS needs at "
                "least %(minimum)d. %(needed)d JP to go: see the open offerings."
            )
            % context,
            url=url,
        )
        sent += 1
    messages.success(request, _("Reminder sent to %(n)d ASN.") % {"n": sent})
    query = f"?year={year}" + (f"&unit={unit.pk}" if unit else "")
    return redirect(reverse("learning:compliance", kwargs={"agency": agency}) + query)


@role_required(*ALL_ROLES)
def notification_list(request, agency):
    notifications = (
        Notification.objects.for_agency(request.agency)
        .filter(user=request.user)
        .order_by("-created_at")
    )
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "learning/notification_list.html", {"page_obj": page})


@require_POST
@role_required(*ALL_ROLES)
def notification_read(request, agency):
    pk = request.POST.get("pk", "")
    notification_services.mark_read(request.agency, request.user, int(pk) if pk.isdigit() else None)
    return redirect("learning:notification-list", agency=agency)
