"""The ASN's side of enrolment: the catalogue of open offerings, self-registration, and the
supervisor's approvals and nominations (supervisor rights come from the org chart)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.permissions import ALL_ROLES, role_required
from binaasn.people.models import Employee

from .. import access
from ..models import Enrolment, Offering
from ..services import enrolment as enrolment_services
from .common import flash_error, flash_warnings, run_action


@role_required(*ALL_ROLES)
def catalogue(request, agency):
    offerings = (
        Offering.objects.for_agency(request.agency)
        .open_for_registration()
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED))
        )
        .order_by("starts_on", "title")
    )
    page = Paginator(offerings, 20).get_page(request.GET.get("page"))
    employee = access.me(request)
    mine = {}
    subordinates = []
    if employee is not None:
        mine = dict(
            Enrolment.objects.for_agency(request.agency)
            .filter(employee=employee, offering__in=[o.pk for o in page])
            .values_list("offering_id", "status")
        )
        subordinates = list(
            Employee.objects.for_agency(request.agency)
            .active()
            .filter(supervisor=employee)
            .order_by("name")
        )
    for offering in page:
        offering.my_status = mine.get(offering.pk)
        offering.seats_left = max(0, offering.quota - offering.enrolled)
    return render(
        request,
        "learning/catalogue.html",
        {
            "page_obj": page,
            "employee": employee,
            "subordinates": subordinates,
            "status_labels": dict(Enrolment.Status.choices),
        },
    )


@require_POST
@role_required(*ALL_ROLES)
def offering_register(request, agency, pk):
    offering = get_object_or_404(Offering.objects.for_agency(request.agency), pk=pk)
    employee = access.me(request)
    if employee is None:
        messages.error(
            request, _("Your login is not linked to an ASN record; ask the BKPSDM to link it.")
        )
        return redirect("learning:catalogue", agency=agency)
    try:
        enrolment = enrolment_services.register_self(offering, employee, by=request.user)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("learning:catalogue", agency=agency)
    flash_warnings(request, enrolment.warnings)
    messages.success(
        request,
        _("Registered for %(offering)s; your supervisor is asked to approve.")
        % {"offering": offering},
    )
    return redirect("learning:my-learning", agency=agency)


@require_POST
@role_required(*ALL_ROLES)
def offering_nominate_staff(request, agency, pk):
    """A supervisor nominates one of their own staff: approved by the act."""
    offering = get_object_or_404(Offering.objects.for_agency(request.agency), pk=pk)
    me = access.me(request)
    if me is None:
        raise Http404
    employee = get_object_or_404(
        Employee.objects.for_agency(request.agency).filter(supervisor=me),
        pk=request.POST.get("employee") or 0,
    )
    try:
        enrolment = enrolment_services.nominate(
            offering, employee, by=request.user, as_supervisor=True
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        flash_warnings(request, enrolment.warnings)
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": employee.full_name, "status": enrolment.get_status_display()},
        )
    return redirect("learning:catalogue", agency=agency)


def _pending_for(request):
    """Requests this member may decide: as supervisor of the nominee, or as admin/operator."""
    pending = Enrolment.objects.for_agency(request.agency).filter(status=Enrolment.Status.PENDING)
    me = access.me(request)
    condition = Q(employee__supervisor=me) if me is not None else Q(pk__in=[])
    membership = request.membership
    if membership.role == "admin":
        condition = Q()
    elif membership.role == "operator" and membership.unit_id:
        condition |= Q(employee__unit__path__startswith=membership.unit.path)
    return pending.filter(condition)


@role_required(*ALL_ROLES)
def approval_list(request, agency):
    pending = (
        _pending_for(request)
        .select_related("employee", "employee__unit", "offering", "requested_by")
        .order_by("requested_at")
    )
    page = Paginator(pending, 50).get_page(request.GET.get("page"))
    return render(request, "learning/approval_list.html", {"page_obj": page})


def _decidable(request, pk):
    enrolment = get_object_or_404(
        Enrolment.objects.for_agency(request.agency).select_related(
            "employee__supervisor", "employee__unit", "offering"
        ),
        pk=pk,
    )
    if not enrolment_services.can_decide(enrolment, request.user, request.membership):
        raise Http404
    return enrolment


@require_POST
@role_required(*ALL_ROLES)
def enrolment_approve(request, agency, pk):
    enrolment = _decidable(request, pk)
    return run_action(
        request,
        lambda: enrolment_services.approve(enrolment, by=request.user),
        lambda e: (
            _("Approved: %(name)s is %(status)s.")
            % {"name": e.employee.full_name, "status": e.get_status_display().lower()}
        ),
        reverse("learning:approval-list", kwargs={"agency": agency}),
    )


@require_POST
@role_required(*ALL_ROLES)
def enrolment_reject(request, agency, pk):
    enrolment = _decidable(request, pk)
    note = request.POST.get("note", "")
    return run_action(
        request,
        lambda: enrolment_services.reject(enrolment, by=request.user, note=note),
        _("Request rejected; the ASN was told."),
        reverse("learning:approval-list", kwargs={"agency": agency}),
    )
