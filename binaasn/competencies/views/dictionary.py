"""The competency dictionary: the shared PermenPANRB 38/2017 list and the agency's own
technical competencies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import ALL_ROLES, role_required

from .. import services
from ..forms import JpmBandFormSet, TechnicalCompetencyForm, competency_filter
from ..jpm import FORMULA
from ..models import Competency


@role_required(*ALL_ROLES)
def competency_list(request, agency):
    query = request.GET.get("q", "").strip()
    competencies = competency_filter(Competency.objects.for_agency(request.agency), query)
    if wants_xlsx(request):
        headers = [
            _("Code"),
            _("Name"),
            _("Kind"),
            _("Group"),
            _("Shared"),
            _("Level 1"),
            _("Level 2"),
            _("Level 3"),
            _("Level 4"),
            _("Level 5"),
        ]
        rows = (
            (
                c.code,
                c.name,
                c.get_kind_display(),
                c.group,
                _("Yes") if c.is_shared else _("No"),
                c.level_1,
                c.level_2,
                c.level_3,
                c.level_4,
                c.level_5,
            )
            for c in competencies
        )
        return xlsx_response("kompetensi", headers, rows, title=_("Competencies"))
    groups = {kind: [] for kind in Competency.Kind.values}
    for competency in competencies:
        groups[competency.kind].append(competency)
    sections = [(Competency.Kind(kind).label, items) for kind, items in groups.items()]
    return render(request, "competencies/competency_list.html", {"sections": sections, "q": query})


@role_required(*ALL_ROLES)
def competency_detail(request, agency, pk):
    competency = get_object_or_404(Competency.objects.for_agency(request.agency), pk=pk)
    return render(request, "competencies/competency_detail.html", {"competency": competency})


@role_required("admin")
def competency_create(request, agency):
    form = TechnicalCompetencyForm(request.POST or None, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        competency = services.save_technical_competency(
            request.agency, form.save(commit=False), by=request.user
        )
        messages.success(request, _("Technical competency %(name)s saved.") % {"name": competency})
        return redirect(
            "competencies:competency-detail", agency=request.agency.slug, pk=competency.pk
        )
    return render(request, "competencies/competency_form.html", {"form": form})


@role_required("admin")
def competency_edit(request, agency, pk):
    # Only the agency's own technical competencies can be changed; the shared list is national.
    competency = get_object_or_404(Competency.objects.filter(agency=request.agency), pk=pk)
    form = TechnicalCompetencyForm(request.POST or None, instance=competency, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        services.save_technical_competency(request.agency, form.save(commit=False), by=request.user)
        messages.success(request, _("Technical competency %(name)s saved.") % {"name": competency})
        return redirect(
            "competencies:competency-detail", agency=request.agency.slug, pk=competency.pk
        )
    return render(
        request, "competencies/competency_form.html", {"form": form, "competency": competency}
    )


@role_required("admin")
def jpm_settings(request, agency):
    bands = services.jpm_bands(request.agency)
    initial = [
        {"label": b.label, "min_percent": b.min_percent, "css_class": b.css_class} for b in bands
    ]
    formset = JpmBandFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        chosen = [
            (f.cleaned_data["min_percent"], f.cleaned_data["label"], f.cleaned_data["css_class"])
            for f in formset
            if f.cleaned_data.get("label")
        ]
        try:
            services.replace_jpm_bands(request.agency, chosen, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("JPM categories saved."))
            return redirect("competencies:jpm-settings", agency=request.agency.slug)
    return render(
        request, "competencies/jpm_settings.html", {"formset": formset, "formula": FORMULA}
    )
