"""Targeting: who is invited, inviting more, reminders, withdrawing an invitation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from binaasn.core.permissions import role_required

from .. import queries, services
from ..forms import InviteForm
from ..models import Invitation
from .common import attach_errors, base_url, managed_questionnaire, show_errors, within_for

MANAGERS = ("admin", "operator")


def _to_targeting(request, questionnaire):
    return redirect("surveys:targeting", agency=request.agency.slug, pk=questionnaire.pk)


@role_required(*MANAGERS)
def targeting(request, agency, pk):
    """The invitations of a questionnaire, the response rate per unit, and the invite form."""
    questionnaire = managed_questionnaire(request, pk)
    form = InviteForm(request.POST or None, agency=request.agency, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        targets = {
            "units": {"units": data["units"]},
            "supervisors": {"supervisors_of": data["units"]},
            "people": {"employees": data.get("employees", [])},
        }[data["target"]]
        try:
            result = services.invite(
                questionnaire,
                by=request.user,
                within=within_for(request),
                base_url=base_url(request),
                **targets,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            count = len(result.created)
            messages.success(
                request,
                ngettext("%(n)d person invited.", "%(n)d people invited.", count) % {"n": count},
            )
            if result.skipped:
                shown = ", ".join(result.skipped[:10]) + (" …" if len(result.skipped) > 10 else "")
                messages.warning(
                    request,
                    _("Already invited, so not invited again: %(names)s.") % {"names": shown},
                )
            return _to_targeting(request, questionnaire)
    invitations = (
        Invitation.objects.for_agency(request.agency)
        .filter(questionnaire=questionnaire)
        .select_related("employee", "subject", "unit")
        .order_by("unit__path", "employee__name", "pk")
    )
    page = Paginator(invitations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/targeting.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "page_obj": page,
            "rates": queries.response_rate_by_unit(questionnaire),
        },
    )


@require_POST
@role_required(*MANAGERS)
def invitation_remind(request, agency, pk):
    questionnaire = managed_questionnaire(request, pk)
    try:
        result = services.send_reminders(questionnaire, by=request.user, base_url=base_url(request))
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("%(reminded)d people who have not answered were reminded (%(emailed)d by e-mail).")
            % {"reminded": result.reminded, "emailed": result.emailed},
        )
    return _to_targeting(request, questionnaire)


@require_POST
@role_required(*MANAGERS)
def invitation_cancel(request, agency, pk, invitation_pk):
    questionnaire = managed_questionnaire(request, pk)
    invitation = get_object_or_404(
        Invitation.objects.for_agency(request.agency).select_related("employee", "subject"),
        pk=invitation_pk,
        questionnaire=questionnaire,
    )
    try:
        services.cancel_invitation(invitation, by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return _to_targeting(request, questionnaire)
