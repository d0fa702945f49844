"""Internships (magang): placement, weekly logbook, final report, both supervisors' evaluation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import ALL_ROLES, role_required

from .. import access
from ..forms import DocumentForm, EvaluationForm, InternshipForm, LogbookForm, attach_errors
from ..models import Internship
from ..services import internships as internship_services
from .common import run_action


def _visible(request):
    items = Internship.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role in ("admin", "leader"):
        return items
    me = access.me(request)
    mine = Q(employee=me) | Q(internal_supervisor=me) if me is not None else Q(pk__in=[])
    if membership.role == "operator" and membership.unit_id:
        mine |= Q(employee__unit__path__startswith=membership.unit.path)
    return items.filter(mine)


def _item_or_404(request, pk):
    return get_object_or_404(
        _visible(request).select_related("employee", "internal_supervisor"), pk=pk
    )


def _is_intern(request, item):
    me = access.me(request)
    return me is not None and item.employee_id == me.pk


def _is_internal_supervisor(request, item):
    me = access.me(request)
    return me is not None and item.internal_supervisor_id == me.pk


def _url(agency, pk):
    return reverse("learning:internship-detail", kwargs={"agency": agency, "pk": pk})


def _form_errors(request, form):
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@role_required(*ALL_ROLES)
def internship_list(request, agency):
    items = _visible(request).select_related("employee").order_by("-starts_on", "-pk")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/internship_list.html",
        {"page_obj": page, "can_create": access.is_staff(request.membership)},
    )


@role_required("admin", "operator")
def internship_create(request, agency):
    item = Internship(agency=request.agency)
    form = InternshipForm(
        request.POST or None, instance=item, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.employee = form.cleaned_data["employee_nip"]
        item.internal_supervisor = form.cleaned_data["internal_supervisor_nip"]
        try:
            internship_services.create_internship(item, by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Internship created."))
            return redirect(_url(agency, item.pk))
    return render(request, "learning/internship_form.html", {"form": form})


@role_required(*ALL_ROLES)
def internship_detail(request, agency, pk):
    item = _item_or_404(request, pk)
    credit, minutes = internship_services.internship_credit(item)
    return render(
        request,
        "learning/internship_detail.html",
        {
            "item": item,
            "entries": item.logbook.all(),
            "credit": credit,
            "minutes": minutes,
            "is_intern": _is_intern(request, item),
            "is_staff": access.is_staff(request.membership),
            "is_internal_supervisor": _is_internal_supervisor(request, item),
            "log_form": LogbookForm(),
            "report_form": DocumentForm(),
            "evaluation_form": EvaluationForm(),
        },
    )


@require_POST
@role_required(*ALL_ROLES)
def internship_log_add(request, agency, pk):
    item = _item_or_404(request, pk)
    if not (_is_intern(request, item) or access.is_staff(request.membership)):
        raise Http404
    form = LogbookForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    return run_action(
        request,
        lambda: internship_services.add_log_entry(item, **form.cleaned_data),
        _("Logbook entry added."),
        _url(agency, pk),
    )


@require_POST
@role_required(*ALL_ROLES)
def internship_report_upload(request, agency, pk):
    item = _item_or_404(request, pk)
    if not (_is_intern(request, item) or access.is_staff(request.membership)):
        raise Http404
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    return run_action(
        request,
        lambda: internship_services.upload_report(item, form.cleaned_data["file"]),
        _("Final report uploaded."),
        _url(agency, pk),
    )


@role_required(*ALL_ROLES)
def internship_report_download(request, agency, pk):
    item = _item_or_404(request, pk)
    if not item.final_report:
        raise Http404
    return FileResponse(
        item.final_report.open("rb"),
        as_attachment=True,
        filename=item.final_report.name.rsplit("/", 1)[-1],
    )


@require_POST
@role_required(*ALL_ROLES)
def internship_evaluate(request, agency, pk):
    """The agency supervisor enters their own evaluation; staff enter the partner's (received on
    paper or by e-mail) and may enter both."""
    item = _item_or_404(request, pk)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_url(agency, pk))
    side = form.cleaned_data["side"]
    allowed = access.is_staff(request.membership) or (
        side == "internal" and _is_internal_supervisor(request, item)
    )
    if not allowed:
        raise Http404
    return run_action(
        request,
        lambda: internship_services.evaluate(
            item, side=side, score=form.cleaned_data["score"], text=form.cleaned_data["text"]
        ),
        _("Evaluation saved."),
        _url(agency, pk),
    )


@require_POST
@role_required("admin", "operator")
def internship_complete(request, agency, pk):
    item = _item_or_404(request, pk)
    return run_action(
        request,
        lambda: internship_services.complete_internship(item, by=request.user),
        lambda passed: (
            _("Internship completed: JP credited.")
            if passed
            else _("Internship closed below the pass score: no JP credited.")
        ),
        _url(agency, pk),
    )
