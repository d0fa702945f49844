"""Reads of master data shared by several pages."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import CorrectionRequest, Employee, OrgUnit


def employee_for_user(agency, user):
    return (
        Employee.objects.for_agency(agency)
        .select_related("unit", "position")
        .filter(user=user)
        .first()
    )


def home_panel(agency, membership, user):
    """What the home page shows for a role: counts for staff, one's own record for ASN."""
    panel = {"stats": [], "links": [], "employee": employee_for_user(agency, user)}
    slug = agency.slug
    if membership.role in ("admin", "operator", "leader"):
        employees = Employee.objects.for_agency(agency).active().visible_to(membership)
        panel["stats"].append(
            {
                "label": _("Active employees"),
                "value": employees.count(),
                "url": reverse("people:employee-list", kwargs={"agency": slug}),
            }
        )
        units = OrgUnit.objects.for_agency(agency).filter(is_active=True)
        if membership.role == "operator" and membership.unit_id:
            units = units.subtree(membership.unit)
        panel["stats"].append(
            {
                "label": _("Org units"),
                "value": units.count(),
                "url": reverse("people:unit-list", kwargs={"agency": slug}),
            }
        )
    if membership.role == "admin":
        panel["stats"].append(
            {
                "label": _("Pending correction requests"),
                "value": CorrectionRequest.objects.for_agency(agency)
                .filter(status=CorrectionRequest.Status.PENDING)
                .count(),
                "url": reverse("people:correction-list", kwargs={"agency": slug}),
            }
        )
        panel["links"].append(
            {
                "label": _("Import employees"),
                "url": reverse("people:import-start", kwargs={"agency": slug}),
            }
        )
    return panel
