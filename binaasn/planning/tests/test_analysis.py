"""The needs analysis end to end through the services, with hand-computed numbers."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from binaasn.competencies import services as competency_services
from binaasn.competencies.models import Competency
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning import services
from binaasn.planning.models import Campaign, Need
from binaasn.planning.tests import factories as f
from binaasn.surveys import services as surveys
from binaasn.surveys.models import Invitation


def national(name):
    return Competency.objects.get(agency=None, name=name)


@pytest.fixture
def analysed(cast):
    """Nurses need Komunikasi 3 and Integritas 2.

    Siti (Puskesmas, under Dinkes): Komunikasi 1, Integritas 2 → gaps 2, 0.
    Rudi (Puskesmas): Komunikasi 2, Integritas not assessed → gaps 1, 2.
    Joko (Disdukcapil): Komunikasi 3, Integritas 1 → gaps 0, 1.
    Interviews: Puskesmas names Komunikasi; one for the whole agency names Integritas.
    Questionnaire: Siti rates herself Komunikasi 5, Integritas 3; Budi (her supervisor) rates
    her Komunikasi 4, Integritas 3; every other row 1.
    """
    with scopes_disabled():
        kom, integ = national("Komunikasi"), national("Integritas")
        competency_services.set_position_standards(cast.nurse, {kom: 3, integ: 2})
        rudi = EmployeeFactory(
            agency=cast.a, name="Rudi Puskesmas", unit=cast.puskesmas, position=cast.nurse
        )
        joko = EmployeeFactory(
            agency=cast.a, name="Joko Dukcapil", unit=cast.dukcapil, position=cast.nurse
        )
        day = datetime.date(2026, 1, 10)
        competency_services.record_assessment(
            cast.employee, source="supervisor", assessed_on=day, levels={kom: 1, integ: 2}
        )
        competency_services.record_assessment(
            rudi, source="supervisor", assessed_on=day, levels={kom: 2}
        )
        competency_services.record_assessment(
            joko, source="supervisor", assessed_on=day, levels={kom: 3, integ: 1}
        )
        campaign = services.create_campaign(cast.a, year=2026, title="AKPK 2026")
        interview = f.make_interview(campaign, unit=cast.puskesmas)
        interview.competencies.set([kom])
        agency_wide = f.make_interview(campaign, unit=None, group_description="Para kepala OPD")
        agency_wide.competencies.set([integ])
        services.publish_needs_questionnaire(campaign, units=[cast.dinkes], by=cast.admin)
        questionnaire = campaign.questionnaire
        grid = questionnaire.questions.get(code="needs")
        rows = {str(item["id"]): 1 for item in grid.items}
        own = Invitation.objects.get(
            questionnaire=questionnaire, employee=cast.employee, subject=cast.employee
        )
        surveys.submit_response(own, {grid: rows | {str(kom.pk): 5, str(integ.pk): 3}})
        boss = Invitation.objects.get(
            questionnaire=questionnaire, employee=cast.supervisor, subject=cast.employee
        )
        surveys.submit_response(boss, {grid: rows | {str(kom.pk): 4, str(integ.pk): 3}})
        services.analyse_campaign(campaign, by=cast.admin)
        campaign.refresh_from_db()
    return campaign


def need(campaign, competency, unit):
    return Need.objects.get(campaign=campaign, competency__name=competency, unit=unit)


def test_analysis_stores_gaps_survey_and_interviews_per_unit(cast, analysed):
    with scopes_disabled():
        kom = need(analysed, "Komunikasi", cast.dinkes)
        integ = need(analysed, "Integritas", cast.dinkes)
        integ_dukcapil = need(analysed, "Integritas", cast.dukcapil)
        assert not Need.objects.filter(
            campaign=analysed, competency__name="Komunikasi", unit=cast.dukcapil
        ).exists()
    assert (kom.affected_count, kom.total_gap, kom.avg_gap) == (2, 3, Decimal("1.50"))
    assert (kom.survey_mean, kom.survey_count, kom.interview_mentions) == (Decimal("4.50"), 2, 1)
    assert (integ.affected_count, integ.avg_gap, integ.survey_mean, integ.interview_mentions) == (
        1,
        Decimal("2.00"),
        Decimal("3.00"),
        1,
    )
    assert (
        integ_dukcapil.affected_count,
        integ_dukcapil.survey_mean,
        integ_dukcapil.interview_mentions,
    ) == (1, None, 1)
    assert kom.group_label == "Dinas Kesehatan"
    assert analysed.status == Campaign.Status.ANALYSED


def test_scores_follow_the_documented_formula(cast, analysed):
    # Komunikasi·Dinkes: 100 × (4·1.5/4 + 3·2/2 + 2·(4.5−1)/4 + 1·1/1) / 10 = 72.50
    # Integritas·Dinkes: 100 × (4·0.5 + 3·0.5 + 2·0.5 + 1·1) / 10 = 55.00
    # Integritas·Disdukcapil: 100 × (4·0.25 + 3·0.5 + 0 + 1·1) / 10 = 35.00
    with scopes_disabled():
        assert need(analysed, "Komunikasi", cast.dinkes).score == Decimal("72.50")
        assert need(analysed, "Integritas", cast.dinkes).score == Decimal("55.00")
        assert need(analysed, "Integritas", cast.dukcapil).score == Decimal("35.00")
        top = Need.objects.filter(campaign=analysed).prioritised().first()
    assert top.competency.name == "Komunikasi"


def test_needs_list_ranks_by_score_and_links_each_score_to_its_arithmetic(cast, login, analysed):
    page = (
        login(cast.leader)
        .get(reverse("planning:need-list", kwargs={"agency": "alpha", "pk": analysed.pk}))
        .content.decode()
    )
    assert page.index("72.50") < page.index("55.00") < page.index("35.00")
    with scopes_disabled():
        kom = need(analysed, "Komunikasi", cast.dinkes)
    detail = (
        login(cast.leader)
        .get(reverse("planning:need-detail", kwargs={"agency": "alpha", "pk": kom.pk}))
        .content.decode()
    )
    assert "100 × (w_g·g + w_b·b + w_s·s + w_i·i) / (w_g + w_b + w_s + w_i)" in detail
    assert "(4.50 − 1) ÷ 4 = 0.8750" in detail
    assert "7.2500" in detail and "72.50" in detail


def test_new_weights_rescore_the_stored_needs(cast, login, analysed):
    response = login(cast.admin).post(
        reverse("planning:campaign-weights", kwargs={"agency": "alpha", "pk": analysed.pk}),
        {"weight_gap": "0", "weight_breadth": "0", "weight_survey": "1", "weight_interview": "0"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        # Only the questionnaire counts now: (4.5 − 1) / 4 = 0.875 → 87.50
        assert need(analysed, "Komunikasi", cast.dinkes).score == Decimal("87.50")


def test_analysing_again_keeps_decisions(cast, analysed):
    with scopes_disabled():
        kom = need(analysed, "Komunikasi", cast.dinkes)
        services.set_need_status([kom], Need.Status.ACCEPTED)
        services.analyse_campaign(analysed)
        kom.refresh_from_db()
    assert kom.status == Need.Status.ACCEPTED and kom.score == Decimal("72.50")


def test_grouping_by_position_type(cast, analysed):
    with scopes_disabled():
        services.update_campaign(analysed, grouping="position_type")
        rows = Need.objects.filter(
            campaign=analysed,
            competency__name="Komunikasi",
            position_type="fungsional_keterampilan",
        )
        assert rows.get().affected_count == 2


def test_admin_turns_the_top_need_into_a_programme_in_one_step(cast, login, analysed):
    with scopes_disabled():
        kom = need(analysed, "Komunikasi", cast.dinkes)
    response = login(cast.admin).post(
        reverse("planning:need-programme", kwargs={"agency": "alpha", "pk": kom.pk}),
        {
            "title": "",
            "form": "managerial_training",
            "path_code": "",
            "jp_per_participant": "24",
            "planned_month": "5",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        kom.refresh_from_db()
        programme = kom.programmes.get()
        assert kom.status == Need.Status.ACCEPTED
        assert programme.plan.year == 2026 and programme.plan.status == "draft"
        assert programme.path_code == "KL02" and programme.participant_count == 2
        assert list(programme.target_units.all()) == [cast.dinkes]
        assert list(programme.competencies.values_list("name", flat=True)) == ["Komunikasi"]


def test_bulk_acceptance_of_chosen_needs(cast, login, analysed):
    with scopes_disabled():
        ids = list(
            Need.objects.filter(campaign=analysed, competency__name="Integritas").values_list(
                "pk", flat=True
            )
        )
    login(cast.admin).post(
        reverse("planning:need-decide", kwargs={"agency": "alpha", "pk": analysed.pk}),
        {"need": ids, "action": "programme"},
    )
    with scopes_disabled():
        needs = Need.objects.filter(pk__in=ids)
        assert {n.status for n in needs} == {"accepted"}
        programme = needs[0].programmes.get()
        assert programme.participant_count == 2 and programme.path_code == "KL02"


def test_questionnaire_invites_asn_and_their_supervisors(cast, analysed):
    with scopes_disabled():
        invitations = Invitation.objects.filter(questionnaire=analysed.questionnaire)
        assert invitations.filter(
            relation="supervisor", employee=cast.supervisor, subject=cast.employee
        ).exists()
        assert invitations.filter(relation="self", employee=cast.employee).exists()
        assert analysed.questionnaire.purpose == "needs_analysis"


def test_need_list_query_count_does_not_grow(cast, login, analysed, django_assert_num_queries):
    client = login(cast.admin)
    url = reverse("planning:need-list", kwargs={"agency": "alpha", "pk": analysed.pk})
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)
    with scopes_disabled():
        for competency in Competency.objects.filter(agency=None)[:6]:
            f.make_need(analysed, competency, unit=cast.pemda, group_label="Lain")
    with django_assert_num_queries(9):
        client.get(url)
