"""Staff pages of complaints: the list with due dates, one complaint and its workflow, and
statistics per category, unit and month."""

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

from binaasn.core.exports import XLSX_CONTENT_TYPE, build_workbook, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import queries
from ..forms.staff import ComplaintActionForm, ComplaintFilterForm, period_form
from ..models import Complaint, ComplaintAttachment
from ..services import complaints as complaint_services
from .common import visible_units

VIEW_ROLES = ("admin", "operator", "leader")
# What each role may do on a complaint: admins run the whole workflow, unit operators answer.
ACTION_ROLES = {
    "verify": ("admin",),
    "forward": ("admin",),
    "reject": ("admin",),
    "respond": ("admin", "operator"),
    "close": ("admin", "operator"),
    "note": ("admin", "operator"),
    "assign": ("admin", "operator"),
    "lapor": ("admin",),
}


def _visible(request):
    return (
        Complaint.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("unit")
    )


@role_required(*VIEW_ROLES)
def complaint_list(request, agency):
    today = timezone.localdate()
    complaint_services.close_stale_complaints(today, agency=request.agency)
    units = visible_units(request)
    form = ComplaintFilterForm(request.GET or None, units=units)
    complaints = _visible(request)
    overview = queries.complaint_overview(complaints, today)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"] == "open":
            complaints = complaints.open()
        elif data["status"]:
            complaints = complaints.filter(status=data["status"])
        if data["category"]:
            complaints = complaints.filter(category=data["category"])
        if data["unit"]:
            complaints = complaints.filter(unit_id=data["unit"])
        if data["overdue"]:
            complaints = complaints.filter(
                Q(
                    status__in=[Complaint.Status.RECEIVED, Complaint.Status.VERIFIED],
                    verify_due_on__lt=today,
                )
                | Q(status=Complaint.Status.FORWARDED, follow_up_due_on__lt=today)
            )
        if data["q"]:
            complaints = complaints.filter(
                Q(tracking_code__icontains=data["q"]) | Q(subject__icontains=data["q"])
            )
    if wants_xlsx(request):
        headers = [
            _("Tracking code"),
            _("Received"),
            _("Kind"),
            _("Category"),
            _("Service unit"),
            _("Subject"),
            _("Status"),
            _("Due date"),
            _("Overdue"),
            _("LAPOR! tracking id"),
        ]
        rows = (
            (
                c.tracking_code,
                c.received_at,
                c.get_kind_display(),
                c.get_category_display(),
                c.unit.name if c.unit else "",
                c.subject,
                c.get_status_display(),
                c.due_on(),
                _("Yes") if c.is_overdue_on(today) else _("No"),
                c.lapor_tracking_id,
            )
            for c in complaints
        )
        return xlsx_response("pengaduan", headers, rows, title=_("Complaints"))
    page = Paginator(complaints, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "today": today, "overview": overview}
    return render(request, "citizens/complaint_list.html", context)


def _detail_context(request, complaint, action_form=None):
    units = visible_units(request).filter(is_active=True)
    if request.membership.role == "admin":
        units = (
            units.model.objects.for_agency(request.agency).filter(is_active=True).order_by("name")
        )
    return {
        "complaint": complaint,
        "messages_list": complaint.messages.select_related("author").order_by("created_at", "pk"),
        "attachments": complaint.attachments.all(),
        "form": action_form
        or ComplaintActionForm(
            agency=request.agency,
            units=units,
            initial={
                "unit": complaint.unit_id,
                "employee": complaint.employee_id,
                "lapor_tracking_id": complaint.lapor_tracking_id,
            },
        ),
        "allowed": {
            name for name, roles in ACTION_ROLES.items() if request.membership.role in roles
        },
        "today": timezone.localdate(),
    }


@role_required(*VIEW_ROLES)
def complaint_detail(request, agency, pk):
    complaint = get_object_or_404(_visible(request).select_related("employee"), pk=pk)
    complaint_services.close_if_stale(complaint)
    return render(request, "citizens/complaint_detail.html", _detail_context(request, complaint))


def _status_url(request, complaint):
    return request.build_absolute_uri(
        reverse(
            "citizens_public:complaint-status",
            kwargs={"public_agency": request.agency.slug, "code": complaint.tracking_code},
        )
    )


@require_POST
@role_required("admin", "operator")
def complaint_act(request, agency, pk):
    """Take one step of the workflow (verify, forward, respond, reject, close) or record a note,
    the employee concerned or the LAPOR! id."""
    complaint = get_object_or_404(_visible(request), pk=pk)
    complaint_services.close_if_stale(complaint)
    units = visible_units(request).filter(is_active=True)
    if request.membership.role == "admin":
        units = units.model.objects.for_agency(request.agency).filter(is_active=True)
    form = ComplaintActionForm(request.POST, agency=request.agency, units=units)
    if not form.is_valid():
        return render(
            request,
            "citizens/complaint_detail.html",
            _detail_context(request, complaint, form),
            status=400,
        )
    step = form.cleaned_data["do"]
    if request.membership.role not in ACTION_ROLES[step]:
        raise Http404
    data, by = form.cleaned_data, request.user
    steps = {
        "verify": lambda: complaint_services.verify_complaint(complaint, by=by, note=data["body"]),
        "forward": lambda: complaint_services.forward_complaint(
            complaint, by=by, unit=data["unit"], note=data["body"]
        ),
        "respond": lambda: complaint_services.respond_to_complaint(
            complaint, body=data["body"], by=by, status_url=_status_url(request, complaint)
        ),
        "reject": lambda: complaint_services.reject_complaint(
            complaint, reason=data["body"], by=by
        ),
        "close": lambda: complaint_services.close_complaint(complaint, by=by, note=data["body"]),
        "note": lambda: complaint_services.add_internal_note(complaint, body=data["body"], by=by),
        "assign": lambda: complaint_services.assign_employee(complaint, data["employee"], by=by),
        "lapor": lambda: complaint_services.set_lapor_tracking_id(
            complaint, data["lapor_tracking_id"], by=by
        ),
    }
    try:
        steps[step]()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("citizens:complaint-detail", agency=request.agency.slug, pk=complaint.pk)


@role_required(*VIEW_ROLES)
def complaint_attachment(request, agency, pk, attachment_pk):
    complaint = get_object_or_404(_visible(request), pk=pk)
    attachment = get_object_or_404(
        ComplaintAttachment.objects.for_agency(request.agency).filter(complaint=complaint),
        pk=attachment_pk,
    )
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@role_required(*VIEW_ROLES)
def complaint_stats(request, agency):
    """Complaints per category, per unit and per month for a period, with Excel export."""
    form = period_form(request)
    period = form.period
    units = visible_units(request) if request.membership.role == "operator" else None

    def counts(by):
        return queries.complaint_counts(
            request.agency, period.start, period.end, by=by, units=units
        )

    labels = dict(Complaint.Category.choices)
    category_rows = [
        (labels.get(r["category"], r["category"]), r["count"]) for r in counts(("category",))
    ]
    unit_rows = [(r["unit_name"] or _("No unit given"), r["count"]) for r in counts(("unit",))]
    month_rows = [(r["month"].strftime("%Y-%m"), r["count"]) for r in counts(("month",))]
    if wants_xlsx(request):
        content = build_workbook(
            [
                (_("Per category"), [_("Category"), _("Complaints")], category_rows),
                (_("Per unit"), [_("Service unit"), _("Complaints")], unit_rows),
                (_("Per month"), [_("Month"), _("Complaints")], month_rows),
            ]
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="statistik-pengaduan-{period.key.replace(":", "_")}.xlsx"'
        )
        return response
    context = {
        "form": form,
        "period": period,
        "category_rows": category_rows,
        "unit_rows": unit_rows,
        "month_rows": month_rows,
        "total": sum(n for _label, n in category_rows),
    }
    return render(request, "citizens/complaint_stats.html", context)
