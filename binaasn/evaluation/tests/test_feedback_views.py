"""The evaluation pages of an offering, the settings and the speakers' results."""

import pytest
from django.urls import reverse

from binaasn.evaluation.models import OfferingEvaluation
from binaasn.evaluation.services import feedback
from binaasn.surveys.models import Questionnaire

from .factories_feedback import (
    answer,
    finished_offering,
    make_speaker,
    participants,
    reaction_answers,
)

pytestmark = pytest.mark.django_db


def _url(name, cast, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"agency": cast.a.slug, **kwargs})


@pytest.fixture
def offering(alpha):
    return finished_offering(
        alpha.a, unit=alpha.dinkes, participants=[alpha.employee, alpha.outsider]
    )


def test_operator_sends_the_reaction_questionnaire_once(alpha, offering, login):
    client = login(alpha.operator)
    url = _url("offering-send-reaction", alpha, pk=offering.pk)
    response = client.post(url, follow=True)
    assert "Reaction questionnaire sent to 2 participants" in response.text
    response = client.post(url, follow=True)
    assert "was already sent on" in response.text
    assert Questionnaire.objects.for_agency(alpha.a).not_templates().count() == 1


def test_the_page_lists_who_has_not_answered_and_reminds_them(alpha, offering, login):
    questionnaire = feedback.start_offering_evaluation(offering).questionnaire
    answer(questionnaire, alpha.outsider, reaction_answers(4, suggestions="Tambah praktik"))
    client = login(alpha.admin)
    page = client.get(_url("offering-feedback", alpha, pk=offering.pk))
    assert page.status_code == 200
    assert "1 of 2 participants answered (50%)" in page.text
    assert "Tambah praktik" in page.text
    pending = page.text.split("Not answered yet", 1)[1]
    assert "Siti Aminah" in pending and "Andi Luar" not in pending
    response = client.post(_url("offering-remind", alpha, pk=offering.pk), follow=True)
    assert "1 reminder sent." in response.text


def test_sending_behaviour_says_how_many_had_no_supervisor(alpha, offering, login):
    feedback.start_offering_evaluation(offering)
    client = login(alpha.admin)
    response = client.post(_url("offering-send-behaviour", alpha, pk=offering.pk), follow=True)
    assert "Behaviour questionnaire sent: 3 invitations" in response.text
    assert "1 participant has no supervisor in the org chart" in response.text
    page = client.get(_url("offering-feedback", alpha, pk=offering.pk))
    assert "1 participant has no supervisor in the org chart" in page.text
    again = client.post(_url("offering-send-behaviour", alpha, pk=offering.pk), follow=True)
    assert "was already sent on" in again.text


def test_operator_of_another_unit_cannot_send(alpha, login):
    elsewhere = finished_offering(alpha.a, unit=alpha.dukcapil, participants=[alpha.outsider])
    client = login(alpha.operator)
    url = _url("offering-send-reaction", alpha, pk=elsewhere.pk)
    assert client.post(url).status_code == 404
    assert not OfferingEvaluation.objects.for_agency(alpha.a).exists()


def test_leader_reads_but_sees_no_buttons(alpha, offering, login):
    feedback.start_offering_evaluation(offering)
    page = login(alpha.leader).get(_url("offering-feedback", alpha, pk=offering.pk))
    assert page.status_code == 200
    assert "Remind those who have not answered" not in page.text
    refused = login(alpha.leader).post(_url("offering-remind", alpha, pk=offering.pk))
    assert refused.status_code == 403


def test_settings_choose_templates_and_a_bad_value_keeps_the_input(alpha, login):
    client = login(alpha.admin)
    client.post(_url("settings", alpha), {"action": "standard"})
    settings = feedback.get_settings(alpha.a)
    data = {
        "reaction_template": settings.reaction_template_id,
        "behaviour_template": settings.behaviour_template_id,
        "reaction_days_open": 10,
        "behaviour_delay_months": 99,
        "behaviour_days_open": 30,
        "reminder_every_days": 5,
        "outcome_window_months": 6,
        "outcome_min_respondents": 30,
    }
    page = client.post(_url("settings", alpha), data)
    assert page.status_code == 200
    assert "Ensure this value is less than or equal to 24." in page.text
    assert 'value="10"' in page.text
    data["behaviour_delay_months"] = 6
    client.post(_url("settings", alpha), data)
    settings.refresh_from_db()
    assert (settings.reaction_days_open, settings.behaviour_delay_months) == (10, 6)


def test_settings_offer_only_templates_of_the_right_purpose(alpha, login):
    feedback.ensure_standard_templates(alpha.a)
    page = login(alpha.admin).get(_url("settings", alpha))
    assert page.text.count(feedback.REACTION_TITLE) >= 2  # option and builder link
    form = page.context["form"]
    assert list(form.fields["reaction_template"].queryset.values_list("purpose", flat=True)) == [
        "reaction"
    ]


def test_speaker_results_table_and_excel_in_fixed_queries(
    alpha, login, django_assert_max_num_queries
):
    client = login(alpha.admin)
    url = _url("speaker-results", alpha)

    def rate(n):
        speaker = make_speaker(alpha.a, f"Narasumber {n}")
        offering = finished_offering(
            alpha.a, participants=participants(alpha.a, alpha.dinkes, 2), speakers=[speaker]
        )
        sent = feedback.start_offering_evaluation(offering)
        for invitation in sent.questionnaire.invitations.all():
            answer(
                sent.questionnaire,
                invitation.employee,
                reaction_answers(4, {f"speaker-{speaker.pk}": 5}),
            )

    rate(1)
    client.get(url)  # warm-up (session, membership caches)
    with django_assert_max_num_queries(12) as captured:
        page = client.get(url + "?year=2026")
    baseline = len(captured)
    for n in range(2, 6):
        rate(n)
    with django_assert_max_num_queries(baseline):
        page = client.get(url + "?year=2026")
    assert "Narasumber 5" in page.text and "5.00" in page.text
    with django_assert_max_num_queries(baseline):
        export = client.get(url + "?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
