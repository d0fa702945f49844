"""Who may do what with training objects, beyond the role declared on the view. An object the
member may not see is a 404 (it does not exist for them)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from binaasn.people.models import Employee
from binaasn.people.queries import employee_for_user

from .models import Enrolment, Offering, Session


def me(request):
    """The ASN record of the logged-in user in this agency (None when there is none)."""
    if not hasattr(request, "_learning_employee"):
        request._learning_employee = employee_for_user(request.agency, request.user)
    return request._learning_employee


def in_unit(membership, unit):
    return bool(
        membership.unit_id and unit is not None and unit.path.startswith(membership.unit.path)
    )


def can_manage_offering(membership, offering):
    """Admins manage every offering; operators those organised by their unit subtree."""
    if membership.role == "admin":
        return True
    return membership.role == "operator" and in_unit(membership, offering.unit)


def teaches(user, offering):
    return (
        offering.trainers.filter(pk=user.pk).exists()
        or offering.sessions.filter(trainer=user).exists()
    )


def can_run_offering(membership, user, offering):
    """Attendance and scores: the managers and the offering's trainers."""
    return can_manage_offering(membership, offering) or (
        membership.role == "trainer" and teaches(user, offering)
    )


def offering_or_404(request, pk):
    queryset = Offering.objects.for_agency(request.agency).visible_to(request.membership)
    return get_object_or_404(
        queryset.select_related("unit", "programme__plan", "material_version"), pk=pk
    )


def managed_offering_or_404(request, pk):
    offering = offering_or_404(request, pk)
    if not can_manage_offering(request.membership, offering):
        raise Http404
    return offering


def run_offering_or_404(request, pk):
    offering = offering_or_404(request, pk)
    if not can_run_offering(request.membership, request.user, offering):
        raise Http404
    return offering


def run_session_or_404(request, pk):
    session = get_object_or_404(
        Session.objects.for_agency(request.agency).select_related("offering", "offering__unit"),
        pk=pk,
    )
    if not can_run_offering(request.membership, request.user, session.offering):
        raise Http404
    return session


def employee_visible_or_404(request, pk):
    queryset = Employee.objects.for_agency(request.agency).visible_to(request.membership)
    return get_object_or_404(queryset.select_related("unit"), pk=pk)


def visible_enrolments(request, offering):
    """Participants a member sees: all for managers and trainers; an operator looking at an
    agency-wide offering sees the participants of their own unit subtree."""
    enrolments = Enrolment.objects.for_agency(request.agency).filter(offering=offering)
    membership = request.membership
    if can_run_offering(membership, request.user, offering) or membership.role in (
        "admin",
        "leader",
    ):
        return enrolments
    if membership.role == "operator" and membership.unit_id:
        return enrolments.filter(employee__unit__path__startswith=membership.unit.path)
    return enrolments.none()


def is_staff(membership):
    return membership.role in ("admin", "operator")
