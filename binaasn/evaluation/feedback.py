"""Results of the reaction (L1) and behaviour (L3) questionnaires of offerings.

Every function aggregates in the database over the surveys engine's answers of the
questionnaires linked from ``OfferingEvaluation``, grouped by the questions' stable codes
(listed in ``services/feedback.py``), in a fixed number of queries whatever the number of
offerings, responses and answers.

reaction_results(agency, offerings) -> ReactionResults
behaviour_results(agency, offerings) -> BehaviourResults
reaction_scores_by_programme(agency, programme_ids) -> {programme_id: Score}
behaviour_scores_by_programme(agency, programme_ids) -> {programme_id: Score}
speaker_scores(agency, year=None, offerings=None) -> [SpeakerScore]
pending_invitations(questionnaire, within=None)      who has not answered yet
behaviour_coverage(questionnaire)                    participants asked, and how many had no
                                                     supervisor to ask
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaasn.surveys.models import Answer, Invitation, Question

from .models import OfferingEvaluation
from .services.feedback import (
    ABILITY_AFTER,
    ABILITY_BEFORE,
    APPLICATION_CODES,
    ASPECT_CODES,
    BEHAVIOUR_TEXT_CODES,
    REACTION_SCORE_CODES,
    REACTION_TEXT_CODES,
    SPEAKER_CODE,
)

TEXTS_SHOWN = 20

ASPECT_LABELS = {
    "material": gettext_lazy("Material"),
    "speakers": gettext_lazy("Speakers and trainers"),
    "organisation": gettext_lazy("Organisation"),
    "facilities": gettext_lazy("Facilities"),
}
RELATION_LABELS = {
    "supervisor": gettext_lazy("Supervisors"),
    "self": gettext_lazy("Participants"),
}


def _mean(total, count):
    return round(float(total) / count, 2) if count else None


def _percent(part, whole):
    return round(part * 100 / whole) if whole else 0


def _bar(mean):
    """Width in percent of a 1–5 mean drawn on a bar whose full length is 5."""
    return round(mean * 20) if mean is not None else 0


def _evaluations(agency, offerings):
    evaluations = OfferingEvaluation.objects.for_agency(agency)
    if isinstance(offerings, QuerySet):
        return evaluations.filter(offering__in=offerings.values("pk"))
    return evaluations.filter(offering_id__in=[getattr(item, "pk", item) for item in offerings])


def _questionnaires(agency, offerings, level):
    """A subquery of the reaction or behaviour questionnaire ids of ``offerings``."""
    return (
        _evaluations(agency, offerings)
        .filter(**{f"{level}__isnull": False})
        .order_by()
        .values(f"{level}_id")
    )


def _answers(agency, questionnaire_ids):
    return Answer.objects.for_agency(agency).filter(
        question__questionnaire_id__in=questionnaire_ids
    )


def _texts(answers, codes):
    """({code: [latest texts]}, {code: how many texts in all}) in len(codes) + 1 queries."""
    texts = answers.filter(question__code__in=codes).exclude(text="")
    counts = texts.order_by().aggregate(
        **{code: Count("pk", filter=Q(question__code=code)) for code in codes}
    )
    shown = {
        code: list(
            texts.filter(question__code=code)
            .order_by("-response_id", "pk")
            .values_list("text", flat=True)[:TEXTS_SHOWN]
        )
        for code in codes
    }
    return shown, counts


class SpeakerMean(NamedTuple):
    name: str
    mean: float | None
    answers: int

    @property
    def bar(self):
        return _bar(self.mean)


@dataclass
class AspectMean:
    key: str
    label: str
    mean: float | None
    answers: int

    @property
    def bar(self):
        return _bar(self.mean)


@dataclass
class ReactionResults:
    invited: int = 0
    answered: int = 0
    overall: float | None = None
    aspects: dict = field(default_factory=dict)  # {"material": mean, ...}
    aspect_rows: list = field(default_factory=list)  # [AspectMean] in a fixed order
    ability_before: float | None = None
    ability_after: float | None = None
    speakers: list = field(default_factory=list)  # [SpeakerMean]
    most_useful: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    most_useful_count: int = 0
    suggestions_count: int = 0

    @property
    def response_rate(self):
        return _percent(self.answered, self.invited)

    @property
    def ability_change(self):
        if self.ability_before is None or self.ability_after is None:
            return None
        return round(self.ability_after - self.ability_before, 2)

    @property
    def overall_bar(self):
        return _bar(self.overall)

    @property
    def ability_before_bar(self):
        return _bar(self.ability_before)

    @property
    def ability_after_bar(self):
        return _bar(self.ability_after)

    @property
    def more_most_useful(self):
        return max(0, self.most_useful_count - len(self.most_useful))

    @property
    def more_suggestions(self):
        return max(0, self.suggestions_count - len(self.suggestions))


def _speaker_names(agency, questionnaire_ids):
    """{item id: name} of the speaker grids, and {item id: how many offerings rated it}."""
    names, offerings = {}, defaultdict(int)
    for items in (
        Question.objects.for_agency(agency)
        .filter(questionnaire_id__in=questionnaire_ids, code=SPEAKER_CODE)
        .values_list("items", flat=True)
    ):
        for item in items or ():
            names.setdefault(str(item["id"]), item["name"])
            offerings[str(item["id"])] += 1
    return names, offerings


def reaction_results(agency, offerings):
    """L1 results of ``offerings`` (a queryset or a list of offerings or ids) taken together;
    six queries whatever their number."""
    ids = _questionnaires(agency, offerings, "reaction")
    outcome = ReactionResults()
    rates = (
        Invitation.objects.for_agency(agency)
        .filter(questionnaire_id__in=ids)
        .aggregate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False)))
    )
    outcome.invited, outcome.answered = rates["invited"], rates["answered"]
    answers = _answers(agency, ids)
    sums = defaultdict(lambda: [0, 0])  # code -> [total, count]
    per_item = defaultdict(lambda: [0, 0])
    for row in (
        answers.filter(
            question__code__in=(*REACTION_SCORE_CODES, ABILITY_BEFORE, ABILITY_AFTER),
            number__isnull=False,
        )
        .order_by()
        .values("question__code", "item")
        .annotate(total=Sum("number"), n=Count("pk"))
    ):
        sums[row["question__code"]][0] += row["total"]
        sums[row["question__code"]][1] += row["n"]
        if row["question__code"] == SPEAKER_CODE:
            per_item[row["item"]][0] += row["total"]
            per_item[row["item"]][1] += row["n"]
    overall = [0, 0]
    for key, codes in ASPECT_CODES.items():
        total = sum(sums[code][0] for code in codes if code in sums)
        count = sum(sums[code][1] for code in codes if code in sums)
        overall[0] += total
        overall[1] += count
        outcome.aspects[key] = _mean(total, count)
        outcome.aspect_rows.append(AspectMean(key, ASPECT_LABELS[key], outcome.aspects[key], count))
    outcome.overall = _mean(*overall)
    if ABILITY_BEFORE in sums:
        outcome.ability_before = _mean(*sums[ABILITY_BEFORE])
    if ABILITY_AFTER in sums:
        outcome.ability_after = _mean(*sums[ABILITY_AFTER])
    names, _offerings = _speaker_names(agency, ids)
    outcome.speakers = sorted(
        (
            SpeakerMean(names.get(item, item), _mean(total, n), n)
            for item, (total, n) in per_item.items()
        ),
        key=lambda row: row.name.lower(),
    )
    shown, counts = _texts(answers, REACTION_TEXT_CODES)
    outcome.most_useful, outcome.suggestions = shown["most_useful"], shown["suggestions"]
    outcome.most_useful_count = counts["most_useful"]
    outcome.suggestions_count = counts["suggestions"]
    return outcome


@dataclass
class RelationRate:
    relation: str
    label: str
    invited: int = 0
    answered: int = 0
    mean: float | None = None  # application score of this relation's answers

    @property
    def percent(self):
        return _percent(self.answered, self.invited)

    @property
    def bar(self):
        return _bar(self.mean)


@dataclass
class QuestionMean:
    code: str
    text: str
    mean: float | None
    answers: int
    by_relation: dict = field(default_factory=dict)  # {"supervisor": mean, "self": mean}

    @property
    def bar(self):
        return _bar(self.mean)

    @property
    def supervisor(self):
        return self.by_relation.get("supervisor")

    @property
    def self_rated(self):
        return self.by_relation.get("self")


@dataclass
class BehaviourResults:
    relations: list = field(default_factory=list)  # [RelationRate] supervisor, self
    application: float | None = None
    questions: list = field(default_factory=list)  # [QuestionMean] of the Likert questions
    barriers: list = field(default_factory=list)
    support_needed: list = field(default_factory=list)
    barriers_count: int = 0
    support_needed_count: int = 0

    @property
    def invited(self):
        return sum(r.invited for r in self.relations)

    @property
    def answered(self):
        return sum(r.answered for r in self.relations)

    @property
    def response_rate(self):
        return _percent(self.answered, self.invited)

    @property
    def by_relation(self):
        return {r.relation: r for r in self.relations}

    @property
    def application_bar(self):
        return _bar(self.application)

    @property
    def more_barriers(self):
        return max(0, self.barriers_count - len(self.barriers))

    @property
    def more_support_needed(self):
        return max(0, self.support_needed_count - len(self.support_needed))


def behaviour_results(agency, offerings):
    """L3 results of ``offerings``: response rates and application score per relation
    (supervisor, participant), mean per question; six queries whatever their number."""
    ids = _questionnaires(agency, offerings, "behaviour")
    outcome = BehaviourResults()
    rates = {
        row["relation"]: row
        for row in Invitation.objects.for_agency(agency)
        .filter(questionnaire_id__in=ids)
        .order_by()
        .values("relation")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False)))
    }
    answers = _answers(agency, ids)
    questions = {}  # code -> first text seen
    for code, text in (
        Question.objects.for_agency(agency)
        .filter(questionnaire_id__in=ids, kind=Question.Kind.LIKERT)
        .exclude(code="")
        .order_by("section__position", "position", "pk")
        .values_list("code", "text")
    ):
        questions.setdefault(code, text)
    sums = defaultdict(lambda: [0, 0])  # (code, relation) -> [total, count]
    for row in (
        answers.filter(question__kind=Question.Kind.LIKERT, number__isnull=False)
        .exclude(question__code="")
        .order_by()
        .values("question__code", "response__relation")
        .annotate(total=Sum("number"), n=Count("pk"))
    ):
        key = (row["question__code"], row["response__relation"])
        sums[key][0] += row["total"]
        sums[key][1] += row["n"]
    application = [0, 0]
    for relation in ("supervisor", "self"):
        counts = rates.get(relation, {})
        total = sum(sums[(c, relation)][0] for c in APPLICATION_CODES if (c, relation) in sums)
        count = sum(sums[(c, relation)][1] for c in APPLICATION_CODES if (c, relation) in sums)
        application[0] += total
        application[1] += count
        outcome.relations.append(
            RelationRate(
                relation=relation,
                label=RELATION_LABELS[relation],
                invited=counts.get("invited", 0),
                answered=counts.get("answered", 0),
                mean=_mean(total, count),
            )
        )
    outcome.application = _mean(*application)
    for code, text in questions.items():
        rows = {rel: value for (c, rel), value in sums.items() if c == code}
        total = sum(v[0] for v in rows.values())
        count = sum(v[1] for v in rows.values())
        outcome.questions.append(
            QuestionMean(
                code=code,
                text=text,
                mean=_mean(total, count),
                answers=count,
                by_relation={rel: _mean(*value) for rel, value in rows.items()},
            )
        )
    shown, counts = _texts(answers, BEHAVIOUR_TEXT_CODES)
    outcome.barriers, outcome.support_needed = shown["barriers"], shown["support_needed"]
    outcome.barriers_count = counts["barriers"]
    outcome.support_needed_count = counts["support_needed"]
    return outcome


class Score(NamedTuple):
    mean: float | None
    respondents: int


def _scores_by_programme(agency, programme_ids, level, codes):
    evaluations = OfferingEvaluation.objects.for_agency(agency).filter(
        offering__programme_id__in=list(programme_ids), **{f"{level}__isnull": False}
    )
    programme_of = dict(evaluations.values_list(f"{level}_id", "offering__programme_id"))
    if not programme_of:
        return {}
    totals = defaultdict(lambda: [0, 0, 0])  # programme -> [total, count, respondents]
    for row in (
        _answers(agency, evaluations.order_by().values(f"{level}_id"))
        .filter(question__code__in=codes, number__isnull=False)
        .order_by()
        .values("question__questionnaire_id")
        .annotate(
            total=Sum("number"), n=Count("pk"), respondents=Count("response_id", distinct=True)
        )
    ):
        entry = totals[programme_of[row["question__questionnaire_id"]]]
        entry[0] += row["total"]
        entry[1] += row["n"]
        entry[2] += row["respondents"]
    return {
        programme_id: Score(_mean(total, count), respondents)
        for programme_id, (total, count, respondents) in totals.items()
    }


def reaction_scores_by_programme(agency, programme_ids):
    """Mean L1 score (material, speakers, organisation, facilities; 1–5) and respondents per
    programme, over all its offerings; two queries. Programmes without answers are left out."""
    return _scores_by_programme(agency, programme_ids, "reaction", REACTION_SCORE_CODES)


def behaviour_scores_by_programme(agency, programme_ids):
    """Mean L3 application score (1–5, supervisors and participants together) and
    respondents per programme; two queries. Programmes without answers are left out."""
    return _scores_by_programme(agency, programme_ids, "behaviour", APPLICATION_CODES)


@dataclass
class SpeakerScore:
    key: str  # "speaker-<pk>" or "trainer-<user pk>"
    name: str
    mean: float | None
    answers: int
    offerings: int

    @property
    def kind(self):
        return self.key.split("-", 1)[0]

    @property
    def kind_label(self):
        return _("Trainer") if self.kind == "trainer" else _("Speaker")

    @property
    def bar(self):
        return _bar(self.mean)


def speaker_scores(agency, year=None, offerings=None):
    """Each speaker's and trainer's mean rating (1–5) and number of ratings over the offerings
    (of ``year``, by end date; or the given ``offerings``); two queries."""
    evaluations = OfferingEvaluation.objects.for_agency(agency).filter(reaction__isnull=False)
    if offerings is not None:
        evaluations = evaluations.filter(offering__in=offerings)
    if year:
        evaluations = evaluations.filter(offering__ends_on__year=year)
    ids = evaluations.order_by().values("reaction_id")
    names, rated_in = _speaker_names(agency, ids)
    rows = (
        _answers(agency, ids)
        .filter(question__code=SPEAKER_CODE, number__isnull=False)
        .order_by()
        .values("item")
        .annotate(total=Sum("number"), n=Count("pk"))
    )
    scores = {
        row["item"]: SpeakerScore(
            key=row["item"],
            name=names.get(row["item"], row["item"]),
            mean=_mean(row["total"], row["n"]),
            answers=row["n"],
            offerings=rated_in.get(row["item"], 0),
        )
        for row in rows
    }
    for key, name in names.items():
        scores.setdefault(key, SpeakerScore(key, name, None, 0, rated_in[key]))
    return sorted(scores.values(), key=lambda s: (s.name.lower(), s.key))


def pending_invitations(questionnaire, within=None):
    """Invitations nobody has answered yet, with invitee and subject; ``within``: only
    invitees whose unit lies in that unit's subtree."""
    if questionnaire is None:
        return Invitation.objects.none()
    pending = (
        Invitation.objects.for_agency(questionnaire.agency_id)
        .filter(questionnaire=questionnaire, responded_at__isnull=True)
        .select_related("employee", "subject", "unit")
        .order_by("employee__name", "subject__name", "pk")
    )
    if within is not None:
        pending = pending.filter(unit__path__startswith=within.path)
    return pending


@dataclass
class Coverage:
    participants: int = 0
    with_supervisor: int = 0

    @property
    def without_supervisor(self):
        return self.participants - self.with_supervisor


def behaviour_coverage(questionnaire):
    """How many participants the behaviour questionnaire asked, and how many of them have a
    supervisor asked about them as well; one query."""
    if questionnaire is None:
        return Coverage()
    counts = (
        Invitation.objects.for_agency(questionnaire.agency_id)
        .filter(questionnaire=questionnaire)
        .aggregate(
            participants=Count("subject_id", filter=Q(relation="self"), distinct=True),
            with_supervisor=Count("subject_id", filter=Q(relation="supervisor"), distinct=True),
        )
    )
    return Coverage(**counts)
