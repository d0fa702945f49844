"""Correction requests as the agency admin sees them: the queue, the decision, the evidence."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import ALL_ROLES, role_required

from .. import services
from ..filters import CorrectionFilter
from ..forms import CorrectionDecisionForm, attach_errors
from ..models import CorrectionRequest
from .search import filter_data, search_redirect

PAGE_SIZE = 50
SEARCH_SESSION_KEY = "people:correction-search"


def with_field_labels(corrections):
    """The corrections as a list, each with ``field_label`` for display."""
    corrections = list(corrections)
    for correction in corrections:
        correction.field_label = services.CORRECTABLE_FIELDS.get(correction.field, correction.field)
    return corrections


@role_required("admin")
def correction_list(request, agency):
    pending_first = Case(
        When(status=CorrectionRequest.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    corrections = (
        CorrectionRequest.objects.for_agency(request.agency)
        .select_related("employee", "decided_by")
        .alias(pending_first=pending_first)
        .order_by("pending_first", "-requested_at", "-pk")
    )
    if request.method == "POST":
        return search_redirect(request, SEARCH_SESSION_KEY)
    filterset = CorrectionFilter(filter_data(request, SEARCH_SESSION_KEY), queryset=corrections)
    corrections = filterset.qs
    if wants_xlsx(request):
        headers = [
            _("Requested at"), _("NIP"), _("Name"), _("Field"), _("Current value"),
            _("New value"), _("Explanation"), _("Status"), _("Decided by"), _("Decided at"),
            _("Decision note"),
        ]  # fmt: skip
        rows = (
            (
                c.requested_at,
                c.employee.nip,
                c.employee.full_name,
                services.CORRECTABLE_FIELDS.get(c.field, c.field),
                c.old_value,
                c.new_value,
                c.reason,
                c.get_status_display(),
                str(c.decided_by or ""),
                c.decided_at,
                c.decision_note,
            )  # fmt: skip
            for c in corrections.iterator(chunk_size=2000)
        )
        return xlsx_response("koreksi-data", headers, rows, title=_("Correction requests"))
    page = Paginator(corrections, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_field_labels(page.object_list)
    context = {"filter": filterset, "page_obj": page}
    return render(request, "people/correction_list.html", context)


@role_required("admin")
def correction_detail(request, agency, pk):
    correction = get_object_or_404(
        CorrectionRequest.objects.for_agency(request.agency).select_related(
            "employee", "requested_by", "decided_by"
        ),
        pk=pk,
    )
    form = CorrectionDecisionForm(request.POST or None)
    if request.method == "POST" and correction.status != CorrectionRequest.Status.PENDING:
        messages.info(request, _("This request has already been decided."))
        return redirect("people:correction-detail", agency=request.agency.slug, pk=correction.pk)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.approve_correction(correction, by=request.user, note=note)
                messages.success(request, _("The correction was applied to the employee's record."))
            else:
                services.reject_correction(correction, by=request.user, note=note)
                messages.success(request, _("The request was rejected."))
        except services.CorrectionNotApplied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect(
                "people:correction-detail", agency=request.agency.slug, pk=correction.pk
            )
    correction.field_label = services.CORRECTABLE_FIELDS.get(correction.field, correction.field)
    current = services.correction_value_text(
        correction.field, getattr(correction.employee, correction.field, "")
    )
    context = {"correction": correction, "form": form, "current_value": current}
    return render(request, "people/correction_detail.html", context)


@role_required(*ALL_ROLES)
def correction_evidence(request, agency, pk):
    correction = get_object_or_404(
        CorrectionRequest.objects.for_agency(request.agency).select_related("employee"), pk=pk
    )
    is_requester = correction.employee.user_id == request.user.pk
    if request.membership.role != "admin" and not is_requester:
        raise Http404
    if not correction.evidence:
        raise Http404
    filename = correction.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(correction.evidence.open("rb"), as_attachment=True, filename=filename)
