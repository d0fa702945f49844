"""Offerings (angkatan), their sessions, participants and realized costs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import ALL_ROLES, role_required
from binaasn.people.models import Employee

from .. import access, queries
from ..forms import (
    CostForm,
    EmployeeSearchForm,
    OfferingForm,
    ReasonForm,
    SessionForm,
    attach_errors,
)
from ..models import CostRealization, Enrolment, Offering, Session
from ..services import costs as cost_services
from ..services import enrolment as enrolment_services
from ..services import offerings as offering_services
from ..services import results as result_services
from .common import flash_error, flash_warnings, run_action

STAFF = ("admin", "operator", "leader", "trainer")


def _detail(request, offering):
    return redirect("learning:offering-detail", agency=request.agency.slug, pk=offering.pk)


@role_required(*STAFF)
def offering_list(request, agency):
    offerings = (
        Offering.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("unit")
        .annotate(
            enrolled=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True
            ),
            waiting=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.WAITLISTED),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "title")
    )
    status = request.GET.get("status", "")
    if status in Offering.Status.values:
        offerings = offerings.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        offerings = offerings.filter(title__icontains=query)
    if wants_xlsx(request):
        rows = (
            (
                o.title,
                o.path_code,
                o.get_form_display(),
                o.starts_on,
                o.ends_on,
                o.venue,
                o.quota,
                o.enrolled,
                o.waiting,
                o.jp,
                o.get_status_display(),
            )
            for o in offerings
        )
        headers = [
            _("Title"),
            _("Path code"),
            _("Form"),
            _("Start date"),
            _("End date"),
            _("Venue"),
            _("Quota"),
            _("Enrolled"),
            _("Waitlisted"),
            _("JP"),
            _("Status"),
        ]
        return xlsx_response("angkatan", headers, rows, title=_("Offerings"))
    page = Paginator(offerings, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/offering_list.html",
        {
            "page_obj": page,
            "q": query,
            "status": status,
            "statuses": Offering.Status.choices,
            "can_create": access.is_staff(request.membership),
        },
    )


@role_required("admin", "operator")
def offering_create(request, agency):
    initial = {"organiser": request.agency.name}
    programme_id = request.GET.get("programme", "")
    if programme_id.isdigit():
        initial["programme"] = int(programme_id)
    form = OfferingForm(
        request.POST or None, agency=request.agency, membership=request.membership, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        offering = form.save(commit=False)
        offering.agency = request.agency
        try:
            offering_services.create_offering(
                offering,
                by=request.user,
                trainers=form.cleaned_data["trainers"],
                speakers=form.cleaned_data["speakers"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Offering created. Add its sessions next."))
            return _detail(request, offering)
    return render(request, "learning/offering_form.html", {"form": form})


@role_required(*STAFF)
def offering_detail(request, agency, pk):
    offering = access.offering_or_404(request, pk)
    membership = request.membership
    can_manage = access.can_manage_offering(membership, offering)
    can_run = access.can_run_offering(membership, request.user, offering)
    sessions = list(offering.sessions.select_related("trainer", "speaker"))
    counts = {
        row["status"]: row["n"]
        for row in Enrolment.objects.for_agency(request.agency)
        .filter(offering=offering)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    context = {
        "offering": offering,
        "sessions": sessions,
        "counts": counts,
        "can_manage": can_manage,
        "can_run": can_run,
        "can_nominate": access.is_staff(membership),
        "trainers": list(offering.trainers.all()),
        "speakers": list(offering.speakers.all()),
        "costs": [
            (CostRealization.Category(category).label, total)
            for category, total in (queries.offering_costs(offering) if can_manage else {}).items()
        ],
        "certificate_count": offering.certificates.count(),
        "cancel_form": ReasonForm(),
    }
    return render(request, "learning/offering_detail.html", context)


@role_required("admin", "operator")
def offering_edit(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    form = OfferingForm(
        request.POST or None,
        instance=offering,
        agency=request.agency,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            offering_services.update_offering(
                form.save(commit=False),
                by=request.user,
                changed_fields=form.changed_data,
                trainers=form.cleaned_data["trainers"],
                speakers=form.cleaned_data["speakers"],
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Offering saved."))
            return _detail(request, offering)
    return render(request, "learning/offering_form.html", {"form": form, "offering": offering})


@require_POST
@role_required("admin", "operator")
def offering_finish(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    return run_action(
        request,
        lambda: result_services.close_offering(offering, by=request.user),
        lambda r: (
            _(
                "Offering finished: %(done)d of %(total)d participants completed and were credited "
                "JP."
            )
            % {"done": r[0], "total": r[1]}
        ),
        reverse("learning:offering-detail", kwargs={"agency": agency, "pk": pk}),
    )


@require_POST
@role_required("admin", "operator")
def offering_reopen(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    return run_action(
        request,
        lambda: result_services.reopen_offering(offering, by=request.user),
        _("Offering reopened; its JP credits were withdrawn until it is finished again."),
        reverse("learning:offering-detail", kwargs={"agency": agency, "pk": pk}),
    )


@require_POST
@role_required("admin", "operator")
def offering_cancel(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    return run_action(
        request,
        lambda: offering_services.cancel_offering(offering, by=request.user, reason=reason),
        _("Offering cancelled; participants were told."),
        reverse("learning:offering-detail", kwargs={"agency": agency, "pk": pk}),
    )


@role_required("admin", "operator")
def session_create(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    session = Session(agency=request.agency, offering=offering)
    form = SessionForm(
        request.POST or None,
        instance=session,
        agency=request.agency,
        initial={"held_on": offering.starts_on, "place": offering.venue},
    )
    if request.method == "POST" and form.is_valid():
        try:
            offering_services.save_session(form.save(commit=False), by=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            if "another" in request.POST:
                return redirect("learning:session-create", agency=agency, pk=pk)
            return _detail(request, offering)
    return render(request, "learning/session_form.html", {"form": form, "offering": offering})


@role_required("admin", "operator")
def session_edit(request, agency, pk):
    session = get_object_or_404(
        Session.objects.for_agency(request.agency).select_related("offering"), pk=pk
    )
    offering = session.offering
    if not access.can_manage_offering(request.membership, offering):
        raise Http404
    form = SessionForm(request.POST or None, instance=session, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            offering_services.save_session(
                form.save(commit=False), by=request.user, changed_fields=form.changed_data
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Session saved."))
            return _detail(request, offering)
    return render(
        request,
        "learning/session_form.html",
        {"form": form, "offering": offering, "session": session},
    )


@require_POST
@role_required("admin", "operator")
def session_delete(request, agency, pk):
    session = get_object_or_404(
        Session.objects.for_agency(request.agency).select_related("offering"), pk=pk
    )
    if not access.can_manage_offering(request.membership, session.offering):
        raise Http404
    return run_action(
        request,
        lambda: offering_services.delete_session(session, by=request.user),
        _("Session deleted."),
        reverse("learning:offering-detail", kwargs={"agency": agency, "pk": session.offering_id}),
    )


@role_required(*STAFF)
def participant_list(request, agency, pk):
    offering = access.offering_or_404(request, pk)
    enrolments = (
        access.visible_enrolments(request, offering)
        .select_related("employee", "employee__unit")
        .order_by("status", "waitlisted_at", "employee__name")
    )
    status = request.GET.get("status", "")
    if status in Enrolment.Status.values:
        enrolments = enrolments.filter(status=status)
    if wants_xlsx(request):
        rows = (
            (
                e.employee.nip,
                e.employee.full_name,
                e.employee.unit.name if e.employee.unit else "",
                e.get_status_display(),
                e.get_source_display(),
                e.attendance_percent,
                e.pre_test,
                e.post_test,
                e.get_result_display(),
            )
            for e in enrolments
        )
        headers = [
            "NIP",
            _("Name"),
            _("Unit"),
            _("Status"),
            _("Source"),
            _("Attendance (%)"),
            _("Pre-test"),
            _("Post-test"),
            _("Result"),
        ]
        return xlsx_response("peserta", headers, rows, title=_("Participants"))
    page = Paginator(enrolments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/participant_list.html",
        {
            "offering": offering,
            "page_obj": page,
            "status": status,
            "statuses": Enrolment.Status.choices,
            "can_nominate": access.is_staff(request.membership)
            and offering.status == Offering.Status.OPEN,
            "seats_left": enrolment_services.seats_left(offering),
        },
    )


@role_required("admin", "operator")
def participant_add(request, agency, pk):
    """Search the employees an operator may nominate, then nominate one per click."""
    offering = access.offering_or_404(request, pk)
    if request.method == "POST":
        employee = get_object_or_404(
            Employee.objects.for_agency(request.agency)
            .visible_to(request.membership)
            .select_related("supervisor"),
            pk=request.POST.get("employee") or 0,
        )
        try:
            enrolment = enrolment_services.nominate(offering, employee, by=request.user)
        except ValidationError as error:
            flash_error(request, error)
        else:
            flash_warnings(request, enrolment.warnings)
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": employee.full_name, "status": enrolment.get_status_display()},
            )
        url = reverse("learning:participant-add", kwargs={"agency": agency, "pk": pk})
        query = request.POST.get("q", "")
        return redirect(f"{url}?q={query}" if query else url)
    form = EmployeeSearchForm(request.GET or None)
    results = []
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        results = list(
            Employee.objects.for_agency(request.agency)
            .visible_to(request.membership)
            .active()
            .filter(Q(name__icontains=query) | Q(nip__startswith=query))
            .select_related("unit")
            .order_by("name")[:25]
        )
        listed = dict(
            Enrolment.objects.for_agency(request.agency)
            .filter(offering=offering, employee__in=results)
            .values_list("employee_id", "status")
        )
        for employee in results:
            employee.enrolment_status = listed.get(employee.pk)
    return render(
        request,
        "learning/participant_add.html",
        {
            "offering": offering,
            "form": form,
            "results": results,
            "q": query,
            "seats_left": enrolment_services.seats_left(offering),
        },
    )


@require_POST
@role_required(*ALL_ROLES)
def enrolment_cancel(request, agency, pk):
    """Managers cancel any place they see; an ASN cancels their own."""
    enrolment = get_object_or_404(
        Enrolment.objects.for_agency(request.agency).select_related(
            "offering__unit", "employee__unit", "employee__supervisor"
        ),
        pk=pk,
    )
    own = access.me(request) is not None and enrolment.employee_id == access.me(request).pk
    membership = request.membership
    allowed = (
        own
        or access.can_manage_offering(membership, enrolment.offering)
        or (membership.role == "operator" and access.in_unit(membership, enrolment.employee.unit))
        or enrolment_services.can_decide(enrolment, request.user, None)
    )
    if not allowed:
        raise Http404
    reason = request.POST.get("reason", "")
    target = request.POST.get("next") or (
        reverse("learning:my-learning", kwargs={"agency": agency})
        if own
        else reverse(
            "learning:participant-list", kwargs={"agency": agency, "pk": enrolment.offering_id}
        )
    )
    if not target.startswith("/"):
        target = "/"

    def message(promoted):
        text = _("Place cancelled.")
        if promoted:
            text += " " + _("Moved up from the waitlist: %(names)s.") % {
                "names": ", ".join(e.employee.full_name for e in promoted)
            }
        return text

    return run_action(
        request,
        lambda: enrolment_services.cancel(enrolment, by=request.user, reason=reason),
        message,
        target,
    )


@role_required("admin", "operator")
def cost_list(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    form = CostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cost_services.record_cost(offering, by=request.user, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Cost recorded."))
            return redirect("learning:cost-list", agency=agency, pk=pk)
    costs = (
        CostRealization.objects.for_agency(request.agency)
        .filter(offering=offering)
        .select_related("recorded_by")
    )
    return render(
        request,
        "learning/cost_list.html",
        {
            "offering": offering,
            "form": form,
            "costs": costs,
            "totals": queries.offering_costs(offering),
            "total": sum(queries.offering_costs(offering).values()) if costs else 0,
            "categories": CostRealization.Category.choices,
        },
    )


@require_POST
@role_required("admin", "operator")
def cost_delete(request, agency, pk):
    cost = get_object_or_404(
        CostRealization.objects.for_agency(request.agency).select_related("offering__unit"), pk=pk
    )
    if not access.can_manage_offering(request.membership, cost.offering):
        raise Http404
    offering_pk = cost.offering_id
    cost_services.delete_cost(cost)
    messages.success(request, _("Cost deleted."))
    return redirect("learning:cost-list", agency=agency, pk=offering_pk)
