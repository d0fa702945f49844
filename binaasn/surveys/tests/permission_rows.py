"""Who may open each questionnaire page (see binaasn/core/tests/matrix.py).

POST rows aim at objects the action refuses to change (an open questionnaire cannot be deleted,
an answered invitation cannot be withdrawn), so every role meets the same object."""

import datetime

from django.utils import timezone

from binaasn.core.tests.matrix import Row, everyone
from binaasn.surveys import services

MANAGE = {"admin": 200, "operator": 200}
MANAGE_POST = {"admin": 302, "operator": 302}
READ = {"admin": 200, "operator": 200, "leader": 200}
ONLY_THE_INVITEE = {"admin": 404, "operator": 404, "leader": 404, "trainer": 404, "employee": 200}


def _survey(agency, unit, employee, title):
    """A draft and an open questionnaire of ``unit`` with an answered invitation of ``employee``."""
    draft = services.create_questionnaire(agency, title=f"{title} (draf)", owner_unit=unit)
    services.add_question(draft, kind="likert", text="Materi relevan", scale_max=5)
    services.add_question(draft, kind="short_text", text="Saran", is_required=False)
    live = services.create_questionnaire(
        agency,
        title=title,
        owner_unit=unit,
        closes_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.add_question(live, kind="likert", text="Materi relevan", scale_max=5)
    services.publish(live)
    services.open_link(live)
    invitation = services.invite(live, employees=[employee]).created[0]
    services.submit_response(invitation, {live.questions.get().pk: 4})
    return draft, live, invitation


def prepare(cast):
    cast.sv_draft, cast.sv_open, cast.sv_invitation = _survey(
        cast.a, cast.dinkes, cast.employee, "Evaluasi pelatihan"
    )
    cast.sv_b_draft, cast.sv_b_open, cast.sv_b_invitation = _survey(
        cast.b, cast.b_unit, cast.employee_b, "Evaluasi Beta"
    )
    cast.sv_ids = {}
    for prefix, draft, live in (
        ("", cast.sv_draft, cast.sv_open),
        ("b_", cast.sv_b_draft, cast.sv_b_open),
    ):
        cast.sv_ids[f"{prefix}draft_section"] = draft.sections.get().pk
        cast.sv_ids[f"{prefix}open_section"] = live.sections.get().pk
        cast.sv_ids[f"{prefix}draft_question"] = draft.questions.order_by("pk").first().pk
        cast.sv_ids[f"{prefix}open_question"] = live.questions.get().pk


def _draft(c):
    return {"pk": c.sv_draft.pk}


def _draft_b(c):
    return {"pk": c.sv_b_draft.pk}


def _open(c):
    return {"pk": c.sv_open.pk}


def _open_b(c):
    return {"pk": c.sv_b_open.pk}


def _draft_section(c):
    return {"pk": c.sv_draft.pk, "section_pk": c.sv_ids["draft_section"]}


def _draft_section_b(c):
    return {"pk": c.sv_b_draft.pk, "section_pk": c.sv_ids["b_draft_section"]}


def _open_section(c):
    return {"pk": c.sv_open.pk, "section_pk": c.sv_ids["open_section"]}


def _open_section_b(c):
    return {"pk": c.sv_b_open.pk, "section_pk": c.sv_ids["b_open_section"]}


def _draft_question(c):
    return {"pk": c.sv_draft.pk, "question_pk": c.sv_ids["draft_question"]}


def _draft_question_b(c):
    return {"pk": c.sv_b_draft.pk, "question_pk": c.sv_ids["b_draft_question"]}


def _open_question(c):
    return {"pk": c.sv_open.pk, "question_pk": c.sv_ids["open_question"]}


def _open_question_b(c):
    return {"pk": c.sv_b_open.pk, "question_pk": c.sv_ids["b_open_question"]}


def _answered(c):
    return {"pk": c.sv_open.pk, "invitation_pk": c.sv_invitation.pk}


def _answered_b(c):
    return {"pk": c.sv_b_open.pk, "invitation_pk": c.sv_b_invitation.pk}


ROWS = [
    Row("surveys:questionnaire-list", expect=READ),
    Row("surveys:questionnaire-list", query="format=xlsx", expect=READ),
    Row("surveys:questionnaire-create", expect=MANAGE),
    Row("surveys:questionnaire-detail", kwargs=_draft, foreign=_draft_b, expect=READ),
    Row("surveys:questionnaire-edit", kwargs=_draft, foreign=_draft_b, expect=MANAGE),
    Row("surveys:questionnaire-copy", kwargs=_open, foreign=_open_b, expect=MANAGE),
    Row(
        "surveys:questionnaire-delete",
        method="post",
        kwargs=_open,
        foreign=_open_b,
        expect=MANAGE_POST,
    ),
    Row(
        "surveys:questionnaire-publish",
        method="post",
        kwargs=_open,
        foreign=_open_b,
        expect=MANAGE_POST,
    ),
    Row(
        "surveys:questionnaire-close",
        method="post",
        kwargs=_draft,
        foreign=_draft_b,
        expect=MANAGE_POST,
    ),
    Row("surveys:link-open", method="post", kwargs=_open, foreign=_open_b, expect=MANAGE_POST),
    Row("surveys:link-close", method="post", kwargs=_draft, foreign=_draft_b, expect=MANAGE_POST),
    Row("surveys:section-create", kwargs=_draft, foreign=_draft_b, expect=MANAGE),
    Row("surveys:section-edit", kwargs=_draft_section, foreign=_draft_section_b, expect=MANAGE),
    Row(
        "surveys:section-delete",
        method="post",
        kwargs=_open_section,
        foreign=_open_section_b,
        expect=MANAGE_POST,
    ),
    Row("surveys:question-create", kwargs=_draft, foreign=_draft_b, expect=MANAGE),
    Row("surveys:question-edit", kwargs=_draft_question, foreign=_draft_question_b, expect=MANAGE),
    Row(
        "surveys:question-delete",
        method="post",
        kwargs=_open_question,
        foreign=_open_question_b,
        expect=MANAGE_POST,
    ),
    Row(
        "surveys:question-move",
        method="post",
        kwargs=_draft_question,
        foreign=_draft_question_b,
        data=lambda c: {"direction": "down"},
        expect=MANAGE_POST,
    ),
    Row("surveys:targeting", kwargs=_open, foreign=_open_b, expect=MANAGE),
    Row(
        "surveys:invitation-remind",
        method="post",
        kwargs=_open,
        foreign=_open_b,
        expect=MANAGE_POST,
    ),
    Row(
        "surveys:invitation-cancel",
        method="post",
        kwargs=_answered,
        foreign=_answered_b,
        expect=MANAGE_POST,
    ),
    Row("surveys:results", kwargs=_open, foreign=_open_b, expect=READ),
    Row("surveys:results", kwargs=_open, query="format=xlsx", expect=READ),
    Row("surveys:my-questionnaires", expect=everyone(200)),
    Row(
        "surveys:respond",
        kwargs=lambda c: {"pk": c.sv_invitation.pk},
        foreign=lambda c: {"pk": c.sv_b_invitation.pk},
        expect=ONLY_THE_INVITEE,
    ),
    Row(
        "surveys_public:link-respond",
        public=True,
        kwargs=lambda c: {"code": c.sv_open.link_code},
        foreign=lambda c: {"code": c.sv_b_open.link_code},
        expect={"anonymous": 200},
    ),
    Row(
        "surveys_public:link-thanks",
        public=True,
        kwargs=lambda c: {"code": c.sv_open.link_code},
        foreign=lambda c: {"code": c.sv_b_open.link_code},
        expect={"anonymous": 200},
    ),
]
