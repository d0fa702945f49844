"""Assessments of employees, the employee gap view, one's own competencies and the unit heat map."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import ALL_ROLES, role_required
from binaasn.people.models import Employee, OrgUnit
from binaasn.people.queries import employee_for_user

from .. import queries, services
from ..forms import AssessmentForm, HeatmapFilterForm
from ..jpm import FORMULA, jpm_category
from ..models import Assessment, AssessmentScore, Source


def _employee(request, pk):
    employee = get_object_or_404(
        Employee.objects.for_agency(request.agency).select_related("unit", "position"), pk=pk
    )
    if not queries.can_see_employee(request.membership, employee):
        raise Http404
    return employee


def _assessment_form(request, employee, self_assessment=False):
    competencies = queries.competencies_for(request.agency)
    required = {}
    if employee.position_id:
        required = queries.requirements_by_position(request.agency, [employee.position_id]).get(
            employee.position_id, {}
        )
    # The position's competencies first, then the rest of the dictionary.
    competencies = sorted(competencies, key=lambda c: (c.pk not in required, c.sort_order, c.name))
    return AssessmentForm(
        request.POST or None,
        request.FILES or None,
        competencies=competencies,
        required_levels=required,
        self_assessment=self_assessment,
    )


def _save_assessment(request, employee, form, source):
    data = form.cleaned_data
    return services.record_assessment(
        employee,
        source=source,
        assessed_on=data["assessed_on"],
        levels=form.levels(),
        assessor=data.get("assessor", "")
        or (request.user.display_name if source == Source.SELF else ""),
        note=data["note"],
        evidence=data.get("evidence"),
        by=request.user,
    )


@role_required("admin", "operator", "leader")
def assessment_list(request, agency):
    assessments = (
        Assessment.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("employee", "employee__unit")
        .order_by("-assessed_on", "-pk")
    )
    source = request.GET.get("source", "")
    if source in Source.values:
        assessments = assessments.filter(source=source)
    query = request.GET.get("q", "").strip()
    if query:
        assessments = assessments.filter(employee__name__icontains=query)
    if wants_xlsx(request):
        scores = (
            AssessmentScore.objects.for_agency(request.agency)
            .filter(assessment__in=assessments.values("pk"))
            .select_related("assessment", "assessment__employee", "competency")
            .order_by(
                "assessment__employee__name", "-assessment__assessed_on", "competency__sort_order"
            )
        )
        rows = (
            (
                s.assessment.employee.name,
                s.assessment.get_source_display(),
                s.assessment.assessed_on,
                s.competency.name,
                s.level,
                s.assessment.assessor,
            )
            for s in scores.iterator()
        )
        headers = [
            _("Employee"),
            _("Source"),
            _("Date"),
            _("Competency"),
            _("Level"),
            _("Assessor"),
        ]
        return xlsx_response("penilaian-kompetensi", headers, rows, title=_("Assessments"))
    page = Paginator(assessments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "competencies/assessment_list.html",
        {"page_obj": page, "q": query, "source": source, "sources": Source.choices},
    )


@role_required("admin", "operator")
def assessment_create(request, agency, employee_pk):
    employee = _employee(request, employee_pk)
    if not queries.can_assess_employee(request.membership, employee):
        raise Http404
    form = _assessment_form(request, employee)
    if request.method == "POST" and form.is_valid():
        try:
            _save_assessment(request, employee, form, form.cleaned_data["source"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Assessment of %(name)s saved.") % {"name": employee})
            return redirect(
                "competencies:employee-profile", agency=request.agency.slug, pk=employee.pk
            )
    return render(
        request,
        "competencies/assessment_form.html",
        {"form": form, "employee": employee, "precedence": queries.precedence_labels()},
    )


def _visible_assessment(request, pk):
    return get_object_or_404(
        Assessment.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("employee", "employee__unit", "created_by")
        .prefetch_related(
            Prefetch("scores", queryset=AssessmentScore.objects.select_related("competency"))
        ),
        pk=pk,
    )


@role_required("admin", "operator", "leader", "employee")
def assessment_detail(request, agency, pk):
    assessment = _visible_assessment(request, pk)
    return render(request, "competencies/assessment_detail.html", {"assessment": assessment})


@role_required("admin", "operator", "leader", "employee")
def assessment_evidence(request, agency, pk):
    assessment = _visible_assessment(request, pk)
    if not assessment.evidence:
        raise Http404
    return FileResponse(
        assessment.evidence.open("rb"),
        as_attachment=True,
        filename=assessment.evidence.name.rsplit("/", 1)[-1],
    )


@require_POST
@role_required("admin")
def assessment_delete(request, agency, pk):
    assessment = get_object_or_404(
        Assessment.objects.for_agency(request.agency).select_related("employee"), pk=pk
    )
    employee = assessment.employee
    services.delete_assessment(assessment, by=request.user)
    messages.success(request, _("Assessment deleted; the current profile was recomputed."))
    return redirect("competencies:employee-profile", agency=request.agency.slug, pk=employee.pk)


def _profile_context(request, employee):
    report = queries.employee_gap_report(employee)
    bands = services.jpm_bands(request.agency)
    assessments = (
        Assessment.objects.for_agency(request.agency)
        .filter(employee=employee)
        .order_by("-assessed_on", "-pk")
    )
    return {
        "employee": employee,
        "report": report,
        "category": jpm_category(report["jpm"], bands),
        "bands": bands,
        "formula": FORMULA,
        "precedence": queries.precedence_labels(),
        "assessments": assessments,
    }


@role_required("admin", "operator", "leader")
def employee_profile(request, agency, pk):
    employee = _employee(request, pk)
    context = _profile_context(request, employee)
    context["can_assess"] = queries.can_assess_employee(request.membership, employee)
    return render(request, "competencies/employee_profile.html", context)


@role_required(*ALL_ROLES)
def my_competencies(request, agency):
    employee = employee_for_user(request.agency, request.user)
    if employee is None:
        return render(request, "competencies/my_competencies.html", {"employee": None})
    context = _profile_context(request, employee)
    context["is_self"] = True
    return render(request, "competencies/my_competencies.html", context)


@role_required(*ALL_ROLES)
def self_assessment(request, agency):
    employee = employee_for_user(request.agency, request.user)
    if employee is None:
        return render(request, "competencies/my_competencies.html", {"employee": None})
    form = _assessment_form(request, employee, self_assessment=True)
    if request.method == "POST" and form.is_valid():
        try:
            _save_assessment(request, employee, form, Source.SELF)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your self-assessment was saved."))
            return redirect("competencies:my-competencies", agency=request.agency.slug)
    return render(
        request,
        "competencies/assessment_form.html",
        {
            "form": form,
            "employee": employee,
            "is_self": True,
            "precedence": queries.precedence_labels(),
        },
    )


@role_required("admin", "operator", "leader")
def unit_heatmap(request, agency):
    membership = request.membership
    units = OrgUnit.objects.for_agency(request.agency).filter(is_active=True)
    if membership.role == "operator":
        units = units.subtree(membership.unit) if membership.unit_id else units.none()
    form = HeatmapFilterForm(request.GET or None, units=units)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    if unit is None and membership.role == "operator":
        unit = membership.unit
    employees = queries.employees_for_heatmap(request.agency, membership, unit)
    columns = queries.heatmap_columns(request.agency, employees)
    page = Paginator(employees, 50).get_page(request.GET.get("page"))
    bands = services.jpm_bands(request.agency)
    rows = queries.heatmap_rows(request.agency, page.object_list, columns, bands)
    return render(
        request,
        "competencies/unit_heatmap.html",
        {
            "form": form,
            "unit": unit,
            "columns": columns,
            "rows": rows,
            "page_obj": page,
            "bands": bands,
            "formula": FORMULA,
        },
    )
