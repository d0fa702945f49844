"""Reads of the questionnaire engine, for its own pages and for other apps.

questionnaires_visible_to(agency, membership)     admin/leader all, operators their subtree
                                                   (and the agency's templates)
can_manage(membership, questionnaire)              may edit, invite, publish, close
questionnaire_list(agency, membership)             with question/invited/answered counts
invitations_for_employee(employee)                 an ASN's invitations (pending first)
response_rate_by_unit(questionnaire)               [UnitRate(unit_id, unit_name, invited,
                                                   answered, percent)], plus .total
results(questionnaire)                             Results: per question counts, means,
                                                   distributions, texts; hidden below the
                                                   anonymity threshold
competency_ratings(questionnaire, question=None)   [{"employee_id", "rater", "rater_id",
                                                   "item_id", "item_name", "level"}] from the
                                                   rating-grid questions (needs analysis)
export_table(questionnaire)                        (headers, rows) of raw answers, one row
                                                   per response, one column per question
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, IntegerField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from binaasn.people.models import OrgUnit

from .models import ANONYMITY_THRESHOLD, Answer, Invitation, Question, Questionnaire, Response
from .services import ordered_questions

TEXTS_SHOWN = 50


def questionnaires_visible_to(agency, membership):
    questionnaires = Questionnaire.objects.for_agency(agency)
    if membership is None:
        return questionnaires.none()
    if membership.role in ("admin", "leader"):
        return questionnaires
    if membership.role == "operator" and membership.unit_id:
        return questionnaires.filter(
            Q(owner_unit__path__startswith=membership.unit.path) | Q(is_template=True)
        )
    return questionnaires.none()


def can_manage(membership, questionnaire):
    """Admins manage every questionnaire; operators those owned by a unit of their subtree."""
    if membership is None:
        return False
    if membership.role == "admin":
        return True
    if membership.role == "operator" and membership.unit_id and questionnaire.owner_unit_id:
        return questionnaire.owner_unit.path.startswith(membership.unit.path)
    return False


def _count(model, **filters):
    subquery = (
        model.objects.filter(questionnaire=OuterRef("pk"), **filters)
        .order_by()
        .values("questionnaire")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def questionnaire_list(agency, membership):
    """The list page's rows: one query whatever the number of questionnaires."""
    return (
        questionnaires_visible_to(agency, membership)
        .select_related("owner_unit")
        .annotate(
            question_count=_count(Question),
            invited_count=_count(Invitation),
            answered_count=_count(Invitation, responded_at__isnull=False),
            response_count=_count(Response),
        )
    )


def invitations_for_employee(employee):
    """An ASN's invitations with their questionnaire, the unanswered open ones first."""
    if employee is None:
        return Invitation.objects.none()
    return (
        Invitation.objects.for_agency(employee.agency_id)
        .filter(employee=employee, questionnaire__is_template=False)
        .exclude(questionnaire__status=Questionnaire.Status.DRAFT)
        .select_related("questionnaire", "subject")
        .order_by("questionnaire__status", "responded_at", "questionnaire__closes_on", "-pk")
    )


@dataclass
class UnitRate:
    unit_id: int | None
    unit_name: str
    invited: int
    answered: int
    depth: int = 0

    @property
    def percent(self):
        return round(self.answered * 100 / self.invited) if self.invited else 0


class RateTable(list):
    total: UnitRate


def response_rate_by_unit(questionnaire):
    """Invited vs answered per org unit (the invitee's unit when invited), ordered by the
    org tree, with ``.total``; two queries whatever the number of invitations."""
    counts = (
        Invitation.objects.filter(questionnaire=questionnaire)
        .order_by()
        .values("unit_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False)))
    )
    by_unit = {row["unit_id"]: row for row in counts}
    units = OrgUnit.objects.for_agency(questionnaire.agency_id).in_bulk(
        [pk for pk in by_unit if pk is not None]
    )
    table = RateTable()
    for unit_id, row in by_unit.items():
        unit = units.get(unit_id)
        table.append(
            UnitRate(
                unit_id=unit_id,
                unit_name=unit.name if unit else _("No unit"),
                invited=row["invited"],
                answered=row["answered"],
                depth=unit.depth if unit else 0,
            )
        )
    table.sort(key=lambda r: (units[r.unit_id].path if r.unit_id in units else "~", r.unit_name))
    table.total = UnitRate(
        unit_id=None,
        unit_name=_("Total"),
        invited=sum(r.invited for r in table),
        answered=sum(r.answered for r in table),
    )
    return table


@dataclass
class QuestionResult:
    number: int
    question: Question
    answered: int = 0
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    # [(label, count, percent)] for Likert and choices
    distribution: list = field(default_factory=list)
    # [{"id", "name", "answered", "mean", "distribution": [(label, count, percent)]}] for grids
    rows: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    more_texts: int = 0

    def chart(self):
        """The data the results page's chart draws (None when a question has no chart)."""
        kind = self.question.kind
        if kind == Question.Kind.RATING_GRID:
            return {
                "id": self.question.pk,
                "type": "bar",
                "horizontal": True,
                "labels": [row["name"] for row in self.rows],
                "values": [row["mean"] or 0 for row in self.rows],
                "max": 5,
                "label": _("Average level"),
            }
        if self.distribution:
            return {
                "id": self.question.pk,
                "type": "bar",
                "horizontal": kind in Question.CHOICE_KINDS,
                "labels": [label for label, _count, _percent in self.distribution],
                "values": [count for _label, count, _percent in self.distribution],
                "label": _("Responses"),
            }
        return None


@dataclass
class Results:
    questionnaire: Questionnaire
    response_count: int
    hidden: bool
    questions: list = field(default_factory=list)

    @property
    def threshold(self):
        return ANONYMITY_THRESHOLD

    def charts(self):
        return [chart for q in self.questions if (chart := q.chart())]


def _distribution(labels_counts, answered):
    return [
        (label, count, round(count * 100 / answered) if answered else 0)
        for label, count in labels_counts
    ]


def results(questionnaire):
    """Per-question results. An anonymous questionnaire with fewer than ANONYMITY_THRESHOLD
    responses returns ``hidden=True`` and no figures. Query count depends on the number of
    number and text questions, never on the number of responses."""
    response_count = Response.objects.filter(questionnaire=questionnaire).count()
    hidden = questionnaire.is_anonymous and response_count < ANONYMITY_THRESHOLD
    outcome = Results(questionnaire=questionnaire, response_count=response_count, hidden=hidden)
    if hidden:
        return outcome
    questions = ordered_questions(questionnaire)
    answers = Answer.objects.filter(question__questionnaire=questionnaire).order_by()
    grouped = defaultdict(lambda: defaultdict(int))  # question -> (item, number, text) -> count
    for row in (
        answers.filter(question__kind__in=["likert", "single", "multiple", "rating_grid"])
        .values("question_id", "item", "number", "text")
        .annotate(n=Count("pk"))
    ):
        key = (row["item"], row["number"], row["text"])
        grouped[row["question_id"]][key] += row["n"]
    # How many responses answered each question (a multiple choice counts once per response).
    answered = dict(
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .values_list("question_id", "n")
    )
    for number, question in enumerate(questions, start=1):
        result = QuestionResult(number=number, question=question)
        result.answered = answered.get(question.pk, 0)
        counts = grouped.get(question.pk, {})
        kind = question.kind
        if kind == Question.Kind.LIKERT:
            by_level = defaultdict(int)
            for (_item, value, _text), n in counts.items():
                by_level[int(value)] += n
            total = sum(by_level.values())
            result.distribution = _distribution(
                [(question.scale_label(p), by_level[p]) for p in question.scale], total
            )
            if total:
                result.mean = round(sum(p * n for p, n in by_level.items()) / total, 2)
        elif kind in Question.CHOICE_KINDS:
            by_text = defaultdict(int)
            for (_item, _value, text), n in counts.items():
                by_text[text] += n
            options = list(question.choices) + sorted(set(by_text) - set(question.choices))
            result.distribution = _distribution(
                [(option, by_text[option]) for option in options], result.answered
            )
        elif kind == Question.Kind.RATING_GRID:
            per_item = defaultdict(lambda: defaultdict(int))
            for (item, value, _text), n in counts.items():
                per_item[item][int(value)] += n
            for item in question.items:
                levels = per_item.get(str(item["id"]), {})
                total = sum(levels.values())
                result.rows.append(
                    {
                        "id": item["id"],
                        "name": item["name"],
                        "answered": total,
                        "mean": round(sum(p * n for p, n in levels.items()) / total, 2)
                        if total
                        else None,
                        "distribution": _distribution(
                            [(question.scale_label(p), levels.get(p, 0)) for p in question.scale],
                            total,
                        ),
                    }
                )
        elif kind == Question.Kind.NUMBER:
            stats = answers.filter(question=question).aggregate(
                mean=Avg("number"), minimum=Min("number"), maximum=Max("number")
            )
            for name in ("mean", "minimum", "maximum"):
                if stats[name] is not None:
                    setattr(result, name, round(float(stats[name]), 2))
        else:
            texts = answers.filter(question=question).exclude(text="").order_by("-response_id")
            result.texts = list(texts.values_list("text", flat=True)[:TEXTS_SHOWN])
            result.more_texts = max(0, result.answered - len(result.texts))
        outcome.questions.append(result)
    return outcome


def competency_ratings(questionnaire, question=None):
    """Levels given in the rating-grid questions, one row per employee rated × row (item).

    ``employee_id`` is the person rated (the subject), ``rater`` "self" or "supervisor",
    ``rater_id`` the rating employee (None when anonymous). Responses whose subject is unknown
    (public link, anonymous self-assessment) are left out: they cannot be tied to a person.
    """
    grids = Question.objects.filter(questionnaire=questionnaire, kind=Question.Kind.RATING_GRID)
    if question is not None:
        grids = grids.filter(pk=question.pk)
    names = {q.pk: q.item_names for q in grids}
    rows = (
        Answer.objects.filter(question_id__in=list(names), response__subject__isnull=False)
        .order_by("response__subject_id", "question_id", "pk")
        .values_list(
            "question_id",
            "item",
            "number",
            "response__subject_id",
            "response__relation",
            "response__respondent_id",
        )
    )
    return [
        {
            "question_id": question_id,
            "employee_id": subject_id,
            "rater": relation,
            "rater_id": respondent_id,
            "item_id": item,
            "item_name": names[question_id].get(item, item),
            "level": int(level),
        }
        for question_id, item, level, subject_id, relation, respondent_id in rows.iterator()
    ]


def _columns(questions):
    """(header, question, item) per export column: grids get one column per row."""
    columns = []
    for number, question in enumerate(questions, start=1):
        if question.kind == Question.Kind.RATING_GRID:
            for item in question.items:
                columns.append(
                    (f"{number}. {question.text} – {item['name']}", question, str(item["id"]))
                )
        else:
            columns.append((f"{number}. {question.text}", question, None))
    return columns


def export_table(questionnaire):
    """(headers, rows) of raw answers. Anonymous questionnaires get no identifying columns."""
    questions = ordered_questions(questionnaire)
    columns = _columns(questions)
    identified = not questionnaire.is_anonymous
    headers = [_("No."), _("Channel")]
    if identified:
        headers += [_("Submitted at"), _("NIP"), _("Name"), _("Unit"), _("About"), _("Relation")]
    headers += [header for header, _question, _item in columns]
    responses = (
        Response.objects.filter(questionnaire=questionnaire)
        .select_related("respondent", "subject", "invitation__unit")
        .order_by("submitted_at", "pk")
    )

    def rows():
        # Answers are fetched per chunk of responses so memory stays flat on large surveys.
        chunk, start = [], 1
        for response in responses.iterator(chunk_size=500):
            chunk.append(response)
            if len(chunk) == 500:
                yield from _rows_for(chunk, start)
                chunk, start = [], start + 500
        if chunk:
            yield from _rows_for(chunk, start)

    def _rows_for(chunk, start):
        values = defaultdict(lambda: defaultdict(list))
        for answer in Answer.objects.filter(response__in=chunk).order_by("question_id", "item"):
            if answer.number is not None:
                number = answer.number
                value = int(number) if number == number.to_integral_value() else float(number)
            else:
                value = answer.text
            values[answer.response_id][(answer.question_id, answer.item)].append(value)
        for index, response in enumerate(chunk, start=start):
            answered = values.get(response.pk, {})
            row = [index, response.get_channel_display()]
            if identified:
                person = response.respondent
                row += [
                    response.submitted_at,
                    person.nip if person else "",
                    person.full_name if person else "",
                    response.invitation.unit.name
                    if response.invitation and response.invitation.unit
                    else "",
                    response.subject.full_name
                    if response.subject and response.subject_id != response.respondent_id
                    else "",
                    response.get_relation_display() if response.relation else "",
                ]
            for _header, question, item in columns:
                if question.kind == Question.Kind.MULTIPLE:
                    chosen = [
                        v
                        for (qid, _i), vs in sorted(answered.items())
                        if qid == question.pk
                        for v in vs
                    ]
                    row.append("; ".join(chosen))
                else:
                    found = answered.get((question.pk, item or ""), [None])
                    row.append(found[0])
            yield row

    return headers, rows()
