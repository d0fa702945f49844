"""Answering: an ASN's own invitations, the fill-in page, and the anonymous public link.
Every fill-in page is a plain form that works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from binaasn.core.permissions import ALL_ROLES, role_required
from binaasn.people.queries import employee_for_user

from .. import queries, services
from ..forms import answers_from_post, question_blocks
from ..models import Invitation, Questionnaire, Response


@role_required(*ALL_ROLES)
def my_questionnaires(request, agency):
    """The questionnaires an ASN is asked to fill in, the unanswered ones first."""
    employee = employee_for_user(request.agency, request.user)
    invitations = list(queries.invitations_for_employee(employee)) if employee else []
    pending, done = [], []
    for invitation in invitations:
        invitation.accepting = invitation.questionnaire.accepts_responses()
        if invitation.responded_at is None and invitation.accepting:
            pending.append(invitation)
        else:
            done.append(invitation)
    return render(
        request,
        "surveys/my_questionnaires.html",
        {"employee": employee, "pending": pending, "done": done},
    )


def _fill_in(request, questionnaire, submit_target, values, template, context):
    """Show the questions, or on POST store the answers; returns (response, page)."""
    questions = services.ordered_questions(questionnaire)
    closed_reason = ""
    try:
        services.check_accepts_responses(questionnaire)
    except ValidationError as error:
        closed_reason = " ".join(error.messages)
    errors = {}
    if request.method == "POST" and not closed_reason:
        values = answers_from_post(questions, request.POST)
        try:
            response = services.submit_response(submit_target, values, by=request.user)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {key: " ".join(messages) for key, messages in error.message_dict.items()}
            else:
                closed_reason = " ".join(error.messages)
        else:
            return response, None
    context.update(
        {
            "questionnaire": questionnaire,
            "blocks": question_blocks(questions, values, errors),
            "errors": errors,
            "closed_reason": closed_reason,
        }
    )
    return None, render(request, template, context)


@role_required(*ALL_ROLES)
def respond(request, agency, pk):
    """An invited ASN fills in (or changes) their response until the close date."""
    employee = employee_for_user(request.agency, request.user)
    if employee is None:
        raise Http404
    invitation = get_object_or_404(
        Invitation.objects.for_agency(request.agency).select_related("questionnaire", "subject"),
        pk=pk,
        employee=employee,
    )
    questionnaire = invitation.questionnaire
    if questionnaire.is_draft or questionnaire.is_template:
        raise Http404
    existing = Response.objects.filter(invitation=invitation).first()
    values = services.answers_of(existing) if existing else {}
    response, page = _fill_in(
        request,
        questionnaire,
        invitation,
        values,
        "surveys/respond.html",
        {"invitation": invitation, "existing": existing},
    )
    if page is not None:
        return page
    messages.success(
        request,
        _("Thank you, your answers are saved. You can change them until the close date."),
    )
    return redirect("surveys:my-questionnaires", agency=request.agency.slug)


def _linked_questionnaire(request, code):
    return get_object_or_404(
        Questionnaire.objects.for_agency(request.agency).filter(is_template=False),
        link_code=code,
    )


def link_respond(request, public_agency, code):
    """The anonymous public link: no login, no personal data asked or shown."""
    questionnaire = _linked_questionnaire(request, code)
    response, page = _fill_in(
        request, questionnaire, questionnaire, {}, "surveys/public_respond.html", {"code": code}
    )
    if page is not None:
        return page
    return redirect("surveys_public:link-thanks", public_agency=request.agency.slug, code=code)


def link_thanks(request, public_agency, code):
    questionnaire = _linked_questionnaire(request, code)
    return render(
        request, "surveys/public_thanks.html", {"questionnaire": questionnaire, "code": code}
    )
