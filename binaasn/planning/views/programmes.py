"""Programmes of a plan and their budget lines."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import role_required

from .. import budget, services
from ..forms import BudgetLineForm, ProgrammeForm, attach_errors
from ..models import BudgetLine, Plan, Programme

READERS = ("admin", "operator", "leader")


def _programme(request, pk):
    return get_object_or_404(
        Programme.objects.for_agency(request.agency).select_related("plan", "partner"), pk=pk
    )


def _save_programme(request, form):
    programme = form.save(commit=False)
    try:
        services.save_programme(programme, relations=form.relations(), by=request.user)
    except ValidationError as error:
        attach_errors(form, error)
        return None
    return programme


@role_required("admin")
def programme_create(request, agency, pk):
    plan = get_object_or_404(Plan.objects.for_agency(request.agency), pk=pk)
    if not plan.is_editable:
        messages.error(request, _("The plan is not a draft; start a revision to add programmes."))
        return redirect("planning:plan-detail", agency=request.agency.slug, pk=plan.pk)
    instance = Programme(agency=request.agency, plan=plan)
    form = ProgrammeForm(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        programme = _save_programme(request, form)
        if programme is not None:
            messages.success(request, _("Programme added."))
            return redirect(
                "planning:programme-detail", agency=request.agency.slug, pk=programme.pk
            )
    return render(request, "planning/programme_form.html", {"form": form, "plan": plan})


@role_required("admin")
def programme_edit(request, agency, pk):
    programme = _programme(request, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, plan=programme.plan)
    if request.method == "POST" and form.is_valid():
        if _save_programme(request, form) is not None:
            messages.success(request, _("Programme saved."))
            return redirect(
                "planning:programme-detail", agency=request.agency.slug, pk=programme.pk
            )
    return render(
        request,
        "planning/programme_form.html",
        {"form": form, "plan": programme.plan, "programme": programme},
    )


@role_required(*READERS)
def programme_detail(request, agency, pk):
    programme = _programme(request, pk)
    lines = list(programme.budget_lines.all())
    total = budget.programme_total((line.volume, line.unit_cost) for line in lines)
    context = {
        "programme": programme,
        "plan": programme.plan,
        "lines": lines,
        "total": total,
        "per_participant": budget.cost_per_participant(total, programme.participant_count),
        "per_jp": budget.cost_per_jp(
            total, programme.participant_count, programme.jp_per_participant
        ),
        "line_form": BudgetLineForm() if programme.plan.is_editable else None,
    }
    return render(request, "planning/programme_detail.html", context)


@require_POST
@role_required("admin")
def programme_delete(request, agency, pk):
    programme = _programme(request, pk)
    plan = programme.plan
    try:
        services.delete_programme(programme, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("planning:programme-detail", agency=request.agency.slug, pk=programme.pk)
    messages.success(request, _("Programme deleted."))
    return redirect("planning:plan-detail", agency=request.agency.slug, pk=plan.pk)


@role_required("admin")
def budgetline_create(request, agency, pk):
    programme = _programme(request, pk)
    form = BudgetLineForm(
        request.POST or None, instance=BudgetLine(agency=request.agency, programme=programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Budget line added."))
            return redirect(
                "planning:programme-detail", agency=request.agency.slug, pk=programme.pk
            )
    return render(request, "planning/budgetline_form.html", {"form": form, "programme": programme})


@role_required("admin")
def budgetline_edit(request, agency, pk):
    line = get_object_or_404(
        BudgetLine.objects.for_agency(request.agency).select_related(
            "programme", "programme__plan"
        ),
        pk=pk,
    )
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_budget_line(form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Budget line saved."))
            return redirect(
                "planning:programme-detail", agency=request.agency.slug, pk=line.programme_id
            )
    return render(
        request,
        "planning/budgetline_form.html",
        {"form": form, "programme": line.programme, "line": line},
    )


@require_POST
@role_required("admin")
def budgetline_delete(request, agency, pk):
    line = get_object_or_404(
        BudgetLine.objects.for_agency(request.agency).select_related(
            "programme", "programme__plan"
        ),
        pk=pk,
    )
    programme_pk = line.programme_id
    try:
        services.delete_budget_line(line, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Budget line deleted."))
    return redirect("planning:programme-detail", agency=request.agency.slug, pk=programme_pk)
