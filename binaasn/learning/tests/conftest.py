import datetime

import pytest
from django.utils import translation
from django_scopes import scope

from binaasn.core.tests.factories import MembershipFactory, UserFactory
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory, SessionFactory
from binaasn.people.tests.factories import EmployeeFactory


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings, whatever the Indonesian catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def alpha(cast):
    """The cast, with agency A's scope active (services query through scoped managers)."""
    with scope(agency=cast.a):
        yield cast


@pytest.fixture
def supervisor_user(cast):
    """Give Siti's supervisor (Budi) a login in agency A so approvals can be tested."""
    user = UserFactory(
        username="197501022000031001", full_name="Budi Kepala", email="budi@example.test"
    )
    MembershipFactory(user=user, agency=cast.a, role="employee")
    cast.supervisor.user = user
    cast.supervisor.save()
    return user


@pytest.fixture
def offering(alpha):
    return OfferingFactory(agency=alpha.a, unit=alpha.dinkes, quota=2, created_by=alpha.operator)


@pytest.fixture
def make_employees(alpha):
    def _make(n, **kwargs):
        kwargs.setdefault("unit", alpha.puskesmas)
        return [EmployeeFactory(agency=alpha.a, **kwargs) for _ in range(n)]

    return _make


@pytest.fixture
def running_offering(alpha):
    """A finished-able offering with three 4-hour sessions and Siti enrolled."""
    offering = OfferingFactory(
        agency=alpha.a,
        unit=alpha.dinkes,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 4),
        jp=None,
        min_post_test=70,
        path_code="KL03",
    )
    offering.trainers.add(alpha.trainer)
    sessions = [
        SessionFactory(
            offering=offering,
            held_on=offering.starts_on + datetime.timedelta(days=i),
            trainer=alpha.trainer,
        )
        for i in range(3)
    ]
    enrolment = EnrolmentFactory(offering=offering, employee=alpha.employee)
    return offering, sessions, enrolment
