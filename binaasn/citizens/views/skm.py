"""Staff pages of SKM and IKM: results per agency and unit, paper entry, import, settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import XLSX_CONTENT_TYPE, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required

from .. import ikm, imports, periods, queries, reports
from ..forms.staff import (
    HistoricalIkmForm,
    ImportForm,
    SettingsForm,
    StaffResponseForm,
    period_form,
)
from ..models import CitizenSettings, HistoricalIkm, SkmResponse
from ..services import skm as skm_services
from ..services import units as unit_services
from .common import attach_errors, visible_units

VIEW_ROLES = ("admin", "operator", "leader")
AGENCY_TOTAL_ROLES = ("admin", "leader")


def _export(request, report, slug):
    """``?format=xlsx`` or ``?format=pdf`` of an SKM report, else None."""
    fmt = request.GET.get("format")
    name = f"laporan-skm-{slug}-{report.period.key.replace(':', '_')}"
    if fmt == "xlsx":
        response = HttpResponse(reports.report_workbook(report), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(reports.report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    return None


@role_required(*VIEW_ROLES)
def ikm_agency(request, agency):
    """IKM of every visible unit for a period; admins and leaders also see the agency's IKM."""
    form = period_form(request)
    period = form.period
    units = visible_units(request).filter(is_active=True)
    show_total = request.membership.role in AGENCY_TOTAL_ROLES
    report = reports.build_report(request.agency, period) if show_total else None
    if report is not None:
        exported = _export(request, report, request.agency.slug)
        if exported:
            return exported
    method = queries.ikm_method(request.agency)
    by_unit = queries.ikm_by_unit(
        request.agency, period.start, period.end, units=units, method=method
    )
    context = {
        "form": form,
        "period": period,
        "report": report,
        "by_unit": by_unit,
        "method": method,
        "method_label": reports.method_label(method),
        "trend": queries.trend(request.agency, periods.trend_periods(period), method=method)
        if show_total
        else None,
        "historical": queries.historical_results(request.agency) if show_total else None,
    }
    return render(request, "citizens/ikm_agency.html", context)


@role_required(*VIEW_ROLES)
def ikm_unit(request, agency, pk):
    unit = get_object_or_404(visible_units(request), pk=pk)
    form = period_form(request)
    period = form.period
    report = reports.build_report(request.agency, period, unit=unit)
    exported = _export(request, report, unit.public_code.lower())
    if exported:
        return exported
    context = {
        "unit": unit,
        "form": form,
        "period": period,
        "report": report,
        "method": report.method,
        "method_label": reports.method_label(report.method),
        "trend": queries.trend(
            request.agency, periods.trend_periods(period), unit=unit, method=report.method
        ),
        "historical": queries.historical_results(request.agency, unit),
        "suggestions": queries.suggestions(request.agency, period.start, period.end, unit),
    }
    return render(request, "citizens/ikm_unit.html", context)


@role_required("admin", "operator")
def response_create(request, agency):
    """Type in a paper survey; its date decides the period it counts for."""
    units = visible_units(request).filter(is_active=True)
    form = StaffResponseForm(
        request.POST or None, units=units, initial={"unit": request.GET.get("unit")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = {
            "age_group": skm_services.clean_age(data["age"]) if data["age"] else "",
            "gender": data["gender"],
            "education": data["education"],
            "occupation": data["occupation"],
            "service": data["service"],
            "suggestion": data["suggestion"],
        }
        try:
            skm_services.record_response(
                data["unit"],
                answers={f"u{n}": data[f"u{n}"] for n in range(1, 10)},
                profile=profile,
                source=SkmResponse.Source.PAPER,
                answered_on=data["answered_on"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Survey saved. You can type in the next one."))
            url = f"{request.path}?unit={data['unit'].pk}"
            return redirect(url)
    return render(request, "citizens/response_form.html", {"form": form})


@role_required(*VIEW_ROLES)
def response_list(request, agency):
    form = period_form(request)
    period = form.period
    units = visible_units(request)
    responses = (
        SkmResponse.objects.for_agency(request.agency)
        .filter(unit__in=units, answered_on__range=(period.start, period.end))
        .select_related("unit")
        .order_by("-answered_on", "-pk")
    )
    unit_id = request.GET.get("unit")
    if unit_id and unit_id.isdigit():
        responses = responses.filter(unit_id=int(unit_id))
    if wants_xlsx(request):
        headers = [
            "tanggal",
            "unit",
            "layanan",
            "usia",
            "jenis_kelamin",
            "pendidikan",
            "pekerjaan",
            *ikm.ELEMENT_CODES,
            "saran",
            _("Source"),
        ]
        rows = (
            (
                r.answered_on,
                r.unit.name,
                r.service,
                r.get_age_group_display(),
                r.gender,
                r.education,
                r.occupation,
                *r.answers,
                r.suggestion,
                r.get_source_display(),
            )
            for r in responses.iterator()
        )
        return xlsx_response("jawaban-skm", headers, rows, title=_("SKM answers"))
    page = Paginator(responses, 50).get_page(request.GET.get("page"))
    context = {"form": form, "period": period, "page_obj": page, "units": units, "unit_id": unit_id}
    return render(request, "citizens/response_list.html", context)


@require_POST
@role_required("admin")
def response_delete(request, agency, pk):
    response = get_object_or_404(
        SkmResponse.objects.for_agency(request.agency).select_related("unit"), pk=pk
    )
    try:
        skm_services.delete_typed_response(response, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The typed-in survey was deleted."))
    return redirect("citizens:response-list", agency=request.agency.slug)


@role_required("admin", "operator")
def response_import(request, agency):
    """Upload a spreadsheet of paper surveys: every row is checked first; one bad row and
    nothing is written, with a report naming each row and column."""
    units = visible_units(request).filter(is_active=True)
    form = ImportForm(request.POST or None, request.FILES or None, units=units)
    parsed = None
    imported = None
    if request.method == "POST" and form.is_valid():
        parsed = imports.parse_skm_file(form.cleaned_data["file"])
        if not parsed.errors:
            with transaction.atomic():
                imported = skm_services.import_responses(
                    form.cleaned_data["unit"],
                    parsed.rows,
                    by=request.user,
                    file_name=form.cleaned_data["file"].name,
                )
            messages.success(request, _("imported=%(n)d rejected=0") % {"n": imported})
            return redirect(f"{request.path}?imported={imported}")
    context = {"form": form, "parsed": parsed, "imported": request.GET.get("imported")}
    return render(
        request,
        "citizens/response_import.html",
        context,
        status=400 if parsed and parsed.errors else 200,
    )


@role_required("admin", "operator")
def response_import_template(request, agency):
    content = (
        "tanggal,layanan,usia,jenis_kelamin,pendidikan,pekerjaan,U1,U2,U3,U4,U5,U6,U7,U8,U9,saran\r\n"
        "05/01/2026,Pelayanan KTP-el,33,L,SMA,Swasta,3,3,3,4,3,3,4,3,3,\r\n"
    )
    response = HttpResponse(content.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="templat-skm.csv"'
    return response


@role_required("admin")
def citizen_settings(request, agency):
    instance = CitizenSettings.objects.for_agency(request.agency).first() or CitizenSettings(
        agency=request.agency
    )
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        unit_services.set_ikm_method(
            request.agency, form.cleaned_data["ikm_method"], by=request.user
        )
        messages.success(request, _("Settings saved."))
        return redirect("citizens:settings", agency=request.agency.slug)
    return render(request, "citizens/settings.html", {"form": form})


@role_required(*VIEW_ROLES)
def historical_list(request, agency):
    results = (
        HistoricalIkm.objects.for_agency(request.agency)
        .select_related("unit")
        .order_by("-start_on")
    )
    if request.membership.role == "operator":
        results = results.filter(unit__in=visible_units(request))
    return render(request, "citizens/historical_list.html", {"results": results})


@role_required("admin")
def historical_create(request, agency):
    units = visible_units(request)
    form = HistoricalIkmForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            skm_services.record_historical_ikm(agency=request.agency, by=request.user, **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Old result recorded; it keeps its own regulation and mutu.")
            )
            return redirect("citizens:historical-list", agency=request.agency.slug)
    return render(request, "citizens/historical_form.html", {"form": form})
