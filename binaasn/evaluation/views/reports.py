"""Pages of evaluation: the list of finished offerings with their evaluation status, the
report of an offering and of a programme (page, Excel, PDF) and the findings with their
follow-up actions.

Admins and leaders see everything; operators the offerings of their unit subtree (and the
agency-wide ones), and a programme's report over those of its offerings; others have no access.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from binaasn.core.exports import XLSX_CONTENT_TYPE, wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.learning.models import Offering
from binaasn.people.models import OrgUnit
from binaasn.planning.models import Plan, Programme

from .. import reports
from ..forms.reports import FindingActionForm, FindingForm, IndexFilterForm
from ..models import Finding, Level
from ..reports import charts
from ..reports.feedback_figures import feedback_by_offering
from ..reports.pdf import report_pdf
from ..reports.rows import learning_note
from ..reports.workbook import report_workbook
from ..services.findings import record_finding

READERS = ("admin", "operator", "leader")
WRITERS = ("admin", "operator")
PER_PAGE = 25


def _visible_offerings(request):
    return Offering.objects.for_agency(request.agency).visible_to(request.membership)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- index ----------------------------------------------------------------------------------


def _index_units(request):
    """The units that organise the offerings the member sees (a short list, even in a large
    agency)."""
    organising = _visible_offerings(request).filter(unit__isnull=False).values("unit_id")
    return OrgUnit.objects.for_agency(request.agency).filter(pk__in=organising).order_by("path")


def _index_rows(request, offerings):
    """[(offering, learning summary, OfferingFeedback)] in a fixed number of queries."""
    offerings = list(offerings)
    learning = reports.learning_results(request.agency, offerings)
    feedback = feedback_by_offering(request.agency, [o.pk for o in offerings])
    return [(o, learning.by_offering[o.pk], feedback[o.pk]) for o in offerings]


def _index_xlsx(rows):
    headers = [
        _("Offering"),
        _("Programme"),
        _("Start date"),
        _("End date"),
        _("Organising unit"),
        _("Material version"),
        _("Participants"),
        _("L1 response rate (%)"),
        _("L1 mean (1–5)"),
        _("L2 normalised gain"),
        _("L2 pass rate (%)"),
        _("L3 status"),
        _("L3 mean (1–5)"),
    ]
    data = (
        (
            o.title,
            o.programme.title if o.programme_id else "",
            o.starts_on,
            o.ends_on,
            o.unit.name if o.unit_id else _("Agency-wide"),
            o.material_version.number if o.material_version_id else None,
            summary.participants,
            feedback.reaction.response_rate,
            feedback.reaction.mean,
            summary.normalised_gain,
            summary.pass_rate,
            str(feedback.behaviour_status),
            feedback.behaviour.mean,
        )
        for o, summary, feedback in rows
    )
    return xlsx_response("evaluasi-angkatan", headers, data, title=_("Evaluations"))


@role_required(*READERS)
def index(request, agency):
    units = _index_units(request)
    form = IndexFilterForm(request.GET or None, agency=request.agency, units=units)
    offerings = (
        _visible_offerings(request)
        .filter(status=Offering.Status.FINISHED)
        .select_related("programme", "unit", "material_version")
        .order_by("-ends_on", "title", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            offerings = offerings.filter(ends_on__year=data["year"])
        if data["programme"]:
            offerings = offerings.filter(programme=data["programme"])
        if data["unit"]:
            offerings = offerings.filter(unit__path__startswith=data["unit"].path)
    if wants_xlsx(request):
        return _index_xlsx(_index_rows(request, offerings))
    page = Paginator(offerings, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "rows": _index_rows(request, page.object_list),
        "can_record": request.membership.role in WRITERS,
    }
    return render(request, "evaluation/index.html", context)


# --- reports --------------------------------------------------------------------------------


def _offering(request, pk):
    return get_object_or_404(
        _visible_offerings(request).select_related(
            "programme", "unit", "material_version", "agency"
        ),
        pk=pk,
    )


def _programme_and_offerings(request, pk):
    programme = get_object_or_404(
        Programme.objects.for_agency(request.agency).select_related("plan", "agency"), pk=pk
    )
    visible = (
        None if request.membership.role in ("admin", "leader") else _visible_offerings(request)
    )
    offerings = reports.programme_offerings(request.agency, programme, visible=visible)
    if visible is not None and not offerings:
        raise Http404  # an operator sees programmes through the offerings of their units
    return programme, offerings


def _report_context(request, report):
    return {
        "report": report,
        "learning": report.learning.overall,
        "outcomes": report.outcomes,
        "reaction": report.reaction,
        "behaviour": report.behaviour,
        "charts": charts.chart_data(report),
        "can_record": request.membership.role in WRITERS,
        "learning_note": learning_note(),
        "offering_rows": report.learning.rows(),
        "finding_url": _finding_url(request, report),
    }


def _finding_url(request, report):
    key = "programme" if report.is_programme else "offering"
    url = reverse("evaluation:finding-create", kwargs={"agency": request.agency.slug})
    return f"{url}?{urlencode({key: report.subject.pk})}"


@role_required(*READERS)
def offering_report(request, agency, pk):
    offering = _offering(request, pk)
    report = reports.offering_report(request.agency, offering)
    if wants_xlsx(request):
        return _download(
            report_workbook(report), XLSX_CONTENT_TYPE, f"evaluasi-angkatan-{offering.pk}.xlsx"
        )
    context = _report_context(request, report)
    context["offering"] = offering
    return render(request, "evaluation/report_offering.html", context)


@role_required(*READERS)
def offering_report_pdf(request, agency, pk):
    report = reports.offering_report(request.agency, _offering(request, pk))
    return _download(report_pdf(report), "application/pdf", f"evaluasi-angkatan-{pk}.pdf")


@role_required(*READERS)
def programme_report(request, agency, pk):
    programme, offerings = _programme_and_offerings(request, pk)
    report = reports.programme_report(request.agency, programme, offerings)
    if wants_xlsx(request):
        return _download(
            report_workbook(report), XLSX_CONTENT_TYPE, f"evaluasi-program-{programme.pk}.xlsx"
        )
    context = _report_context(request, report)
    context["programme"] = programme
    return render(request, "evaluation/report_programme.html", context)


@role_required(*READERS)
def programme_report_pdf(request, agency, pk):
    programme, offerings = _programme_and_offerings(request, pk)
    report = reports.programme_report(request.agency, programme, offerings)
    return _download(report_pdf(report), "application/pdf", f"evaluasi-program-{pk}.pdf")


# --- findings -------------------------------------------------------------------------------


def _visible_findings(request):
    findings = Finding.objects.for_agency(request.agency)
    if request.membership.role == "operator":
        hidden = Offering.objects.for_agency(request.agency).exclude(
            pk__in=_visible_offerings(request).values("pk")
        )
        findings = findings.exclude(offering__in=hidden.values("pk"))
    return findings


@role_required(*READERS)
def finding_list(request, agency):
    findings = (
        _visible_findings(request)
        .select_related("offering", "programme", "plan", "created_by")
        .order_by("-created_at", "pk")
    )
    level = request.GET.get("level", "")
    if level in Level.values:
        findings = findings.filter(level=level)
    if wants_xlsx(request):
        headers = [
            _("Recorded"),
            _("Level"),
            _("Finding"),
            _("Offering"),
            _("Programme"),
            _("Plan"),
        ]
        rows = (
            (
                f.created_at,
                f.get_level_display(),
                f.text,
                f.offering.title if f.offering_id else "",
                f.programme.title if f.programme_id else "",
                f.plan.title if f.plan_id else "",
            )
            for f in findings
        )
        return xlsx_response("temuan-evaluasi", headers, rows, title=_("Findings"))
    page = Paginator(findings, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "level": level,
        "levels": Level.choices,
        "can_record": request.membership.role in WRITERS,
    }
    return render(request, "evaluation/finding_list.html", context)


def _subject(request, source):
    """The offering, programme and plan a finding is about, from GET or POST ids; an id the
    member may not see is a 404."""
    subject = {"offering": None, "programme": None, "plan": None}
    if source.get("offering"):
        subject["offering"] = _offering(request, _id(source["offering"]))
    if source.get("programme"):
        subject["programme"] = get_object_or_404(
            Programme.objects.for_agency(request.agency), pk=_id(source["programme"])
        )
    if source.get("plan"):
        subject["plan"] = get_object_or_404(
            Plan.objects.for_agency(request.agency), pk=_id(source["plan"])
        )
    return subject


def _id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@role_required(*WRITERS)
def finding_create(request, agency):
    source = request.POST if request.method == "POST" else request.GET
    subject = _subject(request, source)
    if request.method == "POST":
        form = FindingForm(request.POST)
        action_form = FindingActionForm(request.POST, agency=request.agency)
        wants_action = request.POST.get("with_action") in ("on", "true", "1")
        if form.is_valid() and (not wants_action or action_form.is_valid()):
            action = None
            if wants_action:
                action = {k: v for k, v in action_form.cleaned_data.items() if v not in (None, "")}
            try:
                finding, created = record_finding(
                    request.agency,
                    level=form.cleaned_data["level"],
                    text=form.cleaned_data["text"],
                    by=request.user,
                    action=action,
                    **subject,
                )
            except ValidationError as error:
                _show_errors(error, form, action_form)
            else:
                if created:
                    messages.success(request, _("Finding recorded with a follow-up action."))
                else:
                    messages.success(request, _("Finding recorded."))
                return redirect(finding.staff_url)
        elif wants_action and not action_form.is_valid():
            form.add_error(
                None,
                _(
                    "The follow-up action is not complete; the finding was not saved yet. "
                    "Correct the action below or untick it."
                ),
            )
    else:
        level = request.GET.get("level", "")
        form = FindingForm(initial={"level": level if level in Level.values else ""})
        action_form = FindingActionForm(agency=request.agency)
    context = {
        "form": form,
        "action_form": action_form,
        "subject": subject,
        "back_url": _back_url(request, subject),
    }
    return render(request, "evaluation/finding_form.html", context)


def _show_errors(error, form, action_form):
    """A refusal from the services, shown next to the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        if field in form.fields:
            form.add_error(field, errors)
        elif field in action_form.fields:
            action_form.add_error(field, errors)
        else:
            form.add_error(None, errors)


def _back_url(request, subject):
    finding = Finding(agency=request.agency, **subject)
    return finding.staff_url


urlpatterns = [
    path("", index, name="index"),
    path("laporan/angkatan/<int:pk>/", offering_report, name="offering-report"),
    path("laporan/angkatan/<int:pk>/pdf/", offering_report_pdf, name="offering-report-pdf"),
    path("laporan/program/<int:pk>/", programme_report, name="programme-report"),
    path("laporan/program/<int:pk>/pdf/", programme_report_pdf, name="programme-report-pdf"),
    path("temuan/", finding_list, name="finding-list"),
    path("temuan/baru/", finding_create, name="finding-create"),
]
