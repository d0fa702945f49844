"""Pages of the reaction (L1) and behaviour (L3) questionnaires: settings, one offering's
evaluation with its send and remind buttons, and the speakers' results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from binaasn.core.exports import wants_xlsx, xlsx_response
from binaasn.core.permissions import role_required
from binaasn.learning import access
from binaasn.learning.models import Offering

from .. import feedback
from ..forms.feedback import SettingsForm, YearForm
from ..models import OfferingEvaluation
from ..services import feedback as services

PENDING_SHOWN = 200


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _flash_error(request, error):
    for message in error.messages:
        messages.error(request, message)


def _to_offering(agency, pk):
    return redirect("evaluation:offering-feedback", agency=agency, pk=pk)


@role_required("admin")
def settings_page(request, agency):
    settings = services.get_settings(request.agency)
    if request.method == "POST" and request.POST.get("action") == "standard":
        services.ensure_standard_templates(request.agency, by=request.user)
        messages.success(request, _("The standard templates are ready."))
        return redirect("evaluation:settings", agency=agency)
    form = SettingsForm(request.POST or None, instance=settings, agency=request.agency)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            settings.refresh_from_db()
            services.update_settings(settings, by=request.user, **changes)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Evaluation settings saved."))
            return redirect("evaluation:settings", agency=agency)
    return render(
        request,
        "evaluation/settings_form.html",
        {
            "form": form,
            "settings": settings,
            "reaction_template": settings.reaction_template,
            "behaviour_template": settings.behaviour_template,
        },
    )


def _questionnaire_status(questionnaire, today):
    if questionnaire is None:
        return None
    return {
        "questionnaire": questionnaire,
        "takes_answers": questionnaire.accepts_responses(today),
    }


@role_required("admin", "operator", "leader")
def offering_feedback(request, agency, pk):
    offering = access.offering_or_404(request, pk)
    membership = request.membership
    can_manage = access.can_manage_offering(membership, offering)
    within = membership.unit if membership.role == "operator" and not can_manage else None
    evaluation = (
        OfferingEvaluation.objects.for_agency(request.agency)
        .filter(offering=offering)
        .select_related("reaction", "behaviour")
        .first()
    )
    reaction_q = evaluation.reaction if evaluation else None
    behaviour_q = evaluation.behaviour if evaluation else None
    today = timezone.localdate()
    pending_reaction = feedback.pending_invitations(reaction_q, within)
    pending_behaviour = feedback.pending_invitations(behaviour_q, within)
    return render(
        request,
        "evaluation/feedback_offering.html",
        {
            "offering": offering,
            "evaluation": evaluation,
            "can_manage": can_manage,
            "is_finished": offering.status == Offering.Status.FINISHED,
            "reaction_status": _questionnaire_status(reaction_q, today),
            "behaviour_status": _questionnaire_status(behaviour_q, today),
            "behaviour_is_due": bool(
                evaluation and evaluation.behaviour_due_on and evaluation.behaviour_due_on <= today
            ),
            "reaction": feedback.reaction_results(request.agency, [offering]),
            "behaviour": feedback.behaviour_results(request.agency, [offering]),
            "coverage": feedback.behaviour_coverage(behaviour_q),
            "pending_reaction": list(pending_reaction[:PENDING_SHOWN]),
            "pending_behaviour": list(pending_behaviour[:PENDING_SHOWN]),
            "pending_shown": PENDING_SHOWN,
        },
    )


@require_POST
@role_required("admin", "operator")
def offering_send_reaction(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    try:
        sent = services.start_offering_evaluation(
            offering, by=request.user, refuse_if_sent=True, base_url=_base_url(request)
        )
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _("Reaction questionnaire sent to %(n)d participants; it takes answers until %(date)s.")
            % {"n": sent.invited, "date": date_format(sent.questionnaire.closes_on, "j F Y")},
        )
    return _to_offering(agency, pk)


def _evaluation_or_message(request, offering):
    evaluation = OfferingEvaluation.objects.for_agency(request.agency).filter(offering=offering)
    evaluation = evaluation.first()
    if evaluation is None:
        messages.error(
            request,
            _(
                "This offering has no evaluation yet: it starts when the offering finishes, "
                "with the reaction questionnaire."
            ),
        )
    return evaluation


@require_POST
@role_required("admin", "operator")
def offering_send_behaviour(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    evaluation = _evaluation_or_message(request, offering)
    if evaluation is None:
        return _to_offering(agency, pk)
    try:
        sent = services.send_behaviour_questionnaire(
            evaluation, by=request.user, base_url=_base_url(request)
        )
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            _("Behaviour questionnaire sent: %(n)d invitations; it takes answers until %(date)s.")
            % {"n": sent.invited, "date": date_format(sent.questionnaire.closes_on, "j F Y")},
        )
        if sent.without_supervisor:
            messages.warning(
                request,
                ngettext(
                    "%(n)d participant has no supervisor in the org chart and was asked alone.",
                    "%(n)d participants have no supervisor in the org chart and were asked alone.",
                    sent.without_supervisor,
                )
                % {"n": sent.without_supervisor},
            )
    return _to_offering(agency, pk)


@require_POST
@role_required("admin", "operator")
def offering_remind(request, agency, pk):
    offering = access.managed_offering_or_404(request, pk)
    evaluation = _evaluation_or_message(request, offering)
    if evaluation is None:
        return _to_offering(agency, pk)
    try:
        reminded = services.remind_offering(
            evaluation, by=request.user, base_url=_base_url(request)
        )
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request,
            ngettext("%(n)d reminder sent.", "%(n)d reminders sent.", reminded) % {"n": reminded},
        )
    return _to_offering(agency, pk)


@role_required("admin", "operator", "leader")
def speaker_results(request, agency):
    form = YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    offerings = None
    if request.membership.role == "operator":
        offerings = Offering.objects.for_agency(request.agency).visible_to(request.membership)
    scores = feedback.speaker_scores(request.agency, year=year, offerings=offerings)
    if wants_xlsx(request):
        headers = [_("Name"), _("Role"), _("Average (1–5)"), _("Ratings"), _("Offerings")]
        rows = ([s.name, s.kind_label, s.mean, s.answers, s.offerings] for s in scores)
        suffix = f"-{year}" if year else ""
        return xlsx_response(f"narasumber{suffix}", headers, rows, title=_("Speakers"))
    return render(
        request,
        "evaluation/speaker_results.html",
        {"form": form, "year": year, "scores": scores},
    )


urlpatterns = [
    path("pengaturan/", settings_page, name="settings"),
    path("angkatan/<int:pk>/", offering_feedback, name="offering-feedback"),
    path("angkatan/<int:pk>/kirim-reaksi/", offering_send_reaction, name="offering-send-reaction"),
    path("angkatan/<int:pk>/kirim-pasca/", offering_send_behaviour, name="offering-send-behaviour"),
    path("angkatan/<int:pk>/ingatkan/", offering_remind, name="offering-remind"),
    path("narasumber/", speaker_results, name="speaker-results"),
]
