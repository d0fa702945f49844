"""Sending the reaction (L1) and behaviour (L3) questionnaires of finished offerings."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from binaasn.evaluation.models import OfferingEvaluation
from binaasn.evaluation.services import feedback
from binaasn.learning.services.results import close_offering
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory
from binaasn.surveys import services as surveys
from binaasn.surveys.models import Invitation, Questionnaire

from .factories_feedback import (
    answer,
    finished_offering,
    make_speaker,
    participants,
    reaction_answers,
)

pytestmark = pytest.mark.django_db

MARCH_4 = datetime.datetime(2026, 3, 4, 8, 0, tzinfo=datetime.UTC)  # 15:00 in Jakarta


def test_standard_templates_are_made_once_with_stable_codes(alpha):
    settings = feedback.ensure_standard_templates(alpha.a)
    again = feedback.ensure_standard_templates(alpha.a)
    assert again.reaction_template == settings.reaction_template
    reaction = settings.reaction_template
    assert reaction.is_template and reaction.purpose == Questionnaire.Purpose.REACTION
    codes = set(reaction.questions.values_list("code", flat=True))
    assert {"material_relevance", "speaker_mastery", "ability_before", "ability_after"} <= codes
    behaviour_codes = set(settings.behaviour_template.questions.values_list("code", flat=True))
    assert set(feedback.APPLICATION_CODES) <= behaviour_codes
    assert Questionnaire.objects.for_agency(alpha.a).templates().count() == 2


def test_finishing_an_offering_sends_its_participants_the_reaction_questionnaire(
    alpha, django_capture_on_commit_callbacks
):
    speaker = make_speaker(alpha.a)
    offering = OfferingFactory(agency=alpha.a, unit=alpha.dinkes)
    offering.speakers.add(speaker)
    offering.trainers.add(alpha.trainer)
    EnrolmentFactory(offering=offering, employee=alpha.employee)
    EnrolmentFactory(offering=offering, employee=alpha.outsider, status="waitlisted")
    alpha.employee.email = "siti@example.test"
    alpha.employee.save()
    with time_machine.travel(MARCH_4, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            close_offering(offering, by=alpha.operator)
    evaluation = OfferingEvaluation.objects.get(offering=offering)
    questionnaire = evaluation.reaction
    assert questionnaire.is_open and questionnaire.purpose == Questionnaire.Purpose.REACTION
    assert questionnaire.closes_on == datetime.date(2026, 3, 18)  # 14 days open by default
    assert list(questionnaire.invitations.values_list("employee__name", flat=True)) == [
        "Siti Aminah"
    ]
    grid = questionnaire.questions.get(code="speaker_mastery")
    assert grid.items == [
        {"id": f"speaker-{speaker.pk}", "name": "Dr. Rahmawati"},
        {"id": f"trainer-{alpha.trainer.pk}", "name": "Trainer A"},
    ]
    assert evaluation.behaviour_due_on == datetime.date(2026, 6, 4)
    assert [m.to for m in mail.outbox] == [["siti@example.test"]]


def test_a_second_send_is_refused_with_the_date_of_the_first(alpha):
    offering = finished_offering(alpha.a, participants=[alpha.employee])
    with time_machine.travel(MARCH_4, tick=False):
        feedback.start_offering_evaluation(offering)
    again = feedback.start_offering_evaluation(offering)  # the signal twice: nothing new
    assert again.invited == 0
    with pytest.raises(ValidationError) as refused:
        feedback.start_offering_evaluation(offering, refuse_if_sent=True)
    assert "already sent on 4 March 2026" in refused.value.messages[0]
    assert Questionnaire.objects.for_agency(alpha.a).not_templates().count() == 1
    assert Invitation.objects.for_agency(alpha.a).count() == 1


def test_an_offering_without_speakers_gets_no_speaker_grid(alpha):
    offering = finished_offering(alpha.a, participants=[alpha.employee])
    sent = feedback.start_offering_evaluation(offering)
    assert not sent.questionnaire.questions.filter(code="speaker_mastery").exists()
    assert sent.questionnaire.is_open


def test_an_unfinished_offering_is_not_evaluated(alpha):
    offering = OfferingFactory(agency=alpha.a)
    with pytest.raises(ValidationError, match="not finished yet"):
        feedback.start_offering_evaluation(offering, refuse_if_sent=True)


def test_behaviour_becomes_due_after_the_configured_months_not_before(alpha):
    settings = feedback.get_settings(alpha.a)
    feedback.update_settings(settings, by=alpha.admin, behaviour_delay_months=4)
    offering = finished_offering(alpha.a, participants=[alpha.employee])  # finished 4 March
    feedback.start_offering_evaluation(offering, today=datetime.date(2026, 3, 4))
    evaluation = OfferingEvaluation.objects.get(offering=offering)
    assert evaluation.behaviour_due_on == datetime.date(2026, 7, 4)
    day_before = datetime.datetime(2026, 7, 3, 16, 59, tzinfo=datetime.UTC)  # 23:59 in Jakarta
    with time_machine.travel(day_before, tick=False):
        assert feedback.send_due_behaviour_questionnaires().sent == 0
    evaluation.refresh_from_db()
    assert evaluation.behaviour is None
    with time_machine.travel(datetime.datetime(2026, 7, 3, 17, 0, tzinfo=datetime.UTC), tick=False):
        assert feedback.send_due_behaviour_questionnaires().sent == 1
        assert feedback.send_due_behaviour_questionnaires().sent == 0  # never twice
    evaluation.refresh_from_db()
    assert evaluation.behaviour.is_open
    assert evaluation.behaviour.closes_on == datetime.date(2026, 8, 3)  # 30 days open


def test_behaviour_goes_to_the_supervisor_about_the_participant_and_to_the_participant(alpha):
    lone = participants(alpha.a, alpha.puskesmas, 1)[0]
    offering = finished_offering(alpha.a, participants=[alpha.employee, lone])
    evaluation = feedback.start_offering_evaluation(offering).evaluation
    sent = feedback.send_behaviour_questionnaire(evaluation)
    rows = set(
        sent.questionnaire.invitations.values_list("employee__name", "subject__name", "relation")
    )
    assert rows == {
        ("Budi Kepala", "Siti Aminah", "supervisor"),
        ("Siti Aminah", "Siti Aminah", "self"),
        ("Peserta 1", "Peserta 1", "self"),
    }
    assert sent.without_supervisor == 1
    with pytest.raises(ValidationError, match="already sent on"):
        feedback.send_behaviour_questionnaire(evaluation)


def test_behaviour_asks_only_those_who_completed(alpha):
    offering = finished_offering(alpha.a, participants=[])
    EnrolmentFactory(offering=offering, employee=alpha.employee, result="not_completed")
    evaluation = feedback.start_offering_evaluation(offering).evaluation
    with pytest.raises(ValidationError, match="Nobody completed"):
        feedback.send_behaviour_questionnaire(evaluation)


def test_reminders_go_out_only_after_the_interval(alpha):
    offering = finished_offering(alpha.a, participants=[alpha.employee, alpha.outsider])
    with time_machine.travel(MARCH_4, tick=False):
        questionnaire = feedback.start_offering_evaluation(offering).questionnaire
        answer(questionnaire, alpha.outsider, reaction_answers())
    six_days = datetime.datetime(2026, 3, 10, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(six_days, tick=False):
        assert feedback.send_evaluation_reminders().reminded == 0
    seven_days = datetime.datetime(2026, 3, 11, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(seven_days, tick=False):
        assert feedback.send_evaluation_reminders().reminded == 1  # Siti; Andi answered
        assert feedback.send_evaluation_reminders().reminded == 0  # just reminded
    reminded = questionnaire.invitations.get(employee=alpha.employee)
    assert reminded.reminder_count == 1
    after_close = datetime.datetime(2026, 3, 25, 3, 0, tzinfo=datetime.UTC)
    with time_machine.travel(after_close, tick=False):
        assert feedback.send_evaluation_reminders().reminded == 0  # closed on 18 March


def test_an_answer_after_the_close_date_is_refused_and_earlier_answers_stay(alpha):
    offering = finished_offering(alpha.a, participants=[alpha.employee])
    with time_machine.travel(MARCH_4, tick=False):
        questionnaire = feedback.start_offering_evaluation(offering).questionnaire
        answer(questionnaire, alpha.employee, reaction_answers(level=5, suggestions="Lebih lama"))
    late = datetime.datetime(2026, 3, 19, 3, 0, tzinfo=datetime.UTC)
    invitation = questionnaire.invitations.get()
    with time_machine.travel(late, tick=False):
        with pytest.raises(ValidationError) as refused:
            surveys.submit_response(invitation, reaction_answers(level=1))
    message = refused.value.messages[0]
    assert "close date of this questionnaire (18 March 2026) has passed" in message
    response = invitation.response
    assert set(response.answers.values_list("number", flat=True)) >= {5}
    assert 1 not in set(response.answers.values_list("number", flat=True))
    assert response.answers.get(question__code="suggestions").text == "Lebih lama"


def test_the_daily_command_sends_due_questionnaires_and_counts(alpha):
    offering = finished_offering(alpha.a, participants=[alpha.employee])
    feedback.start_offering_evaluation(offering, today=datetime.date(2026, 3, 4))
    with time_machine.travel(datetime.datetime(2026, 6, 5, 3, 0, tzinfo=datetime.UTC)):
        out = StringIO()
        call_command("send_evaluation_questionnaires", stdout=out)
    assert "1 behaviour questionnaires sent to 2 invitees." in out.getvalue()
    assert "reminders sent" in out.getvalue()
