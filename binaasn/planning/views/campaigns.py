"""Needs analysis pages: campaigns, the needs questionnaire, interviews, prioritised needs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.surveys import queries as survey_queries

from .. import paths, priority, queries, services
from ..forms import (
    CampaignForm,
    InterviewForm,
    NeedProgrammeForm,
    PublishQuestionnaireForm,
    WeightsForm,
    attach_errors,
)
from ..models import Campaign, Interview, Need

READERS = ("admin", "operator", "leader")


def _campaign(request, pk):
    return get_object_or_404(
        Campaign.objects.for_agency(request.agency).select_related("questionnaire"), pk=pk
    )


@role_required(*READERS)
def campaign_list(request, agency):
    campaigns = queries.campaigns_with_counts(request.agency)
    return render(request, "planning/campaign_list.html", {"campaigns": campaigns})


@role_required("admin")
def campaign_create(request, agency):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.create_campaign(
                request.agency,
                year=data["year"],
                title=data["title"],
                description=data["description"],
                grouping=data["grouping"],
                weight_gap=data["weight_gap"],
                weight_breadth=data["weight_breadth"],
                weight_survey=data["weight_survey"],
                weight_interview=data["weight_interview"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Needs analysis created."))
            return redirect("planning:campaign-detail", agency=request.agency.slug, pk=campaign.pk)
    return render(
        request, "planning/campaign_form.html", {"form": form, "formula": priority.FORMULA}
    )


@role_required("admin")
def campaign_edit(request, agency, pk):
    campaign = _campaign(request, pk)
    form = CampaignForm(
        request.POST or None,
        instance=Campaign.objects.for_agency(request.agency).get(pk=campaign.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Needs analysis saved."))
            return redirect("planning:campaign-detail", agency=request.agency.slug, pk=campaign.pk)
    return render(
        request,
        "planning/campaign_form.html",
        {"form": form, "campaign": campaign, "formula": priority.FORMULA},
    )


@role_required(*READERS)
def campaign_detail(request, agency, pk):
    campaign = _campaign(request, pk)
    context = {
        "campaign": campaign,
        "top_needs": queries.prioritised_needs(campaign)[:5],
        "interview_count": queries.interviews_visible_to(
            request.agency, request.membership, campaign
        ).count(),
        "formula": priority.FORMULA,
    }
    if campaign.questionnaire_id:
        context["rates"] = survey_queries.response_rate_by_unit(campaign.questionnaire)
    if request.membership.role == "admin":
        context["publish_form"] = PublishQuestionnaireForm(
            agency=request.agency, initial={"closes_on": services.campaigns.default_closing_date()}
        )
        context["weights_form"] = WeightsForm(instance=campaign)
    return render(request, "planning/campaign_detail.html", context)


@require_POST
@role_required("admin")
def campaign_publish(request, agency, pk):
    campaign = _campaign(request, pk)
    form = PublishQuestionnaireForm(request.POST, agency=request.agency)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("planning:campaign-detail", agency=request.agency.slug, pk=campaign.pk)
    data = form.cleaned_data
    try:
        result = services.publish_needs_questionnaire(
            campaign,
            units=data["units"],
            ask_supervisors=data["ask_supervisors"],
            closes_on=data["closes_on"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The needs questionnaire is open; %(count)d invitations sent.")
            % {"count": len(result.created)},
        )
    return redirect("planning:campaign-detail", agency=request.agency.slug, pk=campaign.pk)


@require_POST
@role_required("admin")
def campaign_analyse(request, agency, pk):
    campaign = _campaign(request, pk)
    count = services.analyse_campaign(campaign, by=request.user)
    messages.success(
        request, _("Analysis done: %(count)d development needs found.") % {"count": count}
    )
    return redirect("planning:need-list", agency=request.agency.slug, pk=campaign.pk)


@require_POST
@role_required("admin")
def campaign_weights(request, agency, pk):
    campaign = _campaign(request, pk)
    form = WeightsForm(
        request.POST, instance=Campaign.objects.for_agency(request.agency).get(pk=campaign.pk)
    )
    if form.is_valid():
        services.update_campaign(campaign, by=request.user, **form.cleaned_data)
        messages.success(request, _("Weights saved; the scores were recomputed."))
    else:
        messages.error(request, _("Each weight must be a number from 0 to 100."))
    return redirect("planning:need-list", agency=request.agency.slug, pk=campaign.pk)


@role_required(*READERS)
def need_list(request, agency, pk):
    campaign = _campaign(request, pk)
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    needs = queries.prioritised_needs(campaign, status, query)
    if wants_xlsx(request):
        headers = [
            _("Rank"),
            _("Competency"),
            _("Group"),
            _("ASN affected"),
            _("Average gap"),
            _("Questionnaire mean"),
            _("Interview mentions"),
            _("Priority score"),
            _("Status"),
        ]
        rows = (
            (
                rank,
                n.competency.name,
                n.group_label,
                n.affected_count,
                n.avg_gap,
                n.survey_mean,
                n.interview_mentions,
                n.score,
                n.get_status_display(),
            )
            for rank, n in enumerate(needs.iterator(chunk_size=2000), start=1)
        )
        return xlsx_response("kebutuhan-pengembangan", headers, rows, title=_("Needs"))
    page = Paginator(needs, 50).get_page(request.GET.get("page"))
    context = {
        "campaign": campaign,
        "page_obj": page,
        "status": status,
        "q": query,
        "statuses": Need.Status.choices,
        "formula": priority.FORMULA,
        "rank_offset": page.start_index() - 1 if page.paginator.count else 0,
    }
    if request.membership.role == "admin":
        context["weights_form"] = WeightsForm(instance=campaign)
    return render(request, "planning/need_list.html", context)


@require_POST
@role_required("admin")
def need_decide(request, agency, pk):
    """Mark the chosen needs accepted or not taken up, or turn them into one programme."""
    campaign = _campaign(request, pk)
    ids = [int(value) for value in request.POST.getlist("need") if value.isdigit()]
    needs = list(
        Need.objects.for_agency(request.agency)
        .filter(campaign=campaign, pk__in=ids)
        .select_related("competency", "unit", "campaign")
    )
    action = request.POST.get("action")
    if not needs:
        messages.error(request, _("Choose at least one need."))
        return redirect("planning:need-list", agency=request.agency.slug, pk=campaign.pk)
    if action == "programme":
        try:
            programme = services.programme_from_needs(needs, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("planning:need-list", agency=request.agency.slug, pk=campaign.pk)
        messages.success(
            request,
            _("Needs accepted and programme “%(title)s” added to the plan.")
            % {"title": programme.title},
        )
        return redirect("planning:programme-detail", agency=request.agency.slug, pk=programme.pk)
    status = Need.Status.ACCEPTED if action == "accept" else Need.Status.REJECTED
    count = services.set_need_status(needs, status, by=request.user)
    messages.success(request, _("%(count)d needs updated.") % {"count": count})
    return redirect("planning:need-list", agency=request.agency.slug, pk=campaign.pk)


def _need(request, pk):
    return get_object_or_404(
        Need.objects.for_agency(request.agency).select_related("campaign", "competency", "unit"),
        pk=pk,
    )


@role_required(*READERS)
def need_detail(request, agency, pk):
    need = _need(request, pk)
    context = {
        "need": need,
        "explanation": queries.explain_need(need),
        "programmes": need.programmes.select_related("plan"),
    }
    if request.membership.role == "admin":
        kind = need.competency.kind
        form_key = paths.FORM_FOR_COMPETENCY_KIND.get(kind, "technical_training")
        context["programme_form"] = NeedProgrammeForm(
            initial={
                "form": form_key,
                "path_code": paths.FORM_PATH[form_key],
                "jp_per_participant": 24,
                "planned_month": 3,
            }
        )
    return render(request, "planning/need_detail.html", context)


@role_required("admin")
def need_programme(request, agency, pk):
    """Accept one need and turn it into a programme of the plan in one step."""
    need = _need(request, pk)
    form = NeedProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_from_needs(
                [need],
                title=data["title"],
                form=data["form"],
                path_code=data["path_code"],
                jp_per_participant=data["jp_per_participant"],
                planned_month=data["planned_month"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Need accepted and programme “%(title)s” added to the plan.")
                % {"title": programme.title},
            )
            return redirect(
                "planning:programme-detail", agency=request.agency.slug, pk=programme.pk
            )
    return render(request, "planning/need_programme.html", {"need": need, "form": form})


@role_required(*READERS)
def interview_list(request, agency, pk):
    campaign = _campaign(request, pk)
    interviews = queries.interviews_visible_to(
        request.agency, request.membership, campaign
    ).prefetch_related("competencies")
    if wants_xlsx(request):
        headers = [
            _("Date"),
            _("Interviewer"),
            _("Employee or group"),
            _("Unit"),
            _("Competencies mentioned"),
            _("Development forms proposed"),
            _("Notes"),
        ]
        rows = (
            (
                i.held_on,
                i.interviewer,
                i.employee.name if i.employee_id else i.group_description,
                i.unit.name if i.unit_id else "",
                ", ".join(c.name for c in i.competencies.all()),
                ", ".join(str(label) for label in i.proposed_form_labels),
                i.notes,
            )
            for i in interviews
        )
        return xlsx_response("wawancara-akpk", headers, rows, title=_("Interviews"))
    page = Paginator(interviews, 50).get_page(request.GET.get("page"))
    can_add = request.membership.role in ("admin", "operator")
    return render(
        request,
        "planning/interview_list.html",
        {"campaign": campaign, "page_obj": page, "can_add": can_add},
    )


def _save_interview_form(request, form, interview):
    within = request.membership.unit if request.membership.role == "operator" else None
    instance = form.save(commit=False)
    instance.agency = request.agency
    try:
        services.save_interview(
            instance, competencies=form.cleaned_data["competencies"], by=request.user, within=within
        )
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True


@role_required("admin", "operator")
def interview_create(request, agency, pk):
    campaign = _campaign(request, pk)
    interview = Interview(
        agency=request.agency, campaign=campaign, interviewer=request.user.display_name
    )
    form = InterviewForm(
        request.POST or None,
        instance=interview,
        agency=request.agency,
        membership=request.membership,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_interview_form(request, form, interview)
    ):
        messages.success(request, _("Interview recorded."))
        return redirect("planning:interview-list", agency=request.agency.slug, pk=campaign.pk)
    return render(request, "planning/interview_form.html", {"form": form, "campaign": campaign})


@role_required("admin", "operator")
def interview_edit(request, agency, pk):
    interview = get_object_or_404(
        Interview.objects.for_agency(request.agency).select_related("campaign", "unit", "employee"),
        pk=pk,
    )
    if not queries.can_edit_interview(request.membership, interview):
        raise Http404
    form = InterviewForm(
        request.POST or None,
        instance=interview,
        agency=request.agency,
        membership=request.membership,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_interview_form(request, form, interview)
    ):
        messages.success(request, _("Interview saved."))
        return redirect(
            "planning:interview-list", agency=request.agency.slug, pk=interview.campaign_id
        )
    return render(
        request,
        "planning/interview_form.html",
        {"form": form, "campaign": interview.campaign, "interview": interview},
    )
