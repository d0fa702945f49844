"""Reaction (L1) figures per offering on the evaluation index and in the version table."""

from decimal import Decimal

from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.evaluation.reports import programme_offerings, programme_report
from binaasn.evaluation.reports.feedback_figures import feedback_by_offering
from binaasn.evaluation.services import feedback
from binaasn.planning.models import MaterialVersion
from binaasn.planning.tests.factories import make_plan, make_programme

from .factories_feedback import answer, finished_offering, participants, reaction_answers


def _rated(cast, programme=None, version=None):
    """Two participants invited to the reaction questionnaire, one answered 4 everywhere."""
    first, second = participants(cast.a, cast.puskesmas, 2)
    offering = finished_offering(
        cast.a,
        unit=cast.dinkes,
        participants=[first, second],
        programme=programme,
        material_version=version,
    )
    questionnaire = feedback.start_offering_evaluation(offering).questionnaire
    answer(questionnaire, first, reaction_answers(4))
    return offering


def test_each_offering_gets_its_response_rate_and_mean_in_three_queries(
    alpha, django_assert_max_num_queries
):
    offering = _rated(alpha)
    with django_assert_max_num_queries(3):
        figures = feedback_by_offering(alpha.a, [offering.pk])
    reaction = figures[offering.pk].reaction
    assert reaction.response_rate == Decimal("50.0")
    assert reaction.mean == Decimal("4.00")
    assert str(figures[offering.pk].behaviour_status).startswith("Due")


def test_the_version_table_shows_the_reaction_mean_of_each_version(alpha):
    programme = make_programme(make_plan(alpha.a, year=2025))
    version = MaterialVersion.objects.create(
        agency=alpha.a, programme=programme, number=3, status="published"
    )
    _rated(alpha, programme=programme, version=version)
    offerings = programme_offerings(alpha.a, programme)
    report = programme_report(alpha.a, programme, offerings)
    (row,) = report.versions
    assert row.label == "Version 3"
    assert row.reaction_mean == Decimal("4.00")
    assert report.reaction.answered == 1


def test_index_shows_the_reaction_figures(cast, login):
    with scopes_disabled():
        _rated(cast)
    page = login(cast.admin).get(reverse("evaluation:index", kwargs={"agency": "alpha"}))
    text = page.content.decode()
    assert "50.0%" in text
    assert "4.00" in text
