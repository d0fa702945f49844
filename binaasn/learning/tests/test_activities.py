"""Mentoring, project-based learning, internships, community activities, programme link and
realized costs."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from binaasn.competencies.models import Competency
from binaasn.learning import queries
from binaasn.learning.models import (
    Internship,
    LearningRecord,
    Offering,
    PathRule,
    ProjectGroup,
)
from binaasn.learning.services import (
    community,
    costs,
    internships,
    ledger,
    mentoring,
    offerings,
    projects,
)
from binaasn.people.tests.factories import EmployeeFactory
from binaasn.planning.models import Plan, Programme, Speaker


def test_mentor_junior_by_rank_gets_a_warning_not_a_refusal(alpha):
    junior = EmployeeFactory(agency=alpha.a, golongan="II/c", unit=alpha.dinkes)
    pair, warning = mentoring.create_mentorship(
        agency=alpha.a,
        mentor=junior,
        mentee=alpha.employee,
        starts_on=datetime.date(2026, 1, 5),
        by=alpha.operator,
    )
    assert pair.pk and "not senior by rank" in warning


def test_senior_mentor_no_warning(alpha):
    _pair, warning = mentoring.create_mentorship(
        agency=alpha.a,
        mentor=alpha.supervisor,
        mentee=alpha.employee,
        starts_on=datetime.date(2026, 1, 5),
        by=alpha.operator,
    )
    assert warning == ""


def test_nobody_mentors_themselves(alpha):
    with pytest.raises(ValidationError):
        mentoring.create_mentorship(
            agency=alpha.a,
            mentor=alpha.employee,
            mentee=alpha.employee,
            starts_on=datetime.date(2026, 1, 5),
            by=alpha.operator,
        )


def _pair(alpha):
    pair, _warning = mentoring.create_mentorship(
        agency=alpha.a,
        mentor=alpha.supervisor,
        mentee=alpha.employee,
        starts_on=datetime.date(2026, 1, 5),
        by=alpha.operator,
    )
    return pair


def test_completed_mentoring_credits_the_agency_rule_per_meeting(alpha):
    PathRule.objects.create(agency=alpha.a, path_code="NKL02", unit="session", jp_per_unit=2)
    pair = _pair(alpha)
    integrity = Competency.objects.for_agency(alpha.a).get(name="Integritas")
    goal = mentoring.add_goal(pair, description="Memimpin rapat koordinasi", competency=integrity)
    assert goal.competency_label == "Integritas"
    for day in (12, 19, 26):
        mentoring.log_meeting(
            pair,
            held_on=datetime.date(2026, 1, day),
            duration_minutes=60,
            topic="SOP",
            by=alpha.operator,
        )
    with pytest.raises(ValidationError, match="Feedback"):
        mentoring.complete_mentorship(pair, by=alpha.operator)
    mentoring.give_feedback(pair, side="mentor", text="Berkembang pesat")
    mentoring.give_feedback(pair, side="mentee", text="Sangat membantu")
    record = mentoring.complete_mentorship(pair, by=alpha.operator)
    assert record.jp == 6 and record.path_code == "NKL02" and record.jp_basis == "rule"


def test_mentoring_without_a_rule_follows_minutes(alpha):
    pair = _pair(alpha)
    mentoring.log_meeting(
        pair,
        held_on=datetime.date(2026, 1, 12),
        duration_minutes=100,
        topic="SOP",
        by=alpha.operator,
    )
    mentoring.give_feedback(pair, side="mentor", text="a")
    mentoring.give_feedback(pair, side="mentee", text="b")
    assert mentoring.complete_mentorship(pair, by=alpha.operator).jp == 2


def test_a_meeting_before_the_mentoring_started_is_refused(alpha):
    pair = _pair(alpha)
    with pytest.raises(ValidationError) as error:
        mentoring.log_meeting(
            pair,
            held_on=datetime.date(2025, 12, 1),
            duration_minutes=60,
            topic="x",
            by=alpha.operator,
        )
    assert "held_on" in error.value.message_dict


def _group(alpha, **kwargs):
    group = ProjectGroup(
        agency=alpha.a,
        title="Sistem informasi data kependudukan",
        brief="Rancang ulang alur data penduduk.",
        unit=alpha.dukcapil,
        coach=alpha.trainer,
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 5, 29),
        learning_hours=30,
        **kwargs,
    )
    return projects.create_group(group, members=[alpha.employee, alpha.outsider], by=alpha.operator)


def test_project_path_defaults_to_the_agency_choice(alpha):
    from binaasn.learning.services.settings import get_settings

    settings_row = get_settings(alpha.a)
    settings_row.project_path_code = "NKL13"
    settings_row.save()
    assert _group(alpha, path_code="").path_code == "NKL13"


def test_project_completion_scores_the_rubric_and_credits_every_member(alpha):
    group = _group(alpha, path_code="NKL11")
    a = projects.add_criterion(group, name="Ketepatan analisis", weight=2)
    b = projects.add_criterion(group, name="Presentasi", weight=1)
    projects.score_criterion(a, Decimal(80))
    with pytest.raises(ValidationError, match="Presentasi"):
        projects.complete_group(group, by=alpha.trainer)
    projects.score_criterion(b, Decimal(50))
    passed, score = projects.complete_group(group, by=alpha.trainer)
    assert passed and score == Decimal("70.00")
    records = LearningRecord.objects.for_agency(alpha.a).filter(source="project")
    assert {r.employee for r in records} == {alpha.employee, alpha.outsider}
    assert all(r.jp == 40 and r.path_code == "NKL11" for r in records)  # 30 hours = 1800 min ÷ 45


def test_a_milestone_outside_the_project_period_is_refused(alpha):
    group = _group(alpha, path_code="NKL11")
    with pytest.raises(ValidationError):
        projects.add_milestone(group, title="Laporan", due_on=datetime.date(2026, 7, 1))


def _internship(alpha):
    internship = Internship(
        agency=alpha.a,
        employee=alpha.employee,
        partner_name="Universitas Gunung Leuser",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 4, 24),
        partner_supervisor_name="Dr. Pembimbing",
    )
    return internships.create_internship(internship, by=alpha.operator)


def test_a_logbook_entry_outside_the_placement_is_refused_with_the_dates(alpha):
    internship = _internship(alpha)
    assert internship.internal_supervisor == alpha.supervisor
    with pytest.raises(ValidationError) as error:
        internships.add_log_entry(
            internship, entry_on=datetime.date(2026, 5, 1), hours=Decimal(20), activities="x"
        )
    assert "outside the placement" in error.value.message_dict["entry_on"][0]
    assert not internship.logbook.exists()


def test_internship_completion_needs_report_and_both_evaluations(alpha):
    internship = _internship(alpha)
    for week in range(4):
        internships.add_log_entry(
            internship,
            entry_on=datetime.date(2026, 3, 2) + datetime.timedelta(weeks=week),
            hours=Decimal("7.5"),
            activities="Praktik layanan",
        )
    with pytest.raises(ValidationError, match="final report"):
        internships.complete_internship(internship, by=alpha.operator)
    internships.upload_report(internship, SimpleUploadedFile("laporan.pdf", b"%PDF-1.4\n"))
    internships.evaluate(internship, side="partner", score=Decimal(85), text="Baik")
    internships.evaluate(internship, side="internal", score=Decimal(75), text="Cukup")
    assert internships.complete_internship(internship, by=alpha.operator)
    record = LearningRecord.objects.for_agency(alpha.a).get(source="internship")
    assert record.path_code == "NKL12" and record.siasn_type == 10 and record.jp == 40  # 30 h


def _activity(alpha, development):
    from binaasn.learning.models import CommunityActivity

    activity = CommunityActivity(
        agency=alpha.a,
        kind="bakti_sosial",
        title="Bakti sosial posyandu",
        held_on=datetime.date(2026, 4, 4),
        place="Limboto",
        organiser_unit=alpha.dinkes,
        hours=Decimal(4),
        counts_as_development=development,
        people_reached=120,
    )
    return community.save_activity(
        activity, participants=[alpha.employee, alpha.outsider], by=alpha.operator
    )


def test_community_activity_is_recorded_without_jp_by_default(alpha):
    _activity(alpha, development=False)
    records = LearningRecord.objects.for_agency(alpha.a).filter(source="community")
    assert records.count() == 2 and all(not r.counts_toward_target and r.jp == 0 for r in records)
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 0


def test_community_activity_marked_as_development_credits_jp(alpha):
    _activity(alpha, development=True)
    assert ledger.year_total(alpha.a, alpha.employee, 2026) == 5  # 240 min ÷ 45


def test_removing_a_participant_withdraws_their_record(alpha):
    activity = _activity(alpha, development=True)
    community.save_activity(activity, participants=[alpha.employee], by=alpha.operator)
    assert not LearningRecord.objects.for_agency(alpha.a).filter(employee=alpha.outsider).exists()


def test_a_photo_must_be_an_image():
    with pytest.raises(ValidationError, match="PNG or JPEG"):
        community.check_image(SimpleUploadedFile("foto.png", b"%PDF-1.4\n"))
    assert community.check_image(SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 10))


@pytest.fixture
def programme(alpha):
    plan = Plan.objects.create(
        agency=alpha.a, year=2026, title="Rencana 2026", objectives="Meningkatkan kompetensi"
    )
    speaker = Speaker.objects.create(
        agency=alpha.a, name="Dr. Narasumber", expertise="Pelayanan publik"
    )
    programme = Programme.objects.create(
        agency=alpha.a,
        plan=plan,
        title="Bimtek Pelayanan Prima",
        form="bimtek",
        path_code="KL10",
        participant_count=60,
        jp_per_participant=24,
        planned_month=3,
    )
    programme.speakers.add(speaker)
    return programme


def test_an_offering_takes_title_path_form_jp_and_speakers_from_its_programme(alpha, programme):
    offering = Offering(
        agency=alpha.a,
        programme=programme,
        title="",
        path_code="",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 4),
        quota=30,
    )
    offerings.create_offering(offering, by=alpha.operator)
    assert (offering.title, offering.path_code, offering.form, offering.jp) == (
        "Bimtek Pelayanan Prima",
        "KL10",
        "bimtek",
        24,
    )
    assert [s.name for s in offering.speakers.all()] == ["Dr. Narasumber"]


def test_an_ad_hoc_offering_gets_the_usual_form_of_its_path(alpha):
    offering = Offering(
        agency=alpha.a,
        title="Sosialisasi SIASN",
        path_code="KL11",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 2),
        quota=100,
    )
    offerings.create_offering(offering, by=alpha.operator)
    assert offering.form == "sosialisasi" and offering.programme is None


def test_a_form_that_does_not_fit_the_path_is_refused(alpha):
    offering = Offering(
        agency=alpha.a,
        title="X",
        path_code="KL11",
        form="workshop",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 2),
        quota=10,
    )
    with pytest.raises(ValidationError) as error:
        offerings.create_offering(offering, by=alpha.operator)
    assert "form" in error.value.message_dict


def test_realized_costs_of_a_programme_by_budget_category(alpha, programme):
    first = Offering.objects.create(
        agency=alpha.a,
        programme=programme,
        title="Angkatan I",
        path_code="KL10",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 4),
        quota=30,
    )
    second = Offering.objects.create(
        agency=alpha.a,
        programme=programme,
        title="Angkatan II",
        path_code="KL10",
        starts_on=datetime.date(2026, 4, 6),
        ends_on=datetime.date(2026, 4, 8),
        quota=30,
    )
    for offering, amount in ((first, 3_000_000), (second, 2_500_000)):
        costs.record_cost(
            offering,
            category="honorarium",
            amount=Decimal(amount),
            spent_on=offering.starts_on,
            by=alpha.operator,
        )
    costs.record_cost(
        first,
        category="consumption",
        amount=Decimal(1_200_000),
        spent_on=first.starts_on,
        by=alpha.operator,
    )
    assert queries.realized_costs(programme) == {
        "consumption": Decimal(1_200_000),
        "honorarium": Decimal(5_500_000),
    }
