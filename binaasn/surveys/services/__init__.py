"""Writes of the questionnaire engine. Other apps (needs analysis, training evaluation, public
surveys) call these functions; they never write the survey tables themselves.

Building
    create_questionnaire(agency, *, title, by=None, owner_unit=None, purpose="general",
                         description="", is_template=False, is_anonymous=False,
                         opens_on=None, closes_on=None) -> Questionnaire
    update_questionnaire(questionnaire, *, by=None, **changes)
    delete_questionnaire(questionnaire, *, by=None)           drafts and templates without responses
    add_section(questionnaire, *, title="", description="", by=None) -> Section
    update_section(section, *, by=None, **changes) / delete_section(section, *, by=None)
    add_question(questionnaire, *, kind, text, section=None, is_required=True, help_text="",
                 code="", scale_max=5, scale_labels=(), choices=(), items=(),
                 min_value=None, max_value=None, by=None) -> Question
        kind is one of Question.Kind: likert (scale_max 4 or 5, scale_labels lowest first),
        single / multiple (choices: list of option texts), number (optional min/max),
        short_text, long_text, rating_grid (items: [{"id": 12, "name": "Integritas"}, ...],
        rated on levels 1–5; the ids are the caller's, e.g. competency ids).
    update_question(question, *, by=None, **changes) / delete_question(question, *, by=None)
    move_question(question, offset)                           -1 up, +1 down within its section
    copy_questionnaire(source, *, title, by=None, owner_unit=None, is_template=False)
        -> a new draft with the same sections and questions (templates are copied this way)

Running
    publish(questionnaire, *, by=None, today=None, base_url="", send_emails=True)
        draft -> open; refuses a questionnaire without questions; e-mails the invitations not
        yet e-mailed (send_emails=False when the caller sends its own messages)
    close(questionnaire, *, by=None)                              open -> closed
    open_link(questionnaire, *, by=None) -> code                  anonymous public link
    close_link(questionnaire, *, by=None)
    invite(questionnaire, *, employees=(), units=(), supervisors_of=(), by=None, within=None,
           base_url="", send_emails=True) -> InviteResult(created, skipped, emailed)
        units: all active ASN of each unit's subtree; supervisors_of: units (their employees)
        or employees, each employee's supervisor is invited to answer about that employee;
        employees: named people. One invitation per invitee and subject: a second one is
        refused (ValidationError naming the person) or, in a batch, skipped and reported.
        within: an OrgUnit the targets must lie in (operators pass their unit).
    cancel_invitation(invitation, *, by=None)                     only while unanswered
    send_reminders(questionnaire, *, by=None, base_url="") -> ReminderResult
        marks every unanswered invitation reminded (shown on the ASN's page) and e-mails those
        with an e-mail address

Answering
    submit_response(target, answers, *, by=None, today=None) -> Response
        target is an Invitation (one response per invitation, changed by submitting again
        until the close date) or a Questionnaire with an open public link (a new anonymous
        response each time). ``answers`` maps a question (object, id or code) to its value:
        likert/rating level int, single choice option text, multiple choice list of option
        texts, number (int, Decimal or text), text str, grid {item_id: level}.
        Refuses with ValidationError({"q<id>": message naming the question}) on a value
        outside the scale or the options, a missing required answer, or a date outside the
        open–close dates. Sends ``signals.response_submitted``.

Reads (response rates, results per question, competency ratings, export) are in queries.py.
"""

from .building import (
    QUESTION_FIELDS,
    QUESTIONNAIRE_FIELDS,
    add_question,
    add_section,
    close,
    close_link,
    copy_questionnaire,
    create_questionnaire,
    delete_question,
    delete_questionnaire,
    delete_section,
    move_question,
    open_link,
    publish,
    update_question,
    update_questionnaire,
    update_section,
    validate_question,
)
from .invitations import (
    InviteResult,
    ReminderResult,
    cancel_invitation,
    invite,
    respond_path,
    send_reminders,
)
from .responses import (
    answers_of,
    check_accepts_responses,
    clean_answers,
    ordered_questions,
    plain_number,
    submit_response,
)

__all__ = [
    "QUESTIONNAIRE_FIELDS",
    "QUESTION_FIELDS",
    "InviteResult",
    "ReminderResult",
    "add_question",
    "add_section",
    "answers_of",
    "cancel_invitation",
    "check_accepts_responses",
    "clean_answers",
    "close",
    "close_link",
    "copy_questionnaire",
    "create_questionnaire",
    "delete_question",
    "delete_questionnaire",
    "delete_section",
    "invite",
    "move_question",
    "open_link",
    "ordered_questions",
    "plain_number",
    "publish",
    "respond_path",
    "send_reminders",
    "submit_response",
    "update_question",
    "update_questionnaire",
    "update_section",
    "validate_question",
]
