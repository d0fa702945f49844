"""Level 2 results read from the scores delivery recorded."""

from decimal import Decimal

from binaasn.evaluation.learning_results import learning_results, learning_scores_by_programme
from binaasn.planning.tests.factories import make_plan, make_programme

from .factories_reports import finished_offering, scored

D = Decimal


def test_an_offering_shows_gain_normalised_gain_and_pass_rate_of_its_participants(alpha):
    offering = finished_offering(alpha.a)
    scored(offering, alpha.puskesmas, "40", "70")
    scored(offering, alpha.puskesmas, "80", "90")
    scored(offering, alpha.puskesmas, "100", "100")
    scored(offering, alpha.puskesmas, None, "60")
    scored(offering, alpha.puskesmas, "50", "90", status="cancelled")
    results = learning_results(alpha.a, [offering])
    summary = results.by_offering[offering.pk]
    assert (summary.participants, summary.pairs, summary.at_ceiling) == (4, 3, 1)
    # gains 30, 10, 0 → 13.33; g 0.5 and 0.5 (pre 100 left out) → 0.50
    assert summary.average_gain == D("13.33")
    assert summary.normalised_gain == D("0.50")
    # post-tests 70, 90, 100, 60 against 70 → 3 of 4
    assert summary.pass_rate == D("75.0")
    assert results.overall.normalised_gain == summary.normalised_gain


def test_pooled_offerings_keep_each_offerings_threshold(alpha):
    strict = finished_offering(alpha.a, min_post_test=D("85"))
    lenient = finished_offering(alpha.a, min_post_test=D("60"))
    scored(strict, alpha.puskesmas, "40", "80")
    scored(lenient, alpha.puskesmas, "40", "80")
    results = learning_results(alpha.a, [strict, lenient])
    assert results.by_offering[strict.pk].pass_rate == D("0.0")
    assert results.by_offering[lenient.pk].pass_rate == D("100.0")
    assert results.overall.pass_rate == D("50.0")
    assert results.pooled([strict.pk]).passed == 0


def test_scores_by_programme_come_from_one_query(alpha, django_assert_num_queries):
    plan = make_plan(alpha.a)
    first = make_programme(plan, title="Pelayanan Prima")
    second = make_programme(plan, title="Arsip Digital")
    for programme, post in ((first, "70"), (second, "55")):
        offering = finished_offering(alpha.a, programme=programme)
        scored(offering, alpha.puskesmas, "40", post)
    running = finished_offering(alpha.a, programme=second, status="open")
    scored(running, alpha.puskesmas, "0", "100")
    with django_assert_num_queries(1):
        results = learning_scores_by_programme(alpha.a, [first.pk, second.pk])
    assert results[first.pk].normalised_gain == D("0.50")
    assert results[second.pk].normalised_gain == D("0.25")
    assert results[second.pk].pairs == 1
