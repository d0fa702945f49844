"""Answering: validation of answers and storing a response (invitation or public link)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..models import GRID_LEVELS, Answer, Invitation, Question, Questionnaire, Response
from .building import _day

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 10_000


def check_accepts_responses(questionnaire, today=None):
    """Raise a ValidationError that says why ``questionnaire`` takes no response today."""
    today = today or timezone.localdate()
    if questionnaire.is_template or questionnaire.is_draft:
        raise ValidationError(_("This questionnaire is not open yet."))
    if questionnaire.is_closed:
        when = timezone.localdate(questionnaire.closed_at) if questionnaire.closed_at else None
        if when:
            raise ValidationError(
                _("This questionnaire was closed on %(date)s; responses are no longer accepted.")
                % {"date": _day(when)}
            )
        raise ValidationError(_("This questionnaire is closed; responses are no longer accepted."))
    if questionnaire.opens_on and today < questionnaire.opens_on:
        raise ValidationError(
            _("This questionnaire opens on %(date)s.") % {"date": _day(questionnaire.opens_on)}
        )
    if questionnaire.closes_on and today > questionnaire.closes_on:
        raise ValidationError(
            _(
                "The close date of this questionnaire (%(date)s) has passed; "
                "responses are no longer accepted."
            )
            % {"date": _day(questionnaire.closes_on)}
        )


def plain_number(value):
    """A Decimal as text without trailing zeros or exponent: 10.5000 -> "10.5"."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text


def _is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {}, ())


def _lookup(answers, question):
    for key in (question, question.pk, str(question.pk), f"q{question.pk}", question.code or None):
        if key is not None and key in answers:
            return answers[key]
    return None


def _as_level(value, points):
    """An integer answer from ``points`` or None."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if number != number.to_integral_value() or int(number) not in points:
        return None
    return int(number)


def _clean_one(question, value):
    """(item, number, text) rows for one answer; raises ValueError(message) when invalid."""
    kinds = Question.Kind
    if question.kind == kinds.LIKERT:
        level = _as_level(value, question.scale)
        if level is None:
            raise ValueError(
                _("the answer must be a whole number from 1 to %(max)d (got %(value)s).")
                % {"max": question.scale_max, "value": value}
            )
        return [("", level, "")]
    if question.kind == kinds.SINGLE:
        text = str(value).strip()
        if text not in question.choices:
            raise ValueError(_("choose one of the listed options."))
        return [("", None, text)]
    if question.kind == kinds.MULTIPLE:
        values = [value] if isinstance(value, str) else list(value)
        chosen = {str(v).strip() for v in values}
        unknown = chosen - set(question.choices)
        if unknown:
            raise ValueError(
                _("%(value)s is not one of the options.") % {"value": sorted(unknown)[0]}
            )
        return [(str(i), None, c) for i, c in enumerate(question.choices) if c in chosen]
    if question.kind == kinds.NUMBER:
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except (InvalidOperation, ValueError):
            raise ValueError(_("enter a number.")) from None
        if not number.is_finite() or abs(number) >= Decimal("1e10"):
            raise ValueError(_("enter a number."))
        if question.min_value is not None and number < question.min_value:
            raise ValueError(
                _("the number must be at least %(min)s.")
                % {"min": plain_number(question.min_value)}
            )
        if question.max_value is not None and number > question.max_value:
            raise ValueError(
                _("the number must be at most %(max)s.") % {"max": plain_number(question.max_value)}
            )
        return [("", number.quantize(Decimal("0.0001")), "")]
    if question.kind in Question.TEXT_KINDS:
        text = str(value).strip()
        limit = SHORT_TEXT_MAX if question.kind == kinds.SHORT_TEXT else LONG_TEXT_MAX
        if len(text) > limit:
            raise ValueError(_("the answer is longer than %(n)d characters.") % {"n": limit})
        return [("", None, text)]
    if question.kind == kinds.RATING_GRID:
        if not isinstance(value, dict):
            raise ValueError(_("rate each row from 1 to 5."))
        names = question.item_names
        rows = []
        for item_id, level_value in value.items():
            item_id = str(item_id)
            if item_id not in names:
                raise ValueError(_("%(item)s is not a row of this grid.") % {"item": item_id})
            if _is_empty(level_value):
                continue
            level = _as_level(level_value, GRID_LEVELS)
            if level is None:
                raise ValueError(
                    _("%(item)s: the level must be a whole number from 1 to 5 (got %(value)s).")
                    % {"item": names[item_id], "value": level_value}
                )
            rows.append((item_id, level, ""))
        if question.is_required:
            missing = [names[i] for i in names if i not in {r[0] for r in rows}]
            if missing:
                raise ValueError(
                    _("rate every row; missing: %(rows)s.") % {"rows": ", ".join(missing)}
                )
        return rows
    raise ValueError(_("Unknown question type."))


def clean_answers(questions, answers):
    """Validate ``answers`` against ``questions`` (in questionnaire order).

    Returns {question_id: [(item, number, text), ...]}; raises ValidationError keyed "q<id>"
    with each message naming the question by number and text.
    """
    errors, cleaned = {}, {}
    for number, question in enumerate(questions, start=1):
        value = _lookup(answers, question)
        label = _('Question %(n)d "%(text)s"') % {"n": number, "text": question.text}
        if _is_empty(value) or (
            question.kind == Question.Kind.RATING_GRID
            and isinstance(value, dict)
            and all(_is_empty(v) for v in value.values())
        ):
            if question.is_required:
                errors[f"q{question.pk}"] = _("%(question)s is required.") % {"question": label}
            continue
        try:
            rows = _clean_one(question, value)
        except ValueError as error:
            errors[f"q{question.pk}"] = f"{label}: {error}"
            continue
        if rows:
            cleaned[question.pk] = rows
    if errors:
        raise ValidationError(errors)
    return cleaned


def ordered_questions(questionnaire):
    return list(
        questionnaire.questions.select_related("section").order_by(
            "section__position", "section_id", "position", "pk"
        )
    )


@transaction.atomic
def submit_response(target, answers, *, by=None, today=None):
    """Store a response (see the module docstring); returns the Response."""
    if isinstance(target, Invitation):
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("questionnaire", "employee", "subject")
            .get(pk=target.pk)
        )
        questionnaire = invitation.questionnaire
    elif isinstance(target, Questionnaire):
        invitation, questionnaire = None, target
        if not questionnaire.link_code:
            raise ValidationError(_("This questionnaire has no public link."))
    else:
        raise TypeError("submit_response takes an Invitation or a Questionnaire with a link")
    check_accepts_responses(questionnaire, today)
    cleaned = clean_answers(ordered_questions(questionnaire), answers)
    now = timezone.now()
    created = True
    if invitation is not None:
        response = Response.objects.filter(invitation=invitation).first()
        if response is not None:
            created = False
            response.updated_at = now
            response.save(update_fields=["updated_at"])
            response.answers.all().delete()
        else:
            anonymous = questionnaire.is_anonymous
            about_self = invitation.subject_id == invitation.employee_id
            response = Response.objects.create(
                agency_id=questionnaire.agency_id,
                questionnaire=questionnaire,
                invitation=invitation,
                channel=Response.Channel.INVITATION,
                respondent=None if anonymous else invitation.employee,
                subject=None if anonymous and about_self else invitation.subject,
                relation=invitation.relation,
                submitted_at=now,
                updated_at=now,
            )
            invitation.responded_at = now
            invitation.save(update_fields=["responded_at"])
    else:
        response = Response.objects.create(
            agency_id=questionnaire.agency_id,
            questionnaire=questionnaire,
            channel=Response.Channel.LINK,
            submitted_at=now,
            updated_at=now,
        )
    Answer.objects.bulk_create(
        Answer(
            agency_id=questionnaire.agency_id,
            response=response,
            question_id=question_id,
            item=item,
            number=number,
            text=text,
        )
        for question_id, rows in cleaned.items()
        for item, number, text in rows
    )
    signals.response_submitted.send(
        sender=Questionnaire, questionnaire=questionnaire, response=response, created=created
    )
    return response


def answers_of(response):
    """A response's answers in the shape ``submit_response`` takes (to pre-fill a form)."""
    values = {}
    for answer in response.answers.select_related("question"):
        kind = answer.question.kind
        if kind == Question.Kind.MULTIPLE:
            values.setdefault(answer.question_id, []).append(answer.text)
        elif kind == Question.Kind.RATING_GRID:
            values.setdefault(answer.question_id, {})[answer.item] = int(answer.number)
        elif kind == Question.Kind.LIKERT:
            values[answer.question_id] = int(answer.number)
        elif kind == Question.Kind.NUMBER:
            values[answer.question_id] = plain_number(answer.number)
        else:
            values[answer.question_id] = answer.text
    return values
