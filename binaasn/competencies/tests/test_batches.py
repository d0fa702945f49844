"""Batch writes (demo data, imported results): one audit entry, profiles refreshed."""

import datetime

from django_scopes import scopes_disabled

from binaasn.competencies import services
from binaasn.competencies.models import CurrentLevel, PositionStandard
from binaasn.competencies.tests.factories import national
from binaasn.core.models import AuditEntry


def test_assessments_in_bulk_refresh_profiles_with_the_precedence_and_log_one_entry(cast):
    with scopes_disabled():
        kom = national("Komunikasi").pk
        before = AuditEntry.objects.filter(agency=cast.a).count()
        services.record_assessments_in_bulk(
            cast.a,
            [
                (cast.employee.pk, "self", datetime.date(2025, 5, 1), {kom: 5}, "Siti"),
                (cast.employee.pk, "supervisor", datetime.date(2025, 1, 1), {kom: 2}, "Budi"),
                (cast.outsider.pk, "self", datetime.date(2025, 1, 1), {kom: 4}, "Andi"),
            ],
        )
        assert AuditEntry.objects.filter(agency=cast.a).count() == before + 1
        entry = AuditEntry.objects.filter(agency=cast.a).latest("timestamp")
        assert "3 assessments with 3 levels for 2 ASN" in entry.changes_text
        levels = dict(
            CurrentLevel.objects.filter(competency_id=kom).values_list("employee__name", "level")
        )
    assert levels == {"Siti Aminah": 2, "Andi Luar": 4}


def test_standards_in_bulk_replace_the_positions_standards(cast):
    with scopes_disabled():
        kom, integ = national("Komunikasi").pk, national("Integritas").pk
        services.set_position_standards(cast.nurse, {national("Kerjasama"): 2})
        services.set_standards_in_bulk(cast.a, {cast.nurse.pk: {kom: 3, integ: 2}})
        levels = dict(
            PositionStandard.objects.filter(position=cast.nurse).values_list(
                "competency__name", "required_level"
            )
        )
    assert levels == {"Komunikasi": 3, "Integritas": 2}
