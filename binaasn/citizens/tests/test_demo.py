"""The public-participation demo on a real demo agency (people step first)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from binaasn.citizens import demo, queries
from binaasn.citizens.models import Complaint, Forum, ServiceUnit, SkmResponse
from binaasn.core.demo import DEMO_AGENCIES, DemoContext, ensure_agency
from binaasn.people.demo import seed_people


@pytest.fixture
def kecamatan_and_kabupaten(db):
    agencies = []
    with scopes_disabled():
        for spec in DEMO_AGENCIES:
            if spec.slug in ("gorontalo", "candisari"):
                ctx = DemoContext(agency=ensure_agency(spec))
                seed_people(ctx)
                agencies.append(ctx.agency)
    return agencies


def test_demo_gives_each_agency_a_disdukcapil_a_year_of_answers_and_a_unit_scoring_c(
    kecamatan_and_kabupaten, client
):
    today = timezone.localdate()
    for agency in kecamatan_and_kabupaten:
        with scopes_disabled():
            result = demo.seed(agency)
            again = demo.seed(agency)
        assert result.answers > 0 and result.complaints == 9 and result.forums == 2
        assert (again.units, again.answers, again.complaints, again.forums) == (
            0,
            0,
            0,
            0,
        )  # idempotent
        with scope(agency=agency):
            units = list(ServiceUnit.objects.for_agency(agency))
            assert "DISDUKCAPIL" in {u.public_code for u in units}
            answers = SkmResponse.objects.for_agency(agency)
            first, last = (
                answers.order_by("answered_on").first(),
                answers.order_by("-answered_on").first(),
            )
            assert (today - first.answered_on).days <= 365 and last.answered_on < today
            letters = {
                r.mutu
                for _u, r in queries.ikm_by_unit(agency, first.answered_on, last.answered_on)
                if r
            }
            assert "C" in letters and len(letters) >= 2
            statuses = set(Complaint.objects.for_agency(agency).values_list("status", flat=True))
            assert statuses == set(Complaint.Status.values)
            assert Forum.objects.for_agency(agency).count() == 2
        page = client.get(
            reverse(
                "citizens_public:skm", kwargs={"public_agency": agency.slug, "code": "DISDUKCAPIL"}
            )
        )
        assert page.status_code == 200
