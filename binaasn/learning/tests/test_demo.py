import datetime

from binaasn.learning import demo
from binaasn.learning.models import Certificate, Enrolment, Offering
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning.models import Plan, Programme


def test_demo_seeds_offerings_with_results_once(alpha):
    year = datetime.date.today().year
    plan = Plan.objects.create(agency=alpha.a, year=year, title="Rencana 2026", objectives="-")
    Programme.objects.create(
        agency=alpha.a,
        plan=plan,
        title="Bimtek Pelayanan Prima",
        form="bimtek",
        path_code="KL10",
        participant_count=10,
        jp_per_participant=24,
        planned_month=3,
    )
    EmployeeFactory.create_batch(30, agency=alpha.a, unit=alpha.puskesmas)
    result = demo.seed(alpha.a)
    assert result.startswith("offerings+2")
    first, second = Offering.objects.for_agency(alpha.a).order_by("starts_on")
    assert first.status == "finished" and second.status == "open"
    assert Certificate.objects.for_agency(alpha.a).filter(offering=first).exists()
    assert Enrolment.objects.for_agency(alpha.a).filter(offering=second).exists()
    assert demo.seed(alpha.a) == "offerings+0"
