"""Builders for questionnaire tests: they go through the services, as the pages do."""

import datetime

from django.utils import timezone
from django_scopes import scopes_disabled

from binaasn.surveys import services
from binaasn.surveys.models import Question


def make_questionnaire(agency, *, title="Survei kepuasan pelatihan", questions=None, **options):
    """A draft questionnaire; ``questions`` is a list of add_question keyword dicts
    (default: one Likert 1–5 and one short text)."""
    with scopes_disabled():
        questionnaire = services.create_questionnaire(agency, title=title, **options)
        for spec in questions if questions is not None else default_questions():
            services.add_question(questionnaire, **spec)
    return questionnaire


def default_questions():
    return [
        {
            "kind": Question.Kind.LIKERT,
            "text": "Materi relevan dengan pekerjaan saya",
            "scale_max": 5,
            "scale_labels": [
                "Sangat tidak setuju",
                "Tidak setuju",
                "Ragu",
                "Setuju",
                "Sangat setuju",
            ],
            "code": "relevance",
        },
        {
            "kind": Question.Kind.SHORT_TEXT,
            "text": "Saran perbaikan",
            "is_required": False,
            "code": "suggestion",
        },
    ]


def open_questionnaire(agency, *, closes_in_days=30, **kwargs):
    today = timezone.localdate()
    kwargs.setdefault("closes_on", today + datetime.timedelta(days=closes_in_days))
    questionnaire = make_questionnaire(agency, **kwargs)
    with scopes_disabled():
        services.publish(questionnaire)
    return questionnaire


def first_question(questionnaire, kind=None):
    with scopes_disabled():
        questions = questionnaire.questions.order_by("section__position", "position")
        if kind:
            questions = questions.filter(kind=kind)
        return questions.first()
