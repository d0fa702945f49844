"""Plan pages: list, detail with budget, workflow, versions, calendar, coverage, exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import XLSX_CONTENT_TYPE, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import coverage, documents, queries, services
from ..forms import CeilingForm, PlanForm, ReviseForm, attach_errors
from ..models import MONTH_CHOICES, BudgetCeiling, Plan, PlanVersion

READERS = ("admin", "operator", "leader")


def _plan(request, pk):
    return get_object_or_404(
        Plan.objects.for_agency(request.agency).select_related("campaign", "agency"), pk=pk
    )


@role_required(*READERS)
def plan_list(request, agency):
    plans = Plan.objects.for_agency(request.agency).select_related("campaign")
    return render(request, "planning/plan_list.html", {"plans": plans})


@role_required("admin")
def plan_create(request, agency):
    form = PlanForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.create_plan(
                request.agency,
                year=data["year"],
                title=data["title"],
                objectives=data["objectives"],
                campaign=data["campaign"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Plan created."))
            return redirect("planning:plan-detail", agency=request.agency.slug, pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form})


@role_required("admin")
def plan_edit(request, agency, pk):
    plan = _plan(request, pk)
    form = PlanForm(
        request.POST or None,
        instance=Plan.objects.for_agency(request.agency).get(pk=plan.pk),
        agency=request.agency,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("planning:plan-detail", agency=request.agency.slug, pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan})


@role_required(*READERS)
def plan_detail(request, agency, pk):
    plan = _plan(request, pk)
    overview = queries.plan_overview(plan)
    if wants_xlsx(request):
        content = documents.plan_workbook(plan, overview)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = (
            f'attachment; filename="rencana-pengembangan-{plan.year}.xlsx"'
        )
        return response
    context = {"plan": plan, "overview": overview, "revise_form": ReviseForm()}
    return render(request, "planning/plan_detail.html", context)


@role_required(*READERS)
def plan_pdf(request, agency, pk):
    plan = _plan(request, pk)
    content = documents.plan_pdf(plan, queries.plan_overview(plan))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rencana-pengembangan-{plan.year}.pdf"'
    return response


def _workflow(request, pk, action, success):
    plan = _plan(request, pk)
    try:
        action(plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("planning:plan-detail", agency=request.agency.slug, pk=plan.pk)


@require_POST
@role_required("admin")
def plan_submit(request, agency, pk):
    return _workflow(
        request,
        pk,
        lambda p: services.submit_plan(p, by=request.user),
        _("Plan submitted for approval."),
    )


@require_POST
@role_required("admin")
def plan_approve(request, agency, pk):
    return _workflow(
        request,
        pk,
        lambda p: services.approve_plan(p, by=request.user),
        _("Plan approved; this version is kept."),
    )


@require_POST
@role_required("admin")
def plan_return(request, agency, pk):
    return _workflow(
        request,
        pk,
        lambda p: services.return_plan(p, by=request.user),
        _("Plan returned to draft for corrections."),
    )


@require_POST
@role_required("admin")
def plan_revise(request, agency, pk):
    form = ReviseForm(request.POST)
    note = form.data.get("note", "")
    return _workflow(
        request,
        pk,
        lambda p: services.revise_plan(p, note=note, by=request.user),
        _("Revision started: the plan is a draft again."),
    )


@role_required(*READERS)
def plan_versions(request, agency, pk):
    plan = _plan(request, pk)
    versions = (
        PlanVersion.objects.for_agency(request.agency)
        .filter(plan=plan)
        .select_related("approved_by")
    )
    return render(request, "planning/plan_versions.html", {"plan": plan, "versions": versions})


@role_required(*READERS)
def plan_version_detail(request, agency, pk):
    version = get_object_or_404(
        PlanVersion.objects.for_agency(request.agency).select_related("plan", "approved_by"), pk=pk
    )
    return render(
        request,
        "planning/plan_version_detail.html",
        {"version": version, "plan": version.plan, "snapshot": version.snapshot},
    )


@role_required(*READERS)
def plan_calendar(request, agency, pk):
    plan = _plan(request, pk)
    months = [name for _number, name in MONTH_CHOICES]
    return render(
        request,
        "planning/plan_calendar.html",
        {"plan": plan, "rows": queries.calendar_rows(plan), "months": months},
    )


@role_required(*READERS)
def plan_coverage(request, agency, pk):
    plan = _plan(request, pk)
    forecast = queries.coverage_forecast(plan)
    if wants_xlsx(request):
        headers = [_("Name"), _("Unit"), _("Status"), _("Planned JP")]
        rows = [(r["name"], r["unit"], r["status"], r["jp"]) for r in forecast["short"]]
        return xlsx_response("di-bawah-20-jp", headers, rows, title=_("Below 20 JP"))
    page = Paginator(forecast["short"], 100).get_page(request.GET.get("page"))
    context = {
        "plan": plan,
        "forecast": forecast,
        "page_obj": page,
        "minimum": coverage.PNS_MINIMUM_JP,
        "ceiling": coverage.PPPK_CEILING_JP,
    }
    return render(request, "planning/plan_coverage.html", context)


@role_required("admin")
def ceiling_list(request, agency):
    form = CeilingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_budget_ceiling(
                request.agency,
                year=data["year"],
                amount=data["amount"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Budget ceiling saved."))
            return redirect("planning:ceiling-list", agency=request.agency.slug)
    ceilings = BudgetCeiling.objects.for_agency(request.agency)
    return render(request, "planning/ceiling_list.html", {"form": form, "ceilings": ceilings})
