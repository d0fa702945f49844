"""Staff pages of service units: list, create, edit, population, QR poster, kiosk link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import kiosk, reports
from ..forms.staff import ServiceUnitForm, UserCountForm
from ..models import ServiceUserCount
from ..services import units as unit_services
from .common import attach_errors, can_manage, visible_units

VIEW_ROLES = ("admin", "operator", "leader")


def _survey_url(request, unit):
    return request.build_absolute_uri(
        reverse(
            "citizens_public:skm",
            kwargs={"public_agency": request.agency.slug, "code": unit.public_code},
        )
    )


@role_required(*VIEW_ROLES)
def unit_list(request, agency):
    units = visible_units(request)
    if wants_xlsx(request):
        rows = (
            (
                u.name,
                u.public_code,
                u.org_unit.name,
                ", ".join(u.service_list),
                _("Yes") if u.is_active else _("No"),
            )
            for u in units
        )
        headers = [_("Name"), _("Public code"), _("Org unit"), _("Services"), _("Active")]
        return xlsx_response("unit-layanan", headers, rows, title=_("Service units"))
    return render(
        request,
        "citizens/unit_list.html",
        {"units": units, "can_manage": can_manage(request.membership)},
    )


@role_required("admin", "operator")
def unit_create(request, agency):
    form = ServiceUnitForm(
        request.POST or None, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = unit_services.create_service_unit(
                agency=request.agency,
                org_unit=data["org_unit"],
                name=data["name"],
                public_code=data["public_code"],
                services=data["services"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Service unit created."))
            return redirect("citizens:unit-detail", agency=request.agency.slug, pk=unit.pk)
    return render(request, "citizens/unit_form.html", {"form": form})


@role_required(*VIEW_ROLES)
def unit_detail(request, agency, pk):
    unit = get_object_or_404(visible_units(request), pk=pk)
    context = {
        "unit": unit,
        "counts": ServiceUserCount.objects.for_agency(request.agency).filter(unit=unit),
        "count_form": UserCountForm(),
        "survey_url": _survey_url(request, unit),
        "can_manage": can_manage(request.membership),
    }
    if context["can_manage"]:
        context["kiosk_url"] = request.build_absolute_uri(
            reverse(
                "citizens_public:skm-kiosk",
                kwargs={
                    "public_agency": request.agency.slug,
                    "code": unit.public_code,
                    "token": kiosk.kiosk_token(unit),
                },
            )
        )
    return render(request, "citizens/unit_detail.html", context)


@role_required("admin", "operator")
def unit_edit(request, agency, pk):
    unit = get_object_or_404(visible_units(request), pk=pk)
    form = ServiceUnitForm(
        request.POST or None, instance=unit, agency=request.agency, membership=request.membership
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit.refresh_from_db()  # the ModelForm already set the fields; the service decides
        try:
            unit_services.update_service_unit(
                unit, by=request.user, **{k: data[k] for k in form.fields}
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Service unit saved."))
            return redirect("citizens:unit-detail", agency=request.agency.slug, pk=unit.pk)
    return render(request, "citizens/unit_form.html", {"form": form, "unit": unit})


@require_POST
@role_required("admin", "operator")
def unit_population(request, agency, pk):
    unit = get_object_or_404(visible_units(request), pk=pk)
    form = UserCountForm(request.POST)
    if form.is_valid():
        try:
            unit_services.set_service_user_count(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
    if form.errors:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    else:
        messages.success(request, _("Number of service users saved."))
    return redirect("citizens:unit-detail", agency=request.agency.slug, pk=unit.pk)


@require_POST
@role_required("admin", "operator")
def unit_population_delete(request, agency, pk, count_pk):
    unit = get_object_or_404(visible_units(request), pk=pk)
    row = get_object_or_404(
        ServiceUserCount.objects.for_agency(request.agency).filter(unit=unit), pk=count_pk
    )
    unit_services.delete_service_user_count(row, by=request.user)
    messages.success(request, _("Number of service users removed."))
    return redirect("citizens:unit-detail", agency=request.agency.slug, pk=unit.pk)


@role_required(*VIEW_ROLES)
def unit_poster(request, agency, pk):
    """An A4 PDF poster with the QR code of the unit's survey, to print for the counter."""
    unit = get_object_or_404(visible_units(request), pk=pk)
    complaints_url = request.build_absolute_uri(
        reverse("citizens_public:complaint-create", kwargs={"public_agency": request.agency.slug})
    )
    content = reports.poster_pdf(unit, _survey_url(request, unit), complaints_url)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="poster-skm-{unit.public_code.lower()}.pdf"'
    )
    return response
