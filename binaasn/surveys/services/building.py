"""Building and running questionnaires: create, edit, copy, publish, close, public link."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaasn.core.models import AuditEntry

from .. import signals
from ..models import Question, Questionnaire, Section, new_link_code

QUESTIONNAIRE_FIELDS = (
    "title", "description", "purpose", "is_template", "is_anonymous", "opens_on", "closes_on",
    "owner_unit",
)  # fmt: skip
QUESTION_FIELDS = (
    "kind", "text", "help_text", "code", "is_required", "scale_max", "scale_labels", "choices",
    "items", "min_value", "max_value", "section",
)  # fmt: skip


def _day(value):
    return date_format(value, "j F Y")


def _audit(instance, message, by=None):
    """One audit entry for a batch (invitations, reminders), on the questionnaire."""
    AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AuditEntry.Action.UPDATE,
        changes={"batch": ["", message]},
        **({"actor": by} if by is not None and by.is_authenticated else {}),
    )


# Building ----------------------------------------------------------------------------------


def _validate_dates(opens_on, closes_on):
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The close date must be on or after the open date.")})


def _require_draft(questionnaire, what=None):
    if not questionnaire.is_draft:
        raise ValidationError(
            what or _("Questions can only be changed while the questionnaire is a draft.")
        )


@transaction.atomic
def create_questionnaire(
    agency,
    *,
    title,
    by=None,
    owner_unit=None,
    purpose=Questionnaire.Purpose.GENERAL,
    description="",
    is_template=False,
    is_anonymous=False,
    opens_on=None,
    closes_on=None,
):
    """A new draft questionnaire of ``agency`` (managed by ``owner_unit``'s operators)."""
    if not (title or "").strip():
        raise ValidationError({"title": _("A questionnaire needs a title.")})
    if owner_unit is not None and owner_unit.agency_id != agency.pk:
        raise ValidationError({"owner_unit": _("This unit belongs to another agency.")})
    _validate_dates(opens_on, closes_on)
    return Questionnaire.objects.create(
        agency=agency,
        title=title.strip(),
        description=description,
        purpose=purpose,
        is_template=is_template,
        is_anonymous=is_anonymous,
        opens_on=opens_on,
        closes_on=closes_on,
        owner_unit=owner_unit,
        created_by=by,
    )


@transaction.atomic
def update_questionnaire(questionnaire, *, by=None, **changes):
    """Change a questionnaire's settings. Once open, only title, description and dates change."""
    unknown = set(changes) - set(QUESTIONNAIRE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if not questionnaire.is_draft:
        for name in ("purpose", "is_template", "is_anonymous"):
            if name in changes and changes[name] != getattr(questionnaire, name):
                raise ValidationError(
                    {
                        name: _(
                            "This setting can only be changed while the questionnaire is a draft."
                        )
                    }
                )
    if changes.get("is_template") and not questionnaire.is_draft:
        raise ValidationError({"is_template": _("Only a draft can become a template.")})
    if "title" in changes and not (changes["title"] or "").strip():
        raise ValidationError({"title": _("A questionnaire needs a title.")})
    for name, value in changes.items():
        setattr(questionnaire, name, value)
    _validate_dates(questionnaire.opens_on, questionnaire.closes_on)
    questionnaire.save()
    return questionnaire


@transaction.atomic
def delete_questionnaire(questionnaire, *, by=None):
    """Delete a draft or a template that nobody answered."""
    if not questionnaire.is_draft or questionnaire.responses.exists():
        raise ValidationError(
            _("Only a draft without responses can be deleted; close the questionnaire instead.")
        )
    if questionnaire.copies.exists():
        questionnaire.copies.update(source=None)
    questionnaire.delete()


@transaction.atomic
def add_section(questionnaire, *, title="", description="", by=None):
    _require_draft(questionnaire)
    last = questionnaire.sections.aggregate(m=Max("position"))["m"]
    return Section.objects.create(
        agency_id=questionnaire.agency_id,
        questionnaire=questionnaire,
        title=title.strip(),
        description=description,
        position=0 if last is None else last + 1,
    )


@transaction.atomic
def update_section(section, *, by=None, **changes):
    _require_draft(section.questionnaire)
    for name in ("title", "description"):
        if name in changes:
            setattr(section, name, changes[name])
    section.save()
    return section


@transaction.atomic
def delete_section(section, *, by=None):
    """Delete a section and its questions (drafts only)."""
    _require_draft(section.questionnaire)
    section.delete()


def _clean_lines(values):
    return [str(v).strip() for v in values or () if str(v).strip()]


def _clean_items(items):
    cleaned, seen = [], set()
    for index, item in enumerate(items or (), start=1):
        if isinstance(item, dict):
            item_id, name = item.get("id"), str(item.get("name", "")).strip()
        else:
            item_id, name = None, str(item).strip()
        if not name:
            continue
        item_id = str(item_id if item_id not in (None, "") else index)
        if item_id in seen:
            raise ValidationError(
                {"items": _("The row id %(id)s appears twice.") % {"id": item_id}}
            )
        seen.add(item_id)
        cleaned.append({"id": item_id, "name": name})
    return cleaned


def validate_question(question):
    """Check a question's settings for its type; raises ValidationError naming the field."""
    errors = {}
    kinds = Question.Kind
    if not (question.text or "").strip():
        errors["text"] = _("A question needs a text.")
    if question.kind not in kinds.values:
        errors["kind"] = _("Unknown question type.")
    if question.kind == kinds.LIKERT and question.scale_max not in (4, 5):
        errors["scale_max"] = _("A Likert scale runs from 1 to 4 or from 1 to 5.")
    if question.kind in (kinds.LIKERT, kinds.RATING_GRID):
        points = 5 if question.kind == kinds.RATING_GRID else question.scale_max
        if question.scale_labels and len(question.scale_labels) > points:
            errors["scale_labels"] = _("Give at most %(n)d labels, one per point of the scale.") % {
                "n": points
            }
    if question.kind in Question.CHOICE_KINDS:
        if len(question.choices) < 2:
            errors["choices"] = _("A choice question needs at least two options.")
        elif len(set(question.choices)) != len(question.choices):
            errors["choices"] = _("Each option must appear only once.")
    if question.kind == kinds.RATING_GRID and not question.items:
        errors["items"] = _("A competency-rating grid needs at least one row.")
    if question.kind == kinds.NUMBER:
        if (
            question.min_value is not None
            and question.max_value is not None
            and question.min_value > question.max_value
        ):
            errors["max_value"] = _("The maximum must not be below the minimum.")
    if errors:
        raise ValidationError(errors)


def _normalise_question(question):
    question.text = (question.text or "").strip()
    question.scale_labels = _clean_lines(question.scale_labels)
    question.choices = _clean_lines(question.choices)
    question.items = _clean_items(question.items)
    if question.kind == Question.Kind.RATING_GRID:
        question.scale_max = 5
    if question.kind != Question.Kind.NUMBER:
        question.min_value = question.max_value = None


@transaction.atomic
def add_question(
    questionnaire,
    *,
    kind,
    text,
    section=None,
    is_required=True,
    help_text="",
    code="",
    scale_max=5,
    scale_labels=(),
    choices=(),
    items=(),
    min_value=None,
    max_value=None,
    by=None,
):
    """Add a question at the end of ``section`` (default: the last section, made if none)."""
    _require_draft(questionnaire)
    if section is None:
        section = questionnaire.sections.order_by("-position", "-pk").first()
        if section is None:
            section = add_section(questionnaire, by=by)
    elif section.questionnaire_id != questionnaire.pk:
        raise ValidationError({"section": _("This section belongs to another questionnaire.")})
    question = Question(
        agency_id=questionnaire.agency_id,
        questionnaire=questionnaire,
        section=section,
        kind=kind,
        text=text,
        help_text=help_text,
        code=code,
        is_required=is_required,
        scale_max=scale_max,
        scale_labels=list(scale_labels or ()),
        choices=list(choices or ()),
        items=list(items or ()),
        min_value=min_value,
        max_value=max_value,
    )
    _normalise_question(question)
    validate_question(question)
    last = section.questions.aggregate(m=Max("position"))["m"]
    question.position = 0 if last is None else last + 1
    question.save()
    return question


@transaction.atomic
def update_question(question, *, by=None, **changes):
    _require_draft(question.questionnaire)
    unknown = set(changes) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    section = changes.get("section")
    if section is not None and section.questionnaire_id != question.questionnaire_id:
        raise ValidationError({"section": _("This section belongs to another questionnaire.")})
    moved = section is not None and section.pk != question.section_id
    for name, value in changes.items():
        setattr(question, name, value)
    _normalise_question(question)
    validate_question(question)
    if moved:
        last = section.questions.aggregate(m=Max("position"))["m"]
        question.position = 0 if last is None else last + 1
    question.save()
    return question


@transaction.atomic
def delete_question(question, *, by=None):
    _require_draft(question.questionnaire)
    question.delete()


@transaction.atomic
def move_question(question, offset, *, by=None):
    """Move a question up (-1) or down (+1) within its section."""
    _require_draft(question.questionnaire)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return question
    siblings.insert(target, siblings.pop(index))
    for position, sibling in enumerate(siblings):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    question.refresh_from_db(fields=["position"])
    return question


@transaction.atomic
def copy_questionnaire(source, *, title, by=None, owner_unit=None, is_template=False):
    """A new draft with ``source``'s settings, sections and questions (no dates, no answers)."""
    copy = create_questionnaire(
        source.agency,
        title=title,
        by=by,
        owner_unit=owner_unit,
        purpose=source.purpose,
        description=source.description,
        is_template=is_template,
        is_anonymous=source.is_anonymous,
    )
    copy.source = source
    copy.save(update_fields=["source"])
    for section in source.sections.order_by("position", "pk"):
        new_section = Section.objects.create(
            agency_id=copy.agency_id,
            questionnaire=copy,
            title=section.title,
            description=section.description,
            position=section.position,
        )
        Question.objects.bulk_create(
            Question(
                agency_id=copy.agency_id,
                questionnaire=copy,
                section=new_section,
                position=q.position,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                code=q.code,
                is_required=q.is_required,
                scale_max=q.scale_max,
                scale_labels=list(q.scale_labels),
                choices=list(q.choices),
                items=[dict(item) for item in q.items],
                min_value=q.min_value,
                max_value=q.max_value,
            )
            for q in section.questions.order_by("position", "pk")
        )
    return copy


# Running -----------------------------------------------------------------------------------


@transaction.atomic
def publish(questionnaire, *, by=None, today=None, base_url="", send_emails=True):
    """Open a draft for responses: it needs at least one question and valid dates."""
    today = today or timezone.localdate()
    if questionnaire.is_template:
        raise ValidationError(
            _("A template cannot be published; copy it to a questionnaire first.")
        )
    if not questionnaire.is_draft:
        raise ValidationError(_("Only a draft can be published."))
    questions = list(questionnaire.questions.all())
    if not questions:
        raise ValidationError(_("A questionnaire without questions cannot be published."))
    for question in questions:
        try:
            validate_question(question)
        except ValidationError as error:
            raise ValidationError(
                _('Question "%(text)s" is not complete: %(problem)s')
                % {"text": question.text, "problem": " ".join(error.messages)}
            ) from error
    if questionnaire.closes_on and questionnaire.closes_on < today:
        raise ValidationError(
            {
                "closes_on": _("The close date %(date)s has already passed.")
                % {"date": _day(questionnaire.closes_on)}
            }
        )
    _validate_dates(questionnaire.opens_on, questionnaire.closes_on)
    questionnaire.status = Questionnaire.Status.OPEN
    questionnaire.opens_on = questionnaire.opens_on or today
    questionnaire.published_at = timezone.now()
    questionnaire.save()
    if send_emails:
        from .invitations import _send_invitation_emails

        pending = questionnaire.invitations.filter(emailed_at__isnull=True)
        _send_invitation_emails(pending, reminder=False, base_url=base_url)
    return questionnaire


@transaction.atomic
def close(questionnaire, *, by=None):
    """Stop taking responses."""
    if not questionnaire.is_open:
        raise ValidationError(_("Only an open questionnaire can be closed."))
    questionnaire.status = Questionnaire.Status.CLOSED
    questionnaire.closed_at = timezone.now()
    questionnaire.save()
    signals.questionnaire_closed.send(sender=Questionnaire, questionnaire=questionnaire)
    return questionnaire


@transaction.atomic
def open_link(questionnaire, *, by=None):
    """Give the questionnaire an anonymous public link; returns its unguessable code."""
    if questionnaire.is_template:
        raise ValidationError(_("A template cannot be answered; copy it to a questionnaire first."))
    if questionnaire.is_closed:
        raise ValidationError(_("This questionnaire is closed."))
    if not questionnaire.link_code:
        questionnaire.link_code = new_link_code()
        questionnaire.save(update_fields=["link_code", "updated_at"])
        _audit(questionnaire, "public link opened", by)
    return questionnaire.link_code


@transaction.atomic
def close_link(questionnaire, *, by=None):
    if questionnaire.link_code:
        questionnaire.link_code = None
        questionnaire.save(update_fields=["link_code", "updated_at"])
        _audit(questionnaire, "public link closed", by)
