"""Organisation units (the tree with employee counts) and positions. Admins edit; operators and
leaders read, operators only their own unit subtree."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from binaasn.core.permissions import role_required

from .. import services
from ..forms import PositionForm, UnitForm, attach_errors
from ..models import Employee, OrgUnit, Position

READERS = ("admin", "operator", "leader")


def visible_units(request):
    units = OrgUnit.objects.for_agency(request.agency)
    membership = request.membership
    if membership.role == "operator":
        return units.subtree(membership.unit) if membership.unit_id else units.none()
    return units


@role_required(*READERS)
def unit_list(request, agency):
    show_inactive = request.GET.get("inactive") == "1"
    units = list(visible_units(request).order_by("path"))
    if not show_inactive:
        units = [u for u in units if u.is_active]
    direct = dict(
        Employee.objects.for_agency(request.agency)
        .active()
        .filter(unit__isnull=False)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Each unit's total includes every unit below it: add each count to the unit's ancestors.
    totals = Counter()
    paths = dict(
        OrgUnit.objects.for_agency(request.agency).filter(pk__in=direct).values_list("pk", "path")
    )
    for unit_id, count in direct.items():
        for ancestor in paths.get(unit_id, "").strip("/").split("/"):
            if ancestor:
                totals[int(ancestor)] += count
    for unit in units:
        unit.direct_count = direct.get(unit.pk, 0)
        unit.total_count = totals.get(unit.pk, 0)
        unit.indent = range(unit.depth)
    context = {
        "units": units,
        "show_inactive": show_inactive,
        "can_edit": request.membership.role == "admin",
    }
    return render(request, "people/unit_list.html", context)


def _unit_fields(form):
    return {name: form.cleaned_data[name] for name in form.fields}


@role_required("admin")
def unit_create(request, agency):
    initial = {}
    parent_id = request.GET.get("parent")
    if parent_id and parent_id.isdigit():
        initial["parent"] = OrgUnit.objects.for_agency(request.agency).filter(pk=parent_id).first()
    form = UnitForm(request.POST or None, agency=request.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.create_unit(request.agency, by=request.user, **_unit_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The unit %(name)s was added.") % {"name": unit.name})
            return redirect("people:unit-list", agency=request.agency.slug)
    return render(request, "people/unit_form.html", {"form": form})


@role_required("admin")
def unit_edit(request, agency, pk):
    unit = get_object_or_404(OrgUnit.objects.for_agency(request.agency), pk=pk)
    form = UnitForm(request.POST or None, instance=unit, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(unit, by=request.user, **_unit_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The unit %(name)s was saved.") % {"name": unit.name})
            return redirect("people:unit-list", agency=request.agency.slug)
    return render(request, "people/unit_form.html", {"form": form, "unit": unit})


POSITION_PAGE_SIZE = 50


@role_required(*READERS)
def position_list(request, agency):
    positions = Position.objects.for_agency(request.agency).select_related("unit")
    if request.membership.role == "operator":
        below = visible_units(request).values("pk")
        positions = positions.filter(Q(unit__isnull=True) | Q(unit_id__in=below))
    query = request.GET.get("q", "").strip()
    position_type = request.GET.get("type", "")
    if query:
        positions = positions.filter(name__icontains=query)
    if position_type in Position.Type.values:
        positions = positions.filter(position_type=position_type)
    if request.GET.get("inactive") != "1":
        positions = positions.filter(is_active=True)
    page = Paginator(positions.order_by("name", "pk"), POSITION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # Employee counts for this page only: one grouped query, whatever the page holds.
    counts = dict(
        Employee.objects.for_agency(request.agency)
        .active()
        .filter(position_id__in=[p.pk for p in page])
        .values_list("position_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for position in page:
        position.employee_count = counts.get(position.pk, 0)
    context = {
        "page_obj": page,
        "q": query,
        "type": position_type,
        "type_choices": Position.Type.choices,
        "show_inactive": request.GET.get("inactive") == "1",
        "can_edit": request.membership.role == "admin",
    }
    return render(request, "people/position_list.html", context)


@role_required("admin")
def position_create(request, agency):
    form = PositionForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.create_position(
                request.agency, by=request.user, **_unit_fields(form)
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The position %(name)s was added.") % {"name": position.name}
            )
            return redirect("people:position-list", agency=request.agency.slug)
    return render(request, "people/position_form.html", {"form": form})


@role_required("admin")
def position_edit(request, agency, pk):
    position = get_object_or_404(Position.objects.for_agency(request.agency), pk=pk)
    form = PositionForm(request.POST or None, instance=position, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_position(position, by=request.user, **_unit_fields(form))
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("The position %(name)s was saved.") % {"name": position.name}
            )
            return redirect("people:position-list", agency=request.agency.slug)
    return render(request, "people/position_form.html", {"form": form, "position": position})
