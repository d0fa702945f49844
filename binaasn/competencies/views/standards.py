"""Position standards: the level each position requires of each competency."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import XLSX_CONTENT_TYPE, build_workbook, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.people.models import Position

from .. import queries, services
from ..forms import CopyStandardsForm, SpreadsheetForm, StandardForm
from ..models import Competency, PositionStandard


@role_required("admin", "operator", "leader")
def standard_list(request, agency):
    positions = queries.positions_with_standard_counts(request.agency)
    query = request.GET.get("q", "").strip()
    if query:
        positions = positions.filter(Q(name__icontains=query) | Q(unit__name__icontains=query))
    if wants_xlsx(request):
        standards = (
            PositionStandard.objects.for_agency(request.agency)
            .filter(position__in=positions.values("pk"))
            .select_related("position", "competency")
            .order_by("position__name", "competency__sort_order", "competency__name")
        )
        rows = (
            (s.position.name, s.competency.name, s.required_level) for s in standards.iterator()
        )
        return xlsx_response(
            "standar-kompetensi", ["Jabatan", "Kompetensi", "Level"], rows, title=_("Standards")
        )
    page = Paginator(positions, 50).get_page(request.GET.get("page"))
    return render(request, "competencies/standard_list.html", {"page_obj": page, "q": query})


@role_required("admin", "operator", "leader")
def standard_detail(request, agency, pk):
    position = get_object_or_404(
        Position.objects.for_agency(request.agency).select_related("unit"), pk=pk
    )
    standards = PositionStandard.objects.for_agency(request.agency).for_position(position)
    context = {"position": position, "standards": standards}
    if request.membership.role == "admin":
        context["copy_form"] = CopyStandardsForm(agency=request.agency, target=position)
    return render(request, "competencies/standard_detail.html", context)


@role_required("admin")
def standard_edit(request, agency, pk):
    position = get_object_or_404(Position.objects.for_agency(request.agency), pk=pk)
    current = {
        s.competency_id: s.required_level
        for s in PositionStandard.objects.for_agency(request.agency).filter(position=position)
    }
    competencies = Competency.objects.for_agency(request.agency).active()
    form = StandardForm(request.POST or None, competencies=competencies, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_position_standards(position, form.levels(), by=request.user)
        messages.success(request, _("Standard of %(position)s saved.") % {"position": position})
        return redirect("competencies:standard-detail", agency=request.agency.slug, pk=position.pk)
    return render(request, "competencies/standard_form.html", {"form": form, "position": position})


@require_POST
@role_required("admin")
def standard_copy(request, agency, pk):
    position = get_object_or_404(Position.objects.for_agency(request.agency), pk=pk)
    form = CopyStandardsForm(request.POST, agency=request.agency, target=position)
    if form.is_valid():
        try:
            count = services.copy_position_standards(
                form.cleaned_data["source"], position, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(count)d requirements copied from %(source)s.")
                % {"count": count, "source": form.cleaned_data["source"]},
            )
    else:
        messages.error(request, _("Choose the position to copy from."))
    return redirect("competencies:standard-detail", agency=request.agency.slug, pk=position.pk)


@role_required("admin")
def standard_import(request, agency):
    form = SpreadsheetForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        count, errors = services.import_position_standards(
            request.agency, form.cleaned_data["file"], form.kind, by=request.user
        )
        if not errors:
            messages.success(request, _("%(count)d requirements imported.") % {"count": count})
            return redirect("competencies:standard-list", agency=request.agency.slug)
        messages.error(
            request, _("Nothing was imported: correct the rows below and upload the file again.")
        )
    return render(request, "competencies/standard_import.html", {"form": form, "errors": errors})


@role_required("admin")
def standard_template(request, agency):
    example = Competency.objects.for_agency(request.agency).active().first()
    position = Position.objects.for_agency(request.agency).filter(is_active=True).first()
    rows = [
        [
            position.name if position else "Analis Kebijakan Ahli Muda",
            example.name if example else "Integritas",
            3,
        ]
    ]
    content = build_workbook([(_("Standards"), ["Jabatan", "Kompetensi", "Level"], rows)])
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-standar-kompetensi.xlsx"'
    return response
