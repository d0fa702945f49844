"""What every questionnaire page needs: fetching within the agency and the role's reach."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from .. import queries


def visible_questionnaire(request, pk):
    """The questionnaire if the member may see it; another agency's or unit's is a 404."""
    return get_object_or_404(
        queries.questionnaires_visible_to(request.agency, request.membership).select_related(
            "owner_unit"
        ),
        pk=pk,
    )


def managed_questionnaire(request, pk):
    """The questionnaire if the member may change it (admins; operators of its unit)."""
    questionnaire = visible_questionnaire(request, pk)
    if not queries.can_manage(request.membership, questionnaire):
        raise PermissionDenied
    return questionnaire


def within_for(request):
    """Operators act inside their unit subtree; admins everywhere."""
    membership = request.membership
    return membership.unit if membership.role == "operator" else None


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def attach_errors(form, error):
    """Put a service's ValidationError on the form: on the field it names, else on top."""
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def show_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


def to_detail(request, questionnaire, anchor=""):
    response = redirect(
        "surveys:questionnaire-detail", agency=request.agency.slug, pk=questionnaire.pk
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response
