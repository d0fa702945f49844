"""Pages of evaluation: the annual plan evaluation, its list by year, Excel and PDF.

The figures of a plan are agency-wide (a plan belongs to the whole agency), so operators read
the same page as admins and leaders; trainers and employees have no access."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from binaasn.core.exports import XLSX_CONTENT_TYPE, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.planning.models import Plan

from .. import plan_evaluation, plan_evaluation_documents

READERS = ("admin", "operator", "leader")


def _plan(request, pk):
    return get_object_or_404(
        Plan.objects.for_agency(request.agency).select_related("agency"), pk=pk
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(*READERS)
def plan_evaluation_list(request, agency):
    summaries = plan_evaluation.plan_summaries(request.agency)
    if wants_xlsx(request):
        headers = [
            _("Year"),
            _("Plan"),
            _("Status"),
            _("Programmes"),
            _("Programmes held"),
            _("Budget planned (Rp)"),
            _("Budget realized (Rp)"),
            _("Absorption (%)"),
        ]
        rows = (
            (
                s.plan.year,
                s.plan.title,
                s.plan.get_status_display(),
                s.programmes,
                s.programmes_held,
                s.budget_planned,
                s.budget_realized,
                s.absorption,
            )
            for s in summaries
        )
        return xlsx_response("evaluasi-rencana", headers, rows, title=_("Plan evaluations"))
    return render(request, "evaluation/plan_evaluation_list.html", {"summaries": summaries})


@role_required(*READERS)
def plan_evaluation_detail(request, agency, pk):
    plan = _plan(request, pk)
    evaluation = plan_evaluation.evaluate_plan(plan)
    if wants_xlsx(request):
        return _download(
            plan_evaluation_documents.evaluation_workbook(evaluation),
            XLSX_CONTENT_TYPE,
            f"evaluasi-rencana-{plan.year}.xlsx",
        )
    context = {
        "plan": plan,
        "evaluation": evaluation,
        "totals": evaluation.totals,
        "compliance": evaluation.compliance,
        "charts": plan_evaluation.chart_data(evaluation),
        "levels": plan_evaluation.LEVELS,
    }
    return render(request, "evaluation/plan_evaluation.html", context)


@role_required(*READERS)
def plan_evaluation_pdf(request, agency, pk):
    plan = _plan(request, pk)
    evaluation = plan_evaluation.evaluate_plan(plan)
    return _download(
        plan_evaluation_documents.evaluation_pdf(evaluation),
        "application/pdf",
        f"evaluasi-rencana-{plan.year}.pdf",
    )


urlpatterns = [
    path("rencana/", plan_evaluation_list, name="plan-evaluation-list"),
    path("rencana/<int:pk>/", plan_evaluation_detail, name="plan-evaluation"),
    path("rencana/<int:pk>/pdf/", plan_evaluation_pdf, name="plan-evaluation-pdf"),
]
