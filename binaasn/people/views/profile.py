"""Self-service: an ASN sees their own record and career history and asks for corrections."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from binaasn.core.permissions import ALL_ROLES, role_required

from .. import services
from ..forms import CorrectionRequestForm, attach_errors
from ..models import Employee
from .corrections import with_field_labels
from .employees import career_history, unit_trail


def own_employee(request):
    """The employee record linked to the logged-in user in this agency, or None."""
    return (
        Employee.objects.for_agency(request.agency)
        .select_related("unit", "position", "supervisor")
        .filter(user=request.user)
        .first()
    )


@role_required(*ALL_ROLES)
def my_profile(request, agency):
    employee = own_employee(request)
    context = {"employee": employee}
    if employee is not None:
        context.update(
            unit_trail=unit_trail(employee.unit),
            career=career_history(employee),
            corrections=with_field_labels(employee.corrections.order_by("-requested_at")),
        )
    return render(request, "people/my_profile.html", context)


@role_required(*ALL_ROLES)
def correction_create(request, agency):
    employee = own_employee(request)
    if employee is None:
        raise Http404
    form = CorrectionRequestForm(
        request.POST or None,
        request.FILES or None,
        employee=employee,
        initial={"field": request.GET.get("field", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_correction(
                employee,
                field=data["field"],
                new_value=data["new_value"],
                reason=data["reason"],
                evidence=data["evidence"],
                by=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, _("Your request was sent. The agency admin will check it and decide.")
            )
            return redirect("people:my-profile", agency=request.agency.slug)
    return render(request, "people/correction_form.html", {"form": form, "employee": employee})
