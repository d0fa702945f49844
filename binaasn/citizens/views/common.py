"""Helpers shared by the staff pages of public participation."""

from ..models import ServiceUnit


def visible_units(request):
    """The service units the member may work with (operators: their org unit subtree)."""
    return (
        ServiceUnit.objects.for_agency(request.agency)
        .visible_to(request.membership)
        .select_related("org_unit")
        .order_by("name")
    )


def can_manage(membership):
    return membership.role in ("admin", "operator")


def attach_errors(form, error):
    """Put a service's ValidationError on the form fields it names (else on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error)
