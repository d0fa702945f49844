"""Attendance: the trainer's list and QR check-in within the session window (clock frozen)."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from binaasn.learning.models import Attendance
from binaasn.learning.services import attendance as services
from binaasn.learning.tests.factories import EnrolmentFactory

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


def test_trainer_list_marks_present_and_absent(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    other = EnrolmentFactory(offering=offering, employee=alpha.outsider)
    present, total = services.record_attendance(sessions[0], {enrolment.pk}, by=alpha.trainer)
    assert (present, total) == (1, 2)
    marks = dict(Attendance.objects.for_agency(alpha.a).values_list("enrolment_id", "is_present"))
    assert marks == {enrolment.pk: True, other.pk: False}


def test_participant_checks_in_with_the_current_code(alpha, running_offering):
    offering, sessions, enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9, 30), tick=False):
        code = services.current_code(sessions[0])
        session = services.session_for_code(alpha.a, code)
        attendance = services.check_in(session, alpha.employee, by=alpha.employee_user)
    assert attendance.method == "qr" and attendance.is_present


def test_check_in_opens_fifteen_minutes_before_the_start(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 7, 45), tick=False):
        services.check_in(sessions[0], alpha.employee, by=alpha.employee_user)
    with time_machine.travel(at(sessions[1].held_on, 7, 44), tick=False):
        with pytest.raises(ValidationError, match="only during the session"):
            services.check_in(sessions[1], alpha.employee, by=alpha.employee_user)


def test_check_in_after_the_session_is_refused(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 12, 1), tick=False):
        with pytest.raises(ValidationError) as error:
            services.check_in(sessions[0], alpha.employee, by=alpha.employee_user)
    assert error.value.code == "outside_window"
    assert not Attendance.objects.for_agency(alpha.a).exists()


def test_a_code_from_two_minutes_ago_is_refused_as_expired(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9, 0), tick=False):
        code = services.current_code(sessions[0])
    with time_machine.travel(at(sessions[0].held_on, 9, 2), tick=False):
        with pytest.raises(ValidationError, match="expired") as error:
            services.session_for_code(alpha.a, code)
    assert error.value.code == "expired"


def test_a_code_still_works_just_after_it_rotated(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9, 0), tick=False):
        code = services.current_code(sessions[0])
    with time_machine.travel(
        at(sessions[0].held_on, 9, 1) + datetime.timedelta(seconds=30), tick=False
    ):
        assert services.session_for_code(alpha.a, code) == sessions[0]


def test_a_participant_checks_in_only_once(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9), tick=False):
        services.check_in(sessions[0], alpha.employee, by=alpha.employee_user)
        with pytest.raises(
            ValidationError, match="already checked in to this session at 09:00"
        ) as error:
            services.check_in(sessions[0], alpha.employee, by=alpha.employee_user)
    assert error.value.code == "already"
    assert Attendance.objects.for_agency(alpha.a).count() == 1


def test_only_an_enrolled_participant_can_check_in(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9), tick=False):
        with pytest.raises(ValidationError, match="not enrolled"):
            services.check_in(sessions[0], alpha.outsider, by=alpha.admin)


def test_another_agencys_code_names_no_session_here(alpha, running_offering, cast):
    _offering, sessions, _enrolment = running_offering
    with time_machine.travel(at(sessions[0].held_on, 9), tick=False):
        code = services.current_code(sessions[0])
    from django_scopes import scope

    with scope(agency=cast.b), time_machine.travel(at(sessions[0].held_on, 9), tick=False):
        with pytest.raises(ValidationError, match="not a valid check-in code"):
            services.session_for_code(cast.b, code)


def test_confirmation_token_belongs_to_the_scanner(alpha, running_offering):
    _offering, sessions, _enrolment = running_offering
    token = services.confirmation_token(sessions[0], alpha.employee_user)
    assert services.read_confirmation(token, alpha.employee_user) == sessions[0].pk
    with pytest.raises(ValidationError):
        services.read_confirmation(token, alpha.admin)
