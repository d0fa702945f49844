"""Results of the reaction (L1) and behaviour (L3) questionnaires, on hand-built answers."""

import datetime

import pytest

from binaasn.evaluation import feedback as results
from binaasn.evaluation.services import feedback
from binaasn.planning.tests.factories import make_plan, make_programme

from .factories_feedback import (
    answer,
    behaviour_answers,
    finished_offering,
    make_speaker,
    participants,
    reaction_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(alpha):
    """An offering with a speaker and a trainer: two of three participants answered."""
    speaker = make_speaker(alpha.a)
    first, second, third = participants(alpha.a, alpha.puskesmas, 3)
    offering = finished_offering(
        alpha.a,
        participants=[first, second, third],
        speakers=[speaker],
        trainers=[alpha.trainer],
    )
    questionnaire = feedback.start_offering_evaluation(offering).questionnaire
    s, t = f"speaker-{speaker.pk}", f"trainer-{alpha.trainer.pk}"
    answer(questionnaire, first, reaction_answers(4, {s: 5, t: 3}, 2, 4, most_useful="Praktik"))
    answer(questionnaire, second, reaction_answers(2, {s: 4, t: 2}, 1, 3, suggestions="Lebih lama"))
    return offering


def test_reaction_results_average_each_aspect_and_speaker(alpha, rated):
    outcome = results.reaction_results(alpha.a, [rated])
    assert (outcome.invited, outcome.answered, outcome.response_rate) == (3, 2, 67)
    assert outcome.aspects == {
        "material": 3.0,
        "speakers": 3.5,
        "organisation": 3.0,
        "facilities": 3.0,
    }
    # 8 Likert answers of 4 and of 2, speaker ratings 5, 3, 4, 2: 62 / 20
    assert outcome.overall == 3.1
    assert (outcome.ability_before, outcome.ability_after, outcome.ability_change) == (
        1.5,
        3.5,
        2.0,
    )
    assert outcome.speakers == [("Dr. Rahmawati", 4.5, 2), ("Trainer A", 2.5, 2)]
    assert outcome.most_useful == ["Praktik"] and outcome.suggestions == ["Lebih lama"]


def test_reaction_results_take_a_constant_number_of_queries(
    alpha, rated, django_assert_num_queries
):
    with django_assert_num_queries(6):
        results.reaction_results(alpha.a, [rated])
    more = finished_offering(alpha.a, participants=participants(alpha.a, alpha.dinkes, 4))
    questionnaire = feedback.start_offering_evaluation(more).questionnaire
    for invitation in questionnaire.invitations.all():
        answer(questionnaire, invitation.employee, reaction_answers(5))
    with django_assert_num_queries(6):
        outcome = results.reaction_results(alpha.a, [rated, more])
    assert outcome.answered == 6


def test_behaviour_results_per_relation(alpha):
    lone = participants(alpha.a, alpha.puskesmas, 1)[0]
    offering = finished_offering(alpha.a, participants=[alpha.employee, lone])
    evaluation = feedback.start_offering_evaluation(offering).evaluation
    questionnaire = feedback.send_behaviour_questionnaire(evaluation).questionnaire
    answer(questionnaire, alpha.supervisor, behaviour_answers(5, 5, 5), subject=alpha.employee)
    answer(questionnaire, alpha.employee, behaviour_answers(4, 4, 4, barriers="Beban kerja"))
    answer(questionnaire, lone, behaviour_answers(2, 2, 2))
    outcome = results.behaviour_results(alpha.a, [offering])
    supervisor, own = outcome.relations
    assert (supervisor.relation, supervisor.invited, supervisor.answered) == ("supervisor", 1, 1)
    assert (own.relation, own.invited, own.answered, own.percent) == ("self", 2, 2, 100)
    assert (supervisor.mean, own.mean, outcome.application) == (5.0, 3.0, 3.67)
    frequency = outcome.questions[0]
    assert frequency.code == "application_frequency"
    assert (frequency.mean, frequency.supervisor, frequency.self_rated) == (3.67, 5.0, 3.0)
    assert outcome.barriers == ["Beban kerja"]
    assert results.behaviour_coverage(questionnaire).without_supervisor == 1


def test_scores_by_programme_in_two_queries_whatever_the_offerings(
    alpha, django_assert_num_queries
):
    plan = make_plan(alpha.a)
    first, second, empty = (make_programme(plan, title=t) for t in ("A", "B", "C"))

    def run(programme, level, count=2):
        offering = finished_offering(
            alpha.a, programme=programme, participants=participants(alpha.a, alpha.dinkes, count)
        )
        sent = feedback.start_offering_evaluation(offering)
        for invitation in sent.questionnaire.invitations.all():
            answer(sent.questionnaire, invitation.employee, reaction_answers(level))
        behaviour = feedback.send_behaviour_questionnaire(sent.evaluation).questionnaire
        for invitation in behaviour.invitations.all():
            answer(behaviour, invitation.employee, behaviour_answers(level, level, level))

    run(first, 4)
    run(second, 2)
    ids = [first.pk, second.pk, empty.pk]
    with django_assert_num_queries(2):
        scores = results.reaction_scores_by_programme(alpha.a, ids)
    assert scores == {first.pk: (4.0, 2), second.pk: (2.0, 2)}
    run(first, 5, count=3)
    run(second, 2)
    with django_assert_num_queries(2):
        scores = results.reaction_scores_by_programme(alpha.a, ids)
    assert scores[first.pk] == results.Score(4.6, 5)  # (4*2 + 5*3) answers of 8 questions / 5
    with django_assert_num_queries(2):
        behaviour = results.behaviour_scores_by_programme(alpha.a, ids)
    assert behaviour[second.pk] == results.Score(2.0, 4)


def test_speaker_scores_add_up_over_offerings(alpha, django_assert_num_queries):
    speaker = make_speaker(alpha.a, "Ir. Hasan")
    key = f"speaker-{speaker.pk}"
    for level, ends_on in ((5, datetime.date(2026, 3, 4)), (3, datetime.date(2026, 5, 6))):
        offering = finished_offering(
            alpha.a,
            ends_on=ends_on,
            participants=participants(alpha.a, alpha.dinkes, 1),
            speakers=[speaker],
        )
        sent = feedback.start_offering_evaluation(offering)
        invitation = sent.questionnaire.invitations.get()
        answer(sent.questionnaire, invitation.employee, reaction_answers(4, {key: level}))
    with django_assert_num_queries(2):
        scores = results.speaker_scores(alpha.a, year=2026)
    assert [(s.name, s.mean, s.answers, s.offerings) for s in scores] == [("Ir. Hasan", 4.0, 2, 2)]
    assert results.speaker_scores(alpha.a, year=2025) == []
