import datetime
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from python_calamine import CalamineWorkbook

from binaasn.people.tests.factories import EmployeeFactory
from binaasn.surveys import services
from binaasn.surveys.models import Invitation, Questionnaire, Response
from binaasn.surveys.tests.factories import first_question, make_questionnaire, open_questionnaire

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"agency": "alpha", **kwargs})


def invite(questionnaire, employee):
    with scopes_disabled():
        return services.invite(questionnaire, employees=[employee]).created[0]


def test_admin_builds_and_publishes_a_questionnaire(cast, login):
    client = login(cast.admin)
    response = client.post(
        url("questionnaire-create"),
        {"title": "Evaluasi Bimtek SKP", "purpose": "reaction", "closes_on": "2099-12-31"},
    )
    with scopes_disabled():
        questionnaire = Questionnaire.objects.get(title="Evaluasi Bimtek SKP")
    assert response.status_code == 302
    response = client.post(
        url("question-create", pk=questionnaire.pk),
        {
            "kind": "likert",
            "text": "Materi relevan dengan tugas saya",
            "is_required": "on",
            "scale_max": "4",
            "scale_labels_text": "Tidak setuju\nKurang setuju\nSetuju\nSangat setuju",
        },
    )
    assert response.status_code == 302
    client.post(url("questionnaire-publish", pk=questionnaire.pk))
    page = client.get(url("questionnaire-detail", pk=questionnaire.pk)).content.decode()
    assert "Materi relevan dengan tugas saya" in page
    assert "1 = Tidak setuju" in page
    questionnaire.refresh_from_db()
    assert questionnaire.is_open and questionnaire.opens_on == timezone.localdate()


def test_questionnaire_without_questions_is_not_published_and_the_page_says_why(cast, login):
    questionnaire = make_questionnaire(cast.a, questions=[])
    client = login(cast.admin)
    response = client.post(url("questionnaire-publish", pk=questionnaire.pk), follow=True)
    assert "without questions cannot be published" in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.is_draft


def test_question_form_names_the_missing_options(cast, login):
    questionnaire = make_questionnaire(cast.a, questions=[])
    response = login(cast.admin).post(
        url("question-create", pk=questionnaire.pk),
        {"kind": "single", "text": "Metode", "scale_max": "5", "choices_text": "Klasikal"},
    )
    assert response.status_code == 200
    assert "A choice question needs at least two options." in response.content.decode()


def test_moving_a_question_with_htmx_returns_the_reordered_list(cast, login):
    questionnaire = make_questionnaire(cast.a)
    text = first_question(questionnaire, "short_text")
    response = login(cast.admin).post(
        url("question-move", pk=questionnaire.pk, question_pk=text.pk),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="question-list">')
    assert page.index("Saran perbaikan") < page.index("Materi relevan")


def test_operator_sees_only_questionnaires_of_their_unit(cast, login):
    own = make_questionnaire(cast.a, title="Survei Dinkes", owner_unit=cast.dinkes)
    other = make_questionnaire(cast.a, title="Survei Dukcapil", owner_unit=cast.dukcapil)
    client = login(cast.operator)
    page = client.get(url("questionnaire-list")).content.decode()
    assert "Survei Dinkes" in page and "Survei Dukcapil" not in page
    assert client.get(url("questionnaire-detail", pk=other.pk)).status_code == 404
    assert client.get(url("questionnaire-edit", pk=own.pk)).status_code == 200


def test_operator_new_questionnaire_belongs_to_their_unit_subtree(cast, login):
    client = login(cast.operator)
    form = client.get(url("questionnaire-create")).context["form"]
    assert set(form.fields["owner_unit"].queryset) == {cast.dinkes, cast.puskesmas}
    response = client.post(
        url("questionnaire-create"),
        {"title": "Survei", "purpose": "general", "owner_unit": cast.dukcapil.pk},
    )
    assert response.status_code == 200
    assert "owner_unit" in response.context["form"].errors


def test_inviting_a_unit_and_then_the_same_person_again(cast, login):
    questionnaire = open_questionnaire(cast.a, owner_unit=cast.dinkes)
    client = login(cast.operator)
    response = client.post(
        url("targeting", pk=questionnaire.pk),
        {"target": "units", "units": [cast.dinkes.pk]},
        follow=True,
    )
    assert "2 people invited." in response.content.decode()
    with scopes_disabled():
        nip = cast.employee.nip
    response = client.post(url("targeting", pk=questionnaire.pk), {"target": "people", "nips": nip})
    assert response.status_code == 200
    assert (
        "Siti Aminah has already been invited to this questionnaire." in response.content.decode()
    )
    with scopes_disabled():
        assert Invitation.objects.filter(questionnaire=questionnaire).count() == 2


def test_operator_cannot_invite_people_outside_their_unit(cast, login):
    questionnaire = open_questionnaire(cast.a, owner_unit=cast.dinkes)
    with scopes_disabled():
        nip = cast.outsider.nip
    response = login(cast.operator).post(
        url("targeting", pk=questionnaire.pk), {"target": "people", "nips": nip}
    )
    assert "Andi Luar works outside your unit." in response.content.decode()


def test_reminder_shows_on_the_employees_page_and_is_emailed(cast, login):
    questionnaire = open_questionnaire(cast.a, title="Survei budaya kerja")
    with scopes_disabled():
        cast.employee.email = "siti@example.test"
        cast.employee.save()
    invite(questionnaire, cast.employee)
    mail.outbox.clear()
    login(cast.admin).post(url("invitation-remind", pk=questionnaire.pk))
    assert [m.to for m in mail.outbox] == [["siti@example.test"]]
    page = login(cast.employee_user).get(url("my-questionnaires")).content.decode()
    assert "Survei budaya kerja" in page
    assert "You were reminded on" in page


def test_employee_answers_and_a_likert_value_outside_the_scale_is_refused(cast, login):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite(questionnaire, cast.employee)
    likert = first_question(questionnaire, "likert")
    client = login(cast.employee_user)
    response = client.post(url("respond", pk=invitation.pk), {f"q{likert.pk}": "9"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Question 1 &quot;Materi relevan dengan pekerjaan saya&quot;: the answer must be" in page
    response = client.post(url("respond", pk=invitation.pk), {f"q{likert.pk}": "4"})
    assert response.status_code == 302
    page = client.get(url("respond", pk=invitation.pk)).content.decode()
    assert f'id="q{likert.pk}-4" value="4" checked' in page
    with scopes_disabled():
        assert Response.objects.get(invitation=invitation).respondent == cast.employee


def test_employee_cannot_open_someone_elses_invitation(cast, login):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite(questionnaire, cast.outsider)
    assert login(cast.employee_user).get(url("respond", pk=invitation.pk)).status_code == 404


def test_response_after_the_close_date_is_refused_with_a_clear_message(cast, login, time_machine):
    questionnaire = open_questionnaire(cast.a, closes_in_days=2)
    invitation = invite(questionnaire, cast.employee)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=4))
    client = login(cast.employee_user)
    likert = first_question(questionnaire, "likert")
    response = client.post(url("respond", pk=invitation.pk), {f"q{likert.pk}": "4"})
    assert response.status_code == 200
    assert "has passed; responses are no longer accepted." in response.content.decode()
    with scopes_disabled():
        assert not Response.objects.exists()


def test_public_link_works_without_login_and_stores_an_anonymous_response(cast, client):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        code = services.open_link(questionnaire)
    likert = first_question(questionnaire, "likert")
    link = reverse("surveys_public:link-respond", kwargs={"public_agency": "alpha", "code": code})
    page = client.get(link).content.decode()
    assert "Materi relevan dengan pekerjaan saya" in page and "<script>" not in page
    response = client.post(link, {f"q{likert.pk}": "5"})
    assert response.status_code == 302 and response["Location"].endswith("/terima-kasih/")
    with scopes_disabled():
        stored = Response.objects.get(questionnaire=questionnaire)
    assert stored.respondent is None and stored.channel == "link"
    closed = reverse("surveys_public:link-respond", kwargs={"public_agency": "beta", "code": code})
    assert client.get(closed).status_code == 404


def test_results_page_draws_charts_from_json_without_inline_script(cast, login):
    questionnaire = open_questionnaire(cast.a)
    invitation = invite(questionnaire, cast.employee)
    with scopes_disabled():
        services.submit_response(invitation, {"relevance": 4, "suggestion": "Tambah praktik"})
    page = login(cast.leader).get(url("results", pk=questionnaire.pk)).content.decode()
    assert 'id="survey-charts" type="application/json"' in page
    assert "surveys/results.js" in page and "chart.umd.min.js" in page
    assert "Tambah praktik" in page
    assert "Puskesmas Telaga" in page  # response rate per unit


def test_anonymous_results_say_they_wait_for_five_responses(cast, login):
    questionnaire = open_questionnaire(cast.a, is_anonymous=True)
    invitation = invite(questionnaire, cast.employee)
    with scopes_disabled():
        services.submit_response(invitation, {"relevance": 4, "suggestion": "Rahasia"})
    client = login(cast.admin)
    page = client.get(url("results", pk=questionnaire.pk)).content.decode()
    assert "Rahasia" not in page
    assert "shown only when at least 5 people have answered" in page
    response = client.get(url("results", pk=questionnaire.pk) + "?format=xlsx")
    assert response.status_code == 302


def test_excel_export_has_one_row_per_response_and_one_column_per_question(cast, login):
    questionnaire = open_questionnaire(cast.a)
    with scopes_disabled():
        services.invite(questionnaire, units=[cast.dinkes])
        for invitation, level in zip(questionnaire.invitations.order_by("pk"), (3, 5), strict=True):
            services.submit_response(invitation, {"relevance": level})
    response = login(cast.admin).get(url("results", pk=questionnaire.pk) + "?format=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][-2:] == ["1. Materi relevan dengan pekerjaan saya", "2. Saran perbaikan"]
    assert len(rows) == 3
    assert sorted(row[-2] for row in rows[1:]) == [3, 5]


def test_copying_a_template_makes_a_draft_owned_by_the_operators_unit(cast, login):
    template = make_questionnaire(cast.a, title="Templat reaksi", is_template=True)
    response = login(cast.operator).post(
        url("questionnaire-copy", pk=template.pk), {"title": "Reaksi Bimtek Puskesmas"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        copy = Questionnaire.objects.get(title="Reaksi Bimtek Puskesmas")
        assert copy.owner_unit == cast.dinkes and copy.source == template and copy.is_draft
        assert copy.questions.count() == 2


def test_questionnaire_list_query_count_does_not_grow_with_rows(
    cast, login, django_assert_num_queries
):
    client = login(cast.admin)
    for n in range(3):
        make_questionnaire(cast.a, title=f"Survei {n}")
    client.get(url("questionnaire-list"))  # the first visit also records the last agency
    with CaptureQueriesContext(connection) as few:
        client.get(url("questionnaire-list"))
    for n in range(6):
        questionnaire = open_questionnaire(cast.a, title=f"Survei lagi {n}")
        invite(questionnaire, cast.employee)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("questionnaire-list"))
    assert "Survei lagi 5" in response.content.decode()


def test_my_questionnaires_query_count_does_not_grow_with_rows(
    cast, login, django_assert_num_queries
):
    client = login(cast.employee_user)
    invite(open_questionnaire(cast.a, title="Pertama"), cast.employee)
    client.get(url("questionnaire-list"))  # the first visit also records the last agency
    with CaptureQueriesContext(connection) as few:
        client.get(url("my-questionnaires"))
    for n in range(5):
        invite(open_questionnaire(cast.a, title=f"Survei {n}"), cast.employee)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("my-questionnaires"))
    assert "Survei 4" in response.content.decode()


def test_targeting_page_query_count_does_not_grow_with_invitations(
    cast, login, django_assert_num_queries
):
    questionnaire = open_questionnaire(cast.a)
    client = login(cast.admin)
    invite(questionnaire, cast.employee)
    client.get(url("questionnaire-list"))  # the first visit also records the last agency
    with CaptureQueriesContext(connection) as few:
        client.get(url("targeting", pk=questionnaire.pk))
    with scopes_disabled():
        more = EmployeeFactory.create_batch(6, agency=cast.a, unit=cast.dukcapil)
        services.invite(questionnaire, employees=more)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url("targeting", pk=questionnaire.pk))
