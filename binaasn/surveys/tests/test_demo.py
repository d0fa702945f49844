import pytest
from django_scopes import scopes_disabled

from binaasn.core.demo import DemoContext
from binaasn.surveys import demo, queries, services
from binaasn.surveys.models import Questionnaire

pytestmark = pytest.mark.django_db


def test_demo_templates_are_written_once(cast):
    with scopes_disabled():
        assert demo.seed(cast.a) == 2
        assert demo.seed(cast.a) == 0
        titles = set(
            Questionnaire.objects.for_agency(cast.a).templates().values_list("title", flat=True)
        )
    assert titles == {demo.AKPK_TITLE, demo.REACTION_TITLE}


def test_reaction_template_asks_the_kirkpatrick_level_one_items(cast):
    with scopes_disabled():
        demo.seed(cast.a)
        template = Questionnaire.objects.get(title=demo.REACTION_TITLE)
        codes = [q.code for q in services.ordered_questions(template)]
    assert codes == [
        "relevance", "speaker_mastery", "speaker_delivery", "organisation", "facilities",
        "confidence_before", "confidence_after", "suggestion",
    ]  # fmt: skip


def test_needs_analysis_template_rates_the_nine_asn_competencies(cast):
    with scopes_disabled():
        demo.seed(cast.a)
        template = Questionnaire.objects.get(title=demo.AKPK_TITLE)
        grid = template.questions.get(kind="rating_grid")
    assert [item["name"] for item in grid.items][:2] == ["Integritas", "Kerjasama"]
    assert len(grid.items) == 9


def test_demo_step_adds_an_open_questionnaire_with_answers_and_a_pending_asn(cast):
    ctx = DemoContext(agency=cast.a, data={"operator_unit": cast.dinkes, "asn": cast.employee})
    with scopes_disabled():
        first = demo.seed_step(ctx)
        again = demo.seed_step(ctx)
        sample = Questionnaire.objects.get(title=demo.SAMPLE_TITLE)
        pending = sample.invitations.get(employee=cast.employee)
        outcome = queries.results(sample)
    assert first.questionnaires == 3 and again.questionnaires == 0 and again.responses == 0
    assert sample.is_open and sample.accepts_responses()
    assert pending.responded_at is None
    assert outcome.response_count == first.responses
