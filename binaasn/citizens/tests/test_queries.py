"""The query API other areas use (binaasn.citizens.queries)."""

import datetime

from django_scopes import scope, scopes_disabled

from binaasn.actions.services import create_action
from binaasn.citizens import periods, queries
from binaasn.citizens.tests.factories import ComplaintFactory, ForumFactory, SkmResponseFactory

S1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def test_ikm_for_unit_and_by_unit_come_from_one_aggregate(
    cast, dukcapil_unit, puskesmas_unit, django_assert_num_queries
):
    with scopes_disabled():
        SkmResponseFactory(unit=dukcapil_unit, **{f"u{n}": 4 for n in range(1, 10)})
        SkmResponseFactory(unit=puskesmas_unit, **{f"u{n}": 2 for n in range(1, 10)})
        SkmResponseFactory(
            unit=puskesmas_unit, answered_on=datetime.date(2025, 12, 31)
        )  # outside S1
    with scope(agency=cast.a):
        assert queries.ikm_for_unit(cast.a, dukcapil_unit, *S1).converted == 100
        with django_assert_num_queries(1):
            totals = queries.totals(cast.a, *S1)
        assert (totals.respondents, totals.sums) == (2, (6,) * 9)
        by_unit = dict(queries.ikm_by_unit(cast.a, *S1))
        assert by_unit[dukcapil_unit].mutu == "A"
        assert by_unit[puskesmas_unit].converted == 50 and by_unit[puskesmas_unit].mutu == "D"


def test_trend_buckets_periods_in_one_query(cast, dukcapil_unit, django_assert_num_queries):
    with scopes_disabled():
        SkmResponseFactory(
            unit=dukcapil_unit,
            answered_on=datetime.date(2025, 8, 1),
            **{f"u{n}": 2 for n in range(1, 10)},
        )
        SkmResponseFactory(
            unit=dukcapil_unit,
            answered_on=datetime.date(2026, 2, 1),
            **{f"u{n}": 4 for n in range(1, 10)},
        )
    trend_periods = periods.trend_periods(periods.parse_period("2026-S1"), count=3)
    with (
        scope(agency=cast.a),
        django_assert_num_queries(2),
    ):  # the agency's method, then the aggregate
        trend = queries.trend(cast.a, trend_periods, unit=dukcapil_unit)
    assert [p.key for p, _r in trend] == ["2025-S1", "2025-S2", "2026-S1"]
    assert [r.converted if r else None for _p, r in trend] == [None, 50, 100]


def test_complaint_counts_group_by_unit_and_category(cast, dukcapil_unit):
    with scopes_disabled():
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit, category="time")
        ComplaintFactory(agency=cast.a, unit=dukcapil_unit, category="time")
        ComplaintFactory(agency=cast.a, unit=None, category="fees")
        ComplaintFactory(agency=cast.b, category="fees")
    today = datetime.date.today()
    with scope(agency=cast.a):
        rows = queries.complaint_counts(cast.a, today - datetime.timedelta(days=1), today)
    assert {(r["unit_name"], r["category"], r["count"]) for r in rows} == {
        (dukcapil_unit.name, "time", 2),
        (None, "fees", 1),
    }


def test_forum_issues_in_a_period_with_their_actions(cast):
    with scopes_disabled():
        forum = ForumFactory(agency=cast.a, unit=cast.dukcapil, held_on=datetime.date(2026, 3, 10))
        ForumFactory(
            agency=cast.a, unit=cast.dukcapil, held_on=datetime.date(2025, 3, 10)
        ).issues.create(agency=cast.a, title="Lama")
        issue = forum.issues.create(agency=cast.a, title="Loket Sabtu")
    with scope(agency=cast.a):
        create_action(agency=cast.a, title="Buka Sabtu", source=issue, owner_employee=cast.outsider)
        issues = list(queries.forum_issues(cast.a, *S1))
        assert [i.title for i in issues] == ["Loket Sabtu"]
        assert [a.title for a in issues[0].actions.all()] == ["Buka Sabtu"]
