"""Nomination, approval, quota and waitlist, warnings, cancellation (services)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from binaasn.core.models import Notification
from binaasn.learning import jp
from binaasn.learning.models import Enrolment, Offering
from binaasn.learning.services import enrolment as services
from binaasn.learning.services import ledger
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory, SessionFactory
from binaasn.people.tests.factories import EmployeeFactory


def test_operator_nomination_without_a_supervisor_login_takes_a_place(alpha, offering):
    enrolment = services.nominate(offering, alpha.outsider, by=alpha.operator)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.source == Enrolment.Source.OPERATOR


def test_operator_nomination_waits_for_the_supervisor_who_is_told(
    alpha, offering, supervisor_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.nominate(offering, alpha.employee, by=alpha.operator)
    assert enrolment.status == Enrolment.Status.PENDING
    note = Notification.objects.for_agency(alpha.a).get(user=supervisor_user)
    assert "Siti Aminah" in note.title
    assert mail.outbox and mail.outbox[0].to == ["budi@example.test"]


def test_supervisor_approval_places_the_nominee_and_invites_them(alpha, offering, supervisor_user):
    enrolment = services.nominate(offering, alpha.employee, by=alpha.operator)
    services.approve(enrolment, by=supervisor_user)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED and enrolment.decided_by == supervisor_user
    assert (
        Notification.objects.for_agency(alpha.a)
        .filter(user=alpha.employee_user, kind="learning.invitation")
        .exists()
    )


def test_only_the_supervisor_or_staff_over_the_unit_may_decide(alpha, offering, supervisor_user):
    enrolment = services.nominate(offering, alpha.employee, by=alpha.operator)
    operator_membership = alpha.operator.memberships.get()
    trainer_membership = alpha.trainer.memberships.get()
    assert services.can_decide(enrolment, supervisor_user, None)
    assert services.can_decide(enrolment, alpha.operator, operator_membership)
    assert not services.can_decide(enrolment, alpha.trainer, trainer_membership)


def test_self_registration_needs_an_open_registration_window(alpha, offering, supervisor_user):
    offering.registration_closes_on = datetime.date(2000, 1, 1)
    offering.save()
    with pytest.raises(ValidationError, match="not open"):
        services.register_self(offering, alpha.employee, by=alpha.employee_user)


def test_self_registration_waits_for_the_supervisor(alpha, offering, supervisor_user):
    enrolment = services.register_self(offering, alpha.employee, by=alpha.employee_user)
    assert (
        enrolment.status == Enrolment.Status.PENDING and enrolment.source == Enrolment.Source.SELF
    )


def test_supervisor_nomination_is_approved_by_the_act(alpha, offering, supervisor_user):
    enrolment = services.nominate(offering, alpha.employee, by=supervisor_user, as_supervisor=True)
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_someone_else_cannot_nominate_as_supervisor(alpha, offering):
    with pytest.raises(ValidationError, match="Only the supervisor"):
        services.nominate(offering, alpha.employee, by=alpha.operator, as_supervisor=True)


def test_enrolling_an_inactive_asn_is_refused_with_the_reason(alpha, offering):
    alpha.outsider.is_active = False
    alpha.outsider.inactive_reason = "pensiun"
    alpha.outsider.save()
    with pytest.raises(ValidationError) as error:
        services.nominate(offering, alpha.outsider, by=alpha.operator)
    assert "Andi Luar" in error.value.messages[0] and "Retired" in error.value.messages[0]
    assert not Enrolment.objects.for_agency(alpha.a).exists()


def test_the_same_asn_cannot_be_listed_twice(alpha, offering):
    services.nominate(offering, alpha.outsider, by=alpha.operator)
    with pytest.raises(ValidationError, match="already on the list"):
        services.nominate(offering, alpha.outsider, by=alpha.operator)


def test_beyond_the_quota_nominees_are_waitlisted_in_order(alpha, offering, make_employees):
    people = make_employees(4)
    statuses = [services.nominate(offering, person, by=alpha.operator).status for person in people]
    assert statuses == ["enrolled", "enrolled", "waitlisted", "waitlisted"]


def test_cancelling_a_place_moves_the_first_on_the_waitlist_up(alpha, offering, make_employees):
    first, second, third, fourth = make_employees(4)
    places = [
        services.nominate(offering, p, by=alpha.operator) for p in (first, second, third, fourth)
    ]
    promoted = services.cancel(places[0], by=alpha.operator, reason="Sakit")
    assert [e.employee for e in promoted] == [third]
    statuses = dict(Enrolment.objects.for_agency(alpha.a).values_list("employee_id", "status"))
    assert statuses == {
        first.pk: "cancelled",
        second.pk: "enrolled",
        third.pk: "enrolled",
        fourth.pk: "waitlisted",
    }
    assert (
        Notification.objects.for_agency(alpha.a).filter(kind="learning.promoted").count() == 0
    )  # no logins
    assert services.seats_left(offering) == 0


def test_cancelling_a_waitlisted_place_promotes_nobody(alpha, offering, make_employees):
    people = make_employees(3)
    places = [services.nominate(offering, p, by=alpha.operator) for p in people]
    assert services.cancel(places[2], by=alpha.operator) == []


def test_a_larger_quota_moves_the_waitlist_up(alpha, offering, make_employees):
    from binaasn.learning.services import offerings

    people = make_employees(3)
    for person in people:
        services.nominate(offering, person, by=alpha.operator)
    offering.quota = 3
    offerings.update_offering(offering, by=alpha.admin, changed_fields=["quota"])
    assert Enrolment.objects.for_agency(alpha.a).filter(status="enrolled").count() == 3


def test_overlapping_session_is_a_warning_not_a_refusal(alpha, offering):
    other = OfferingFactory(
        agency=alpha.a,
        title="Workshop SIASN",
        starts_on=offering.starts_on,
        ends_on=offering.starts_on,
    )
    SessionFactory(
        offering=other,
        held_on=offering.starts_on,
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
    )
    EnrolmentFactory(offering=other, employee=alpha.outsider)
    SessionFactory(
        offering=offering,
        held_on=offering.starts_on,
        starts_at=datetime.time(10),
        ends_at=datetime.time(12),
    )
    enrolment = services.nominate(offering, alpha.outsider, by=alpha.operator)
    assert enrolment.status == "enrolled"
    assert any("Workshop SIASN" in w for w in enrolment.warnings)


def test_pppk_beyond_the_ceiling_warns_the_operator(alpha, offering):
    pppk = EmployeeFactory(agency=alpha.a, status="PPPK", golongan="IX", unit=alpha.puskesmas)
    ledger.credit(
        pppk,
        source="external",
        source_pk=1,
        path_code="KL03",
        name="Diklat",
        organiser="X",
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 1, 6),
        credit=jp.Credit(20, "certificate"),
    )
    enrolment = services.nominate(offering, pppk, by=alpha.operator)
    assert any("24 JP" in w for w in enrolment.warnings)


def test_nobody_joins_a_finished_or_cancelled_offering(alpha, offering):
    offering.status = Offering.Status.CANCELLED
    offering.save()
    with pytest.raises(ValidationError, match="cancelled"):
        services.nominate(offering, alpha.outsider, by=alpha.operator)


def test_a_rejected_request_can_be_made_again(alpha, offering, supervisor_user):
    enrolment = services.register_self(offering, alpha.employee, by=alpha.employee_user)
    services.reject(enrolment, by=supervisor_user, note="Beban kerja")
    again = services.register_self(offering, alpha.employee, by=alpha.employee_user)
    assert again.pk == enrolment.pk and again.status == "pending"
