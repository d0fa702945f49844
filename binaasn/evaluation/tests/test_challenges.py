"""The challenges register of a plan: recording challenges, mitigation actions with owners and
due dates, resolving, the register page with filters, overdue badges and its Excel export."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from python_calamine import CalamineWorkbook

from binaasn.actions import services as action_services
from binaasn.actions.models import FollowUpAction
from binaasn.evaluation.models import Challenge
from binaasn.evaluation.services import challenges as services
from binaasn.planning.tests import factories as f

TODAY = datetime.date(2026, 6, 1)


def url(name, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"agency": "alpha", **kwargs})


@pytest.fixture
def plan(alpha):
    return f.make_plan(alpha.a, year=2026)


def record(plan, by, **fields):
    values = {
        "category": Challenge.Category.BUDGET,
        "description": "Anggaran pelatihan dipotong 40% di APBD-P.",
        "impact": Challenge.Impact.HIGH,
        "mitigation": "Sebagian angkatan dilaksanakan daring.",
    }
    values.update(fields)
    return services.create_challenge(plan, by=by, **values)


def act(challenge, by, owner, title="Susun jadwal pelatihan daring", due=None):
    return services.create_challenge_action(
        challenge, by=by, title=title, owner_user=owner, due_on=due
    )


# services


def test_recording_a_challenge_keeps_who_recorded_it(alpha, plan):
    challenge = record(plan, alpha.operator)
    assert challenge.status == Challenge.Status.OPEN
    assert challenge.recorded_by == alpha.operator
    assert challenge.staff_url == url("challenge-list", pk=plan.pk)


def test_a_mitigation_action_points_at_its_challenge_and_starts_the_mitigation(alpha, plan):
    challenge = record(plan, alpha.admin)
    action = act(challenge, alpha.admin, alpha.operator, due=TODAY)
    assert action.source == challenge
    assert action.owner_user == alpha.operator
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.MITIGATING


def test_an_action_without_owner_is_refused(alpha, plan):
    challenge = record(plan, alpha.admin)
    with pytest.raises(ValidationError) as error:
        services.create_challenge_action(challenge, by=alpha.admin, title="Tanpa pemilik")
    assert "owner_employee" in error.value.message_dict
    assert not FollowUpAction.objects.exists()


def test_resolving_with_open_actions_needs_a_note_which_is_kept(alpha, plan):
    challenge = record(plan, alpha.admin)
    act(challenge, alpha.admin, alpha.operator)
    with pytest.raises(ValidationError) as error:
        services.update_challenge(challenge, status=Challenge.Status.RESOLVED)
    assert "1 mitigation action is still open" in error.value.message_dict["resolution_note"][0]
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.MITIGATING

    services.update_challenge(
        challenge,
        status=Challenge.Status.RESOLVED,
        resolution_note="Anggaran dipulihkan di APBD-P.",
        today=TODAY,
    )
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.RESOLVED
    assert "Sebagian angkatan dilaksanakan daring." in challenge.mitigation
    assert (
        "Resolved on 01 June 2026 with 1 action still open: Anggaran dipulihkan di APBD-P."
        in challenge.mitigation
    )


def test_resolving_after_the_actions_are_closed_needs_no_note(alpha, plan):
    challenge = record(plan, alpha.admin)
    action = act(challenge, alpha.admin, alpha.operator)
    action_services.close_action(action, by=alpha.operator, note="Jadwal terbit")
    services.update_challenge(challenge, status=Challenge.Status.RESOLVED)
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.RESOLVED
    assert challenge.mitigation == "Sebagian angkatan dilaksanakan daring."


def test_a_new_challenge_is_not_resolved_already(alpha, plan):
    with pytest.raises(ValidationError):
        record(plan, alpha.admin, status=Challenge.Status.RESOLVED)


def test_register_lists_actions_with_overdue_flags(alpha, plan):
    budget = record(plan, alpha.admin)
    participation = record(
        plan,
        alpha.admin,
        category=Challenge.Category.PARTICIPATION,
        impact=Challenge.Impact.MEDIUM,
        mitigation="Insentif bagi ASN yang aktif mengikuti pelatihan.",
    )
    act(budget, alpha.admin, alpha.operator, due=datetime.date(2026, 5, 1))
    act(budget, alpha.admin, alpha.operator, title="Cari mitra", due=datetime.date(2026, 7, 1))
    rows = services.plan_register(plan, today=TODAY)
    counts = {c.pk: (len(c.actions), c.open_count, c.overdue_count) for c in rows}
    assert counts == {budget.pk: (2, 2, 1), participation.pk: (0, 0, 0)}
    only = services.plan_register(plan, category="participation", today=TODAY)
    assert [c.pk for c in only] == [participation.pk]


# pages


def test_operator_records_a_challenge(alpha, plan, login):
    response = login(alpha.operator).post(
        url("challenge-create", pk=plan.pk),
        {
            "category": "resistance",
            "description": "Sebagian ASN enggan memakai aplikasi baru.",
            "impact": "medium",
            "mitigation": "Penghargaan bagi ASN yang cepat beradaptasi.",
            "status": "open",
        },
    )
    assert response.status_code == 302 and response["Location"] == url("challenge-list", pk=plan.pk)
    challenge = Challenge.objects.get()
    assert challenge.category == "resistance" and challenge.recorded_by == alpha.operator


def test_a_challenge_form_with_errors_keeps_what_was_typed(alpha, plan, login):
    response = login(alpha.admin).post(
        url("challenge-create", pk=plan.pk),
        {"category": "", "description": "Jaringan internet di kecamatan lambat.", "impact": "low"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Jaringan internet di kecamatan lambat." in text
    assert "This field is required." in text
    assert not Challenge.objects.exists()


def test_the_edit_page_refuses_resolving_with_open_actions_without_a_note(alpha, plan, login):
    challenge = record(plan, alpha.admin)
    act(challenge, alpha.admin, alpha.operator)
    data = {
        "category": "budget",
        "description": "Anggaran dipotong, sudah diganti.",
        "impact": "high",
        "mitigation": challenge.mitigation,
        "status": "resolved",
        "resolution_note": "",
    }
    client = login(alpha.admin)
    response = client.post(url("challenge-edit", pk=challenge.pk), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "1 mitigation action is still open. Close it first" in text
    assert "Anggaran dipotong, sudah diganti." in text
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.MITIGATING

    data["resolution_note"] = "Pagu dipulihkan."
    response = client.post(url("challenge-edit", pk=challenge.pk), data)
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.RESOLVED and "Pagu dipulihkan." in (
        challenge.mitigation
    )


def test_a_mitigation_action_is_created_from_the_register(alpha, plan, login):
    challenge = record(plan, alpha.admin)
    response = login(alpha.operator).post(
        url("challenge-action-create", pk=challenge.pk),
        {
            "title": "Susun skema insentif",
            "kind": "general",
            "owner_user": alpha.operator.pk,
            "due_on": "2026-07-31",
        },
    )
    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert action.source == challenge and action.created_by == alpha.operator
    assert action.due_on == datetime.date(2026, 7, 31)


def test_an_action_without_owner_is_refused_and_the_form_keeps_the_values(alpha, plan, login):
    challenge = record(plan, alpha.admin)
    response = login(alpha.admin).post(
        url("challenge-action-create", pk=challenge.pk),
        {"title": "Susun skema insentif", "kind": "general", "due_on": "2026-07-31"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Choose who owns the action." in text
    assert 'value="Susun skema insentif"' in text
    assert 'value="2026-07-31"' in text
    assert not FollowUpAction.objects.exists()


def test_register_page_shows_actions_and_overdue_badges_in_fixed_queries(
    alpha, plan, login, django_assert_max_num_queries
):
    challenge = record(plan, alpha.admin)
    act(challenge, alpha.admin, alpha.operator, due=datetime.date(2020, 1, 1))
    client = login(alpha.leader)
    client.get(url("challenge-list", pk=plan.pk))  # warm the content type cache
    with django_assert_max_num_queries(10) as first:
        response = client.get(url("challenge-list", pk=plan.pk))
    text = response.content.decode()
    assert "Susun jadwal pelatihan daring" in text
    assert "1 action overdue" in text
    for n in range(4):
        other = record(plan, alpha.admin, description=f"Tantangan {n}")
        act(other, alpha.admin, alpha.operator, title=f"Aksi {n}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url("challenge-list", pk=plan.pk))
    assert "Aksi 3" in response.content.decode()


def test_register_filters_by_category(alpha, plan, login):
    record(plan, alpha.admin, description="Anggaran terbatas")
    record(plan, alpha.admin, category="participation", description="Peserta sedikit")
    text = (
        login(alpha.admin)
        .get(url("challenge-list", pk=plan.pk), {"category": "participation"})
        .content.decode()
    )
    assert "Peserta sedikit" in text and "Anggaran terbatas" not in text


def test_register_exports_to_excel(alpha, plan, login):
    challenge = record(plan, alpha.admin)
    act(challenge, alpha.admin, alpha.operator, due=datetime.date(2020, 1, 1))
    response = login(alpha.leader).get(url("challenge-list", pk=plan.pk), {"format": "xlsx"})
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[1][0] == "Budget limits"
    assert rows[1][3] == "Being mitigated"
    assert "Susun jadwal pelatihan daring" in rows[1][7] and "overdue" in rows[1][7]


def test_trainer_and_employee_cannot_open_the_register(alpha, plan, login):
    for user in (alpha.trainer, alpha.employee_user):
        assert login(user).get(url("challenge-list", pk=plan.pk)).status_code == 403
