import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from binaasn.people.tests.factories import EmployeeFactory
from binaasn.surveys import queries, services
from binaasn.surveys.models import Invitation, Response
from binaasn.surveys.signals import response_submitted
from binaasn.surveys.tests.factories import first_question, make_questionnaire, open_questionnaire

pytestmark = pytest.mark.django_db

GRID_ITEMS = [{"id": 11, "name": "Integritas"}, {"id": 12, "name": "Kerjasama"}]


def invite_one(questionnaire, employee):
    with scopes_disabled():
        return services.invite(questionnaire, employees=[employee]).created[0]


def messages_of(error):
    return " ".join(error.value.messages)


# Building and publishing -------------------------------------------------------------------


def test_questionnaire_without_questions_cannot_be_published(cast):
    questionnaire = make_questionnaire(cast.a, questions=[])
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.publish(questionnaire)
    assert "without questions cannot be published" in messages_of(error)
    questionnaire.refresh_from_db()
    assert questionnaire.is_draft


def test_likert_scale_other_than_four_or_five_points_is_refused(cast):
    questionnaire = make_questionnaire(cast.a, questions=[])
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.add_question(questionnaire, kind="likert", text="Puas?", scale_max=7)
    assert "scale_max" in error.value.message_dict


def test_choice_question_needs_two_options(cast):
    questionnaire = make_questionnaire(cast.a, questions=[])
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.add_question(questionnaire, kind="single", text="Jenis kelamin", choices=["L"])
    assert "at least two options" in error.value.message_dict["choices"][0]


def test_questions_cannot_change_once_published(cast):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.add_question(questionnaire, kind="short_text", text="Lagi?")
    assert "only be changed while the questionnaire is a draft" in messages_of(error)


def test_move_question_reorders_within_its_section(cast):
    questionnaire = make_questionnaire(cast.a)
    with scopes_disabled():
        text_question = first_question(questionnaire, "short_text")
        services.move_question(text_question, -1)
        order = [q.text for q in services.ordered_questions(questionnaire)]
    assert order == ["Saran perbaikan", "Materi relevan dengan pekerjaan saya"]


def test_copy_as_template_keeps_sections_and_questions_but_no_answers(cast):
    source = open_questionnaire(
        cast.a,
        questions=[
            {
                "kind": "likert",
                "text": "Relevansi materi",
                "scale_max": 4,
                "scale_labels": ["a", "b", "c", "d"],
            },
            {"kind": "rating_grid", "text": "Kompetensi", "items": GRID_ITEMS},
        ],
    )
    with scopes_disabled():
        invitation = invite_one(source, cast.employee)
        services.submit_response(
            invitation,
            {
                first_question(source).pk: 3,
                first_question(source, "rating_grid").pk: {"11": 2, "12": 3},
            },
        )
        template = services.copy_questionnaire(source, title="Templat evaluasi", is_template=True)
        copy = services.copy_questionnaire(template, title="Evaluasi batch 2")
        questions = services.ordered_questions(copy)
    assert template.is_template and template.is_draft and template.source == source
    assert copy.is_draft and not copy.is_template
    assert [q.text for q in questions] == ["Relevansi materi", "Kompetensi"]
    assert questions[0].scale_max == 4 and questions[0].scale_labels == ["a", "b", "c", "d"]
    assert questions[1].items == [
        {"id": "11", "name": "Integritas"},
        {"id": "12", "name": "Kerjasama"},
    ]
    with scopes_disabled():
        assert copy.responses.count() == 0 and copy.invitations.count() == 0


def test_template_cannot_be_published(cast):
    template = make_questionnaire(cast.a, is_template=True)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.publish(template)
    assert "template cannot be published" in messages_of(error)


# Invitations -------------------------------------------------------------------------------


def test_inviting_a_unit_invites_everyone_active_in_its_subtree(cast):
    questionnaire = make_questionnaire(cast.a)
    with scopes_disabled():
        EmployeeFactory(agency=cast.a, unit=cast.puskesmas, name="Sudah Pensiun", is_active=False)
        result = services.invite(questionnaire, units=[cast.dinkes])
        invited = sorted(i.employee.name for i in questionnaire.invitations.all())
    assert invited == ["Budi Kepala", "Siti Aminah"]
    assert len(result.created) == 2


def test_sending_twice_to_the_same_person_is_refused(cast):
    questionnaire = make_questionnaire(cast.a)
    invite_one(questionnaire, cast.employee)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.invite(questionnaire, employees=[cast.employee])
        assert questionnaire.invitations.count() == 1
    assert "Siti Aminah has already been invited to this questionnaire" in messages_of(error)


def test_inviting_a_unit_again_skips_those_already_invited(cast):
    questionnaire = make_questionnaire(cast.a)
    invite_one(questionnaire, cast.employee)
    with scopes_disabled():
        result = services.invite(questionnaire, units=[cast.pemda])
        assert questionnaire.invitations.count() == 3
    assert [i.employee.name for i in result.created] == ["Andi Luar", "Budi Kepala"]
    assert result.skipped == ["Siti Aminah"]


def test_supervisors_are_invited_to_answer_about_each_subordinate(cast):
    questionnaire = make_questionnaire(cast.a)
    with scopes_disabled():
        services.invite(questionnaire, supervisors_of=[cast.puskesmas])
        invitation = questionnaire.invitations.get()
    assert invitation.employee == cast.supervisor
    assert invitation.subject == cast.employee
    assert invitation.relation == Invitation.Relation.SUPERVISOR


def test_operator_cannot_invite_outside_their_unit(cast):
    questionnaire = make_questionnaire(cast.a, owner_unit=cast.dinkes)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.invite(questionnaire, employees=[cast.outsider], within=cast.dinkes)
    assert "Andi Luar works outside your unit" in messages_of(error)
    with scopes_disabled(), pytest.raises(ValidationError):
        services.invite(questionnaire, units=[cast.dukcapil], within=cast.dinkes)


def test_invitations_are_emailed_when_open_and_reminders_mark_pending_ones(cast):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        cast.employee.email = "siti@example.test"
        cast.employee.save()
        services.invite(questionnaire, units=[cast.dinkes], base_url="https://binaasn.test")
        assert [m.to for m in mail.outbox] == [["siti@example.test"]]
        assert "https://binaasn.test/alpha/kuesioner/isi/" in mail.outbox[0].body
        budi = questionnaire.invitations.get(employee=cast.supervisor)
        services.submit_response(budi, {"relevance": 4})
        result = services.send_reminders(questionnaire)
        siti = questionnaire.invitations.get(employee=cast.employee)
        budi.refresh_from_db()
    assert result.reminded == 1 and result.emailed == 1
    assert siti.reminded_at is not None and siti.reminder_count == 1
    assert budi.reminded_at is None
    assert mail.outbox[-1].subject == "Reminder: please fill in Survei kepuasan pelatihan"


# Answering ---------------------------------------------------------------------------------


def test_likert_answer_outside_the_scale_is_refused_naming_the_question(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    likert = first_question(questionnaire, "likert")
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {likert.pk: 6})
    message = error.value.message_dict[f"q{likert.pk}"][0]
    assert 'Question 1 "Materi relevan dengan pekerjaan saya"' in message
    assert "from 1 to 5" in message
    with scopes_disabled():
        assert not Response.objects.exists()


def test_required_question_must_be_answered(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    text = first_question(questionnaire, "short_text")
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {text.pk: "Lebih banyak praktik"})
    assert "is required" in messages_of(error)
    assert "Materi relevan" in messages_of(error)


def test_optional_question_may_stay_empty(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    with scopes_disabled():
        response = services.submit_response(invitation, {"relevance": "4"})
        assert response.answers.count() == 1


def test_number_answer_respects_minimum_and_maximum(cast):
    questionnaire = open_questionnaire(
        cast.a,
        questions=[
            {"kind": "number", "text": "Jam belajar mandiri", "min_value": 0, "max_value": 40}
        ],
    )
    invitation = invite_one(questionnaire, cast.employee)
    question = first_question(questionnaire)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {question.pk: "41"})
    assert "at most 40" in messages_of(error)
    with scopes_disabled():
        services.submit_response(invitation, {question.pk: "12,5"})
        assert queries.results(questionnaire).questions[0].mean == 12.5


def test_choice_answer_must_be_one_of_the_options(cast):
    questionnaire = open_questionnaire(
        cast.a,
        questions=[
            {"kind": "single", "text": "Metode favorit", "choices": ["Klasikal", "E-learning"]},
            {
                "kind": "multiple",
                "text": "Topik",
                "choices": ["SKP", "Keuangan", "TIK"],
                "is_required": False,
            },
        ],
    )
    invitation = invite_one(questionnaire, cast.employee)
    single, multiple = (first_question(questionnaire, kind) for kind in ("single", "multiple"))
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {single.pk: "Magang"})
    assert "choose one of the listed options" in messages_of(error)
    with scopes_disabled():
        services.submit_response(invitation, {single.pk: "Klasikal", multiple.pk: ["TIK", "SKP"]})
        result = queries.results(questionnaire)
    assert result.questions[1].distribution == [
        ("SKP", 1, 100),
        ("Keuangan", 0, 0),
        ("TIK", 1, 100),
    ]


def test_rating_grid_needs_a_level_from_one_to_five_for_every_row(cast):
    questionnaire = open_questionnaire(
        cast.a,
        questions=[
            {"kind": "rating_grid", "text": "Tingkat kompetensi saat ini", "items": GRID_ITEMS}
        ],
    )
    invitation = invite_one(questionnaire, cast.employee)
    grid = first_question(questionnaire)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {grid.pk: {"11": 3}})
    assert "missing: Kerjasama" in messages_of(error)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {grid.pk: {"11": 3, "12": 9}})
    assert "Kerjasama: the level must be a whole number from 1 to 5" in messages_of(error)


def test_one_response_per_invitee_which_can_be_changed_until_the_close_date(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    with scopes_disabled():
        first = services.submit_response(invitation, {"relevance": 2})
        second = services.submit_response(invitation, {"relevance": 5, "suggestion": ""})
        assert first.pk == second.pk
        assert Response.objects.filter(questionnaire=questionnaire).count() == 1
        assert services.answers_of(second) == {first_question(questionnaire).pk: 5}


def test_response_after_the_close_date_is_refused(cast):
    questionnaire = open_questionnaire(cast.a, closes_in_days=3)
    invitation = invite_one(questionnaire, cast.employee)
    later = timezone.localdate() + datetime.timedelta(days=4)
    with scopes_disabled(), pytest.raises(ValidationError) as error:
        services.submit_response(invitation, {"relevance": 4}, today=later)
    assert "has passed; responses are no longer accepted" in messages_of(error)


def test_response_to_a_closed_questionnaire_is_refused(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    with scopes_disabled():
        services.close(questionnaire)
        with pytest.raises(ValidationError) as error:
            services.submit_response(invitation, {"relevance": 4})
    assert "was closed on" in messages_of(error)


def test_public_link_takes_anonymous_responses_only_while_open(cast):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        with pytest.raises(ValidationError):
            services.submit_response(questionnaire, {"relevance": 3})
        code = services.open_link(questionnaire)
        response = services.submit_response(questionnaire, {"relevance": 3})
        assert len(code) >= 20
        assert response.respondent is None and response.channel == "link"
        services.close_link(questionnaire)
        questionnaire.refresh_from_db()
        assert questionnaire.link_code is None


def test_other_apps_hear_of_each_submitted_response(cast):
    heard = []

    def receiver(sender, questionnaire, response, created, **kwargs):
        heard.append((questionnaire.pk, response.pk, created))

    response_submitted.connect(receiver)
    try:
        questionnaire = open_questionnaire(cast.a)
        invitation = invite_one(questionnaire, cast.employee)
        with scopes_disabled():
            response = services.submit_response(invitation, {"relevance": 4})
            services.submit_response(invitation, {"relevance": 5})
    finally:
        response_submitted.disconnect(receiver)
    assert heard == [(questionnaire.pk, response.pk, True), (questionnaire.pk, response.pk, False)]


# Reads -------------------------------------------------------------------------------------


def test_anonymous_results_appear_only_from_five_responses(cast):
    questionnaire = open_questionnaire(cast.a, is_anonymous=True)
    with scopes_disabled():
        people = EmployeeFactory.create_batch(5, agency=cast.a, unit=cast.dukcapil)
        services.invite(questionnaire, employees=people)
        invitations = list(questionnaire.invitations.all())
        for invitation in invitations[:4]:
            services.submit_response(invitation, {"relevance": 4})
        hidden = queries.results(questionnaire)
        services.submit_response(invitations[4], {"relevance": 2})
        shown = queries.results(questionnaire)
        headers, rows = queries.export_table(questionnaire)
        rows = list(rows)
    assert hidden.hidden and hidden.questions == [] and hidden.response_count == 4
    assert not shown.hidden and shown.questions[0].mean == 3.6
    assert "NIP" not in headers and "Name" not in headers
    assert all(person.nip not in map(str, row) for row in rows for person in people)
    with scopes_disabled():
        assert not Response.objects.filter(
            questionnaire=questionnaire, respondent__isnull=False
        ).exists()


def test_likert_results_count_each_point_with_its_label(cast):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        services.invite(questionnaire, units=[cast.pemda])
        for invitation, level in zip(
            questionnaire.invitations.order_by("pk"), [5, 4, 4], strict=True
        ):
            services.submit_response(invitation, {"relevance": level, "suggestion": "Praktik"})
        result = queries.results(questionnaire).questions
    assert result[0].mean == 4.33
    assert result[0].distribution[3] == ("Setuju", 2, 67)
    assert result[1].texts == ["Praktik", "Praktik", "Praktik"]


def test_response_rate_counts_invited_and_answered_per_unit(cast):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        EmployeeFactory(agency=cast.a, unit=cast.puskesmas, name="Dewi Bidan")
        services.invite(questionnaire, units=[cast.pemda])
        services.submit_response(
            questionnaire.invitations.get(employee=cast.employee), {"relevance": 4}
        )
        table = queries.response_rate_by_unit(questionnaire)
    rows = {r.unit_name: (r.invited, r.answered, r.percent) for r in table}
    assert rows == {
        "Dinas Kesehatan": (1, 0, 0),
        "Puskesmas Telaga": (2, 1, 50),
        "Disdukcapil": (1, 0, 0),
    }
    assert [r.unit_name for r in table] == ["Dinas Kesehatan", "Puskesmas Telaga", "Disdukcapil"]
    assert (table.total.invited, table.total.answered, table.total.percent) == (4, 1, 25)


def test_competency_ratings_give_each_employee_level_per_competency_by_rater(cast):
    questionnaire = open_questionnaire(
        cast.a,
        questions=[{"kind": "rating_grid", "text": "Tingkat kompetensi", "items": GRID_ITEMS}],
    )
    grid = first_question(questionnaire)
    with scopes_disabled():
        services.invite(questionnaire, employees=[cast.employee], supervisors_of=[cast.employee])
        own = questionnaire.invitations.get(relation="self")
        boss = questionnaire.invitations.get(relation="supervisor")
        services.submit_response(own, {grid.pk: {"11": 4, "12": 3}})
        services.submit_response(boss, {grid.pk: {"11": 3, "12": 2}})
        ratings = queries.competency_ratings(questionnaire)
    simplified = sorted((r["employee_id"], r["rater"], r["item_name"], r["level"]) for r in ratings)
    assert simplified == [
        (cast.employee.pk, "self", "Integritas", 4),
        (cast.employee.pk, "self", "Kerjasama", 3),
        (cast.employee.pk, "supervisor", "Integritas", 3),
        (cast.employee.pk, "supervisor", "Kerjasama", 2),
    ]
    assert {r["item_id"] for r in ratings} == {"11", "12"}


def test_export_has_one_row_per_response_and_one_column_per_question(cast):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite_one(questionnaire, cast.employee)
    with scopes_disabled():
        services.submit_response(invitation, {"relevance": 4, "suggestion": "=1+1"})
        headers, rows = queries.export_table(questionnaire)
        rows = list(rows)
    assert headers[-2:] == ["1. Materi relevan dengan pekerjaan saya", "2. Saran perbaikan"]
    assert len(rows) == 1
    assert rows[0][-2:] == [4, "=1+1"]
    assert "Siti Aminah" in rows[0]


def test_questionnaire_changes_are_audited_and_a_batch_of_invitations_is_one_entry(cast):
    from binaasn.core.models import AuditEntry

    questionnaire = make_questionnaire(cast.a, title="Survei awal")
    with scopes_disabled():
        services.update_questionnaire(questionnaire, title="Survei iklim kerja")
        services.invite(questionnaire, units=[cast.pemda], by=cast.admin)
        entries = AuditEntry.objects.get_for_object(questionnaire).filter(agency=cast.a)
        renamed = [
            e for e in entries.filter(action=AuditEntry.Action.UPDATE) if "title" in e.changes
        ]
        batches = [e for e in entries if "batch" in (e.changes or {})]
    assert len(renamed) == 1 and renamed[0].changes["title"] == [
        "Survei awal",
        "Survei iklim kerja",
    ]
    assert len(batches) == 1 and batches[0].changes["batch"][1] == "3 invitations"
    assert batches[0].actor == cast.admin
