"""The annual plan evaluation: held against planned, participants, JP, budget absorption, ASN
reaching 20 JP, L1–L4 rankings; the list by year, Excel and PDF."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.evaluation import plan_evaluation
from binaasn.evaluation.plan_evaluation import LevelResult
from binaasn.learning import jp
from binaasn.learning.models import CostRealization, Enrolment, Offering
from binaasn.learning.services import ledger
from binaasn.learning.tests.factories import EnrolmentFactory, OfferingFactory
from binaasn.planning.tests import factories as f

YEAR = 2026


def finished_offering(programme, *, jp_value=24, status=Offering.Status.FINISHED, **kwargs):
    return OfferingFactory(
        agency=programme.agency,
        programme=programme,
        status=status,
        jp=jp_value,
        starts_on=datetime.date(YEAR, 3, 2),
        ends_on=datetime.date(YEAR, 3, 4),
        **kwargs,
    )


def complete(enrolment, jp_value):
    """Record the result and credit the ledger the way learning's results service does."""
    enrolment.result = Enrolment.Result.COMPLETED
    enrolment.save()
    offering = enrolment.offering
    ledger.credit(
        enrolment.employee,
        source="offering",
        source_pk=enrolment.pk,
        path_code=offering.path_code,
        name=offering.title,
        organiser="BKPSDM",
        starts_on=offering.starts_on,
        ends_on=offering.ends_on,
        credit=jp.Credit(jp_value, jp.BASIS_CERTIFICATE),
    )


def cost(offering, amount, category="consumption"):
    return CostRealization.objects.create(
        agency=offering.agency,
        offering=offering,
        category=category,
        amount=Decimal(amount),
        spent_on=offering.ends_on,
    )


@pytest.fixture
def plan(cast):
    """Two programmes: one held (two offerings, one cancelled), one never held."""
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        held = f.make_programme(plan, title="Pelatihan Pelayanan Prima", participant_count=4)
        f.make_line(held, volume="4", unit_cost="1000000")  # Rp 4.000.000
        idle = f.make_programme(
            plan, title="Bimtek Arsip Digital", participant_count=10, jp_per_participant=8
        )
        f.make_line(idle, volume="10", unit_cost="200000")  # Rp 2.000.000
        offering = finished_offering(held)
        finished_offering(held, status=Offering.Status.CANCELLED)
        first = EnrolmentFactory(offering=offering, employee=cast.employee)
        second = EnrolmentFactory(offering=offering, employee=cast.outsider)
        EnrolmentFactory(offering=offering, employee=cast.supervisor)
        complete(first, 24)
        complete(second, 24)
        cost(offering, 2500000)
        cost(offering, 500000, category="venue")
        plan.programmes_by_title = {"held": held, "idle": idle}
    return plan


@pytest.fixture
def no_levels(monkeypatch):
    monkeypatch.setattr(plan_evaluation, "level_results", lambda agency, programmes: {})


def evaluate(cast, plan):
    with scope(agency=cast.a):
        return plan_evaluation.evaluate_plan(plan)


def test_a_held_programme_shows_offerings_participants_jp_and_absorption(cast, plan, no_levels):
    result = evaluate(cast, plan)
    held = next(r for r in result.rows if r.programme.title == "Pelatihan Pelayanan Prima")
    assert (held.offerings_scheduled, held.offerings_held, held.offerings_cancelled) == (1, 1, 1)
    assert (held.participants_planned, held.participants_enrolled) == (4, 3)
    assert held.participants_completed == 2
    assert (held.jp_planned, held.jp_delivered) == (96, 48)
    assert held.budget_planned == Decimal("4000000.00")
    assert held.budget_realized == Decimal("3000000")
    assert held.absorption == Decimal("75.0")
    assert held.is_held


def test_totals_count_programmes_held_against_planned(cast, plan, no_levels):
    totals = evaluate(cast, plan).totals
    assert (totals["programmes_held"], totals["programmes"]) == (1, 2)
    assert totals["programmes_percent"] == Decimal("50.0")
    assert totals["participants_planned"] == 14
    assert totals["jp_planned"] == 96 + 80
    assert totals["jp_delivered"] == 48
    assert totals["budget_planned"] == Decimal("6000000.00")
    assert totals["absorption"] == Decimal("50.0")


def test_asn_reaching_20_jp_in_the_plan_year(cast, plan, no_levels):
    compliance = evaluate(cast, plan).compliance
    # Siti and Andi got 24 JP in 2026; Budi (enrolled, no result) has none.
    assert compliance["minimum"] == 20
    assert (compliance["meeting"], compliance["total"]) == (2, 3)
    assert compliance["percent"] == Decimal("66.7")


def test_a_programme_without_a_budget_has_no_absorption_figure(cast, no_levels):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        f.make_programme(plan)
    row = evaluate(cast, plan).rows[0]
    assert row.absorption is None and row.budget_planned == 0


def test_levels_come_from_the_evaluation_results_or_say_why_not(cast, plan):
    with scopes_disabled():
        for enrolment, (pre, post) in zip(
            Enrolment.objects.filter(result=Enrolment.Result.COMPLETED).order_by("pk"),
            ((50, 75), (60, 80)),
            strict=True,
        ):
            enrolment.pre_test, enrolment.post_test = pre, post
            enrolment.save()
    rows = {row.programme.title: row for row in evaluate(cast, plan).rows}
    held, idle = rows["Pelatihan Pelayanan Prima"], rows["Bimtek Arsip Digital"]
    assert held.levels["l2"].value == Decimal("0.5")
    assert held.levels["l2"].detail == "2 pairs of tests"
    assert held.levels["l1"].missing == "No reaction answers yet."
    assert held.levels["l3"].missing == "No behaviour answers yet."
    assert held.levels["l4"].missing  # no SKM answers: the reason is given, not a figure
    assert idle.levels["l4"].missing == "No finished offering yet."
    assert idle.levels["l2"].missing == "No test scores yet."


def fake_levels(values):
    """Level results as the Kirkpatrick modules would give them: {title: {level: value}}."""

    def level_results(agency, programmes):
        by_title = {p.title: p.pk for p in programmes}
        return {
            by_title[title]: {
                key: LevelResult(value=Decimal(v), text=str(v))
                if v is not None
                else LevelResult(missing="Fewer than 5 respondents.")
                for key, v in levels.items()
            }
            for title, levels in values.items()
        }

    return level_results


def test_rankings_name_top_and_bottom_and_list_programmes_without_data(cast, monkeypatch):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        for index in range(7):
            f.make_programme(plan, title=f"Program {index}")
    scores = {f"Program {i}": {"l1": str(3 + i * Decimal("0.25"))} for i in range(6)}
    scores["Program 6"] = {"l1": None}
    monkeypatch.setattr(plan_evaluation, "level_results", fake_levels(scores))
    l1, l2 = evaluate(cast, plan).rankings[:2]
    assert [r.programme.title for r in l1.top] == ["Program 5", "Program 4", "Program 3"]
    assert [r.programme.title for r in l1.bottom] == ["Program 0", "Program 1", "Program 2"]
    assert [(r.programme.title, str(reason)) for r, reason in l1.lacking] == [
        ("Program 6", "Fewer than 5 respondents.")
    ]
    assert l2.top == [] and len(l2.lacking) == 7


def test_few_programmes_are_not_named_both_highest_and_lowest(cast, monkeypatch):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        f.make_programme(plan, title="Satu")
        f.make_programme(plan, title="Dua")
    monkeypatch.setattr(
        plan_evaluation, "level_results", fake_levels({"Satu": {"l3": "4"}, "Dua": {"l3": "3"}})
    )
    l3 = evaluate(cast, plan).rankings[2]
    assert [r.programme.title for r in l3.top] == ["Satu", "Dua"]
    assert l3.bottom == []


def page_url(cast, plan, name="evaluation:plan-evaluation"):
    return reverse(name, kwargs={"agency": cast.a.slug, "pk": plan.pk})


def test_page_shows_the_programme_table_totals_and_compliance(cast, plan, login, no_levels):
    response = login(cast.leader).get(page_url(cast, plan))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pelatihan Pelayanan Prima" in text and "Bimtek Arsip Digital" in text
    assert "75.0" in text  # absorption of the held programme
    assert "1 / 2" in text  # programmes held of planned
    assert "ASN reaching 20 JP in 2026" in text
    assert 'data-chart="budget"' in text and 'id="plan-evaluation-charts"' in text
    assert "not held" in text
    assert "<script>" not in text and 'style="' not in text


def test_page_query_count_does_not_grow_with_programmes_and_offerings(
    cast, login, django_assert_max_num_queries
):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        programme = f.make_programme(plan)
        f.make_line(programme)
        complete(EnrolmentFactory(offering=finished_offering(programme), employee=cast.outsider), 4)
    client = login(cast.admin)
    # 24, plus the cache's reads and writes of the agency's 20 JP count and of the plan's L1–L4
    # figures, both computed on this request
    with django_assert_max_num_queries(34) as small:
        assert client.get(page_url(cast, plan)).status_code == 200
    small_count = len(small.captured_queries)  # read now: the next request empties the log
    with scopes_disabled():
        for index in range(6):
            programme = f.make_programme(plan, title=f"Program {index}")
            f.make_line(programme)
            offering = finished_offering(programme)
            enrolment = EnrolmentFactory(offering=offering, employee=cast.employee)
            complete(enrolment, 4)
            cost(offering, 100000)
    with django_assert_max_num_queries(small_count):
        assert client.get(page_url(cast, plan)).status_code == 200


def test_excel_export_has_summary_programmes_and_rankings(cast, plan, login, no_levels):
    response = login(cast.admin).get(page_url(cast, plan) + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["Summary", "Programmes", "L1–L4 ranking"]
    programmes = book.get_sheet_by_name("Programmes").to_python()
    assert programmes[0][0] == "Programme"
    held = next(r for r in programmes if r[0] == "Pelatihan Pelayanan Prima")
    assert held[11] == 75.0


def test_pdf_download(cast, plan, login, no_levels):
    response = login(cast.operator).get(page_url(cast, plan, "evaluation:plan-evaluation-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_list_shows_every_plan_by_year_with_absorption(
    cast, plan, login, django_assert_max_num_queries
):
    with scopes_disabled():
        f.make_plan(cast.a, year=YEAR - 1, title="Rencana Lama")
    client = login(cast.admin)
    with django_assert_max_num_queries(10):
        response = client.get(
            reverse("evaluation:plan-evaluation-list", kwargs={"agency": "alpha"})
        )
    text = response.content.decode()
    assert text.index(plan.title) < text.index("Rencana Lama")
    assert "1 of 2" in text and "50.0%" in text
    assert page_url(cast, plan) in text


def test_trainer_and_employee_are_refused(cast, plan, login):
    for user in (cast.trainer, cast.employee_user):
        assert login(user).get(page_url(cast, plan)).status_code == 403


def test_plan_of_another_agency_is_not_found(cast, login):
    with scopes_disabled():
        other = f.make_plan(cast.b, year=YEAR)
    assert login(cast.admin).get(page_url(cast, other)).status_code == 404


def test_twenty_jp_count_is_reused_until_a_jp_credit_changes_it(
    cast, login, django_capture_on_commit_callbacks
):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        programme = f.make_programme(plan)
        first = EnrolmentFactory(offering=finished_offering(programme), employee=cast.outsider)
        with django_capture_on_commit_callbacks(execute=True):
            complete(first, 24)
    client = login(cast.admin)
    assert client.get(page_url(cast, plan)).context["compliance"]["meeting"] == 1
    with scopes_disabled():
        second = EnrolmentFactory(offering=finished_offering(programme), employee=cast.employee)
        second.result = Enrolment.Result.COMPLETED
        second.save()
    # no JP credited: the count kept from the first request is shown again
    assert client.get(page_url(cast, plan)).context["compliance"]["meeting"] == 1
    with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
        complete(second, 24)
    assert client.get(page_url(cast, plan)).context["compliance"]["meeting"] == 2


def test_level_figures_are_kept_and_the_page_says_when_they_were_counted(
    cast, login, django_assert_max_num_queries
):
    with scopes_disabled():
        plan = f.make_plan(cast.a, year=YEAR)
        programme = f.make_programme(plan)
        complete(EnrolmentFactory(offering=finished_offering(programme), employee=cast.outsider), 4)
    client = login(cast.admin)
    first = client.get(page_url(cast, plan))
    assert "Counted at" in first.content.decode()
    kept = first.context["evaluation"].levels_counted_at
    second = client.get(page_url(cast, plan))
    assert second.context["evaluation"].levels_counted_at == kept
