"""Employee pages: the filtered list (and its Excel export), detail, create, edit, deactivate,
reactivate, and the career history entries of past records."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.models import AuditEntry
from binaasn.core.permissions import role_required

from .. import ranks, services
from ..filters import EmployeeFilter
from ..forms import CareerEntryForm, DeactivateForm, EmployeeForm, attach_errors
from ..models import CareerEntry, Employee, OrgUnit, Position
from .corrections import with_field_labels
from .search import filter_data, search_redirect

PAGE_SIZE = 50
AUDIT_LIMIT = 200


def visible_employees(request):
    """Employees the member may see: all of the agency, or an operator's unit subtree."""
    return Employee.objects.for_agency(request.agency).visible_to(request.membership)


def get_employee(request, pk):
    """One employee the member may see; another agency's or another unit's is a 404."""
    return get_object_or_404(
        visible_employees(request).select_related("unit", "position", "supervisor"), pk=pk
    )


def can_edit(membership):
    return membership.role in ("admin", "operator")


SEARCH_SESSION_KEY = "people:employee-search"


@role_required("admin", "operator", "leader")
def employee_list(request, agency):
    if request.method == "POST":
        return search_redirect(request, SEARCH_SESSION_KEY)
    filterset = EmployeeFilter(
        filter_data(request, SEARCH_SESSION_KEY),
        queryset=visible_employees(request),
        agency=request.agency,
        membership=request.membership,
    )
    employees = filterset.qs.select_related("unit", "position")
    if wants_xlsx(request):
        return _export(employees)
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page,
        "sort": filterset.form.cleaned_data.get("sort") or "name",
        "can_edit": can_edit(request.membership),
    }
    return render(request, "people/employee_list.html", context)


def _labels(choices):
    # Resolved once: a get_FOO_display() per row costs more than the rest of the row.
    return {value: str(label) for value, label in choices}


def _export(employees):
    headers = [
        _("NIP"), _("Name"), _("Front title"), _("Back title"), _("Gender"), _("Birth place"),
        _("Birth date"), _("Status"), _("Golongan"), _("Pangkat"), _("TMT golongan"),
        _("Position"), _("Position type"), _("Functional level"), _("Unit"), _("Education"),
        _("Major"), _("E-mail"), _("Phone"), _("Active"), _("Reason inactive"),
    ]  # fmt: skip
    genders = _labels(Employee.Gender.choices)
    types = _labels(Position.Type.choices)
    levels = _labels(Position.Level.choices)
    reasons = _labels(Employee.InactiveReason.choices)
    yes, no = _("Yes"), _("No")

    def row(e):
        position = e.position if e.position_id else None
        return (
            e.nip, e.name, e.front_title, e.back_title, genders.get(e.gender, ""), e.birth_place,
            e.birth_date, e.status, e.golongan, ranks.pangkat_for(e.golongan), e.tmt_golongan,
            position.name if position else "",
            types.get(position.position_type, "") if position else "",
            levels.get(position.level, "") if position else "",
            e.unit.name if e.unit_id else "", e.education_level, e.education_major, e.email,
            e.phone, yes if e.is_active else no, reasons.get(e.inactive_reason, ""),
        )  # fmt: skip

    rows = (row(e) for e in employees.iterator(chunk_size=2000))
    return xlsx_response("pegawai", headers, rows, title=_("Employees"))


def unit_trail(unit):
    """The unit and its parents from the top, in one query."""
    if unit is None:
        return []
    ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    units = {u.pk: u for u in OrgUnit.objects.for_agency(unit.agency_id).filter(pk__in=ids)}
    return [units[pk] for pk in ids if pk in units]


def employee_audit(employee):
    """Audit entries of the employee record and of its career entries, newest first."""
    employee_type = ContentType.objects.get_for_model(Employee)
    career_type = ContentType.objects.get_for_model(CareerEntry)
    career_ids = [str(pk) for pk in employee.career.values_list("pk", flat=True)]
    return (
        AuditEntry.objects.filter(agency=employee.agency_id)
        .filter(
            Q(content_type=employee_type, object_pk=str(employee.pk))
            | Q(content_type=career_type, object_pk__in=career_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:AUDIT_LIMIT]
    )


def _rank_text(code):
    pangkat = ranks.pangkat_for(code)
    return f"{pangkat} ({code})" if pangkat else code


def career_history(employee):
    """Career entries, newest first; rank entries show the pangkat with the golongan."""
    entries = list(employee.career.order_by("-effective_on", "-created_at", "-pk"))
    for entry in entries:
        if entry.kind == CareerEntry.Kind.RANK:
            entry.old_display = _rank_text(entry.old_value)
            entry.new_display = _rank_text(entry.new_value)
        else:
            entry.old_display, entry.new_display = entry.old_value, entry.new_value
    return entries


@role_required("admin", "operator", "leader")
def employee_detail(request, agency, pk):
    employee = get_employee(request, pk)
    context = {
        "employee": employee,
        "unit_trail": unit_trail(employee.unit),
        "career": career_history(employee),
        "audit_entries": employee_audit(employee),
        "corrections": with_field_labels(employee.corrections.order_by("-requested_at")[:20]),
        "can_edit": can_edit(request.membership),
    }
    return render(request, "people/employee_detail.html", context)


@role_required("admin", "operator")
def employee_create(request, agency):
    form = EmployeeForm(request.POST or None, agency=request.agency, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            employee = services.create_employee(
                request.agency,
                by=request.user,
                membership=request.membership,
                decree=form.decree(),
                **form.employee_fields(),
            )
        except ValidationError as error:
            attach_errors(form, error, form.field_map)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": employee.full_name})
            return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)
    return render(request, "people/employee_form.html", {"form": form})


@role_required("admin", "operator")
def employee_edit(request, agency, pk):
    employee = get_employee(request, pk)
    form = EmployeeForm(
        request.POST or None,
        instance=employee,
        agency=request.agency,
        membership=request.membership,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employee(
                employee,
                by=request.user,
                membership=request.membership,
                decree=form.decree(),
                **form.employee_fields(),
            )
        except ValidationError as error:
            attach_errors(form, error, form.field_map)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)
    return render(request, "people/employee_form.html", {"form": form, "employee": employee})


@role_required("admin", "operator")
def employee_deactivate(request, agency, pk):
    employee = get_employee(request, pk)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deactivate_employee(
                employee,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(name)s is now inactive.") % {"name": employee.full_name})
            return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)
    return render(request, "people/employee_deactivate.html", {"form": form, "employee": employee})


@require_POST
@role_required("admin", "operator")
def employee_reactivate(request, agency, pk):
    employee = get_employee(request, pk)
    if employee.is_active:
        messages.info(request, _("%(name)s is already active.") % {"name": employee.full_name})
    else:
        services.reactivate_employee(employee, by=request.user)
        messages.success(request, _("%(name)s is active again.") % {"name": employee.full_name})
    return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)


@role_required("admin", "operator")
def career_create(request, agency, pk):
    employee = get_employee(request, pk)
    form = CareerEntryForm(request.POST or None, employee=employee)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.add_career_entry(employee, by=request.user, **fields)
        messages.success(request, _("The career history entry was added."))
        return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)
    return render(request, "people/career_form.html", {"form": form, "employee": employee})


@role_required("admin", "operator")
def career_edit(request, agency, pk, entry_pk):
    employee = get_employee(request, pk)
    entry = get_object_or_404(
        CareerEntry.objects.for_agency(request.agency).filter(employee=employee), pk=entry_pk
    )
    form = CareerEntryForm(request.POST or None, instance=entry, employee=employee)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.update_career_entry(entry, by=request.user, **fields)
        messages.success(request, _("The career history entry was saved."))
        return redirect("people:employee-detail", agency=request.agency.slug, pk=employee.pk)
    context = {"form": form, "employee": employee, "entry": entry}
    return render(request, "people/career_form.html", context)
