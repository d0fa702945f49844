"""Reaction (L1) and behaviour (L3) figures per offering for lists and version tables, in
three queries whatever the number of offerings: the offerings' evaluations, invitations
grouped by questionnaire, and answer sums grouped by questionnaire. The codes of the scored
questions are those the feedback questionnaires use (``services/feedback.py``)."""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from binaasn.citizens.ikm import round_half_up
from binaasn.surveys.models import Answer, Invitation

from ..models import OfferingEvaluation
from ..services.feedback import APPLICATION_CODES, REACTION_SCORE_CODES


@dataclass
class Tally:
    invited: int = 0
    answered: int = 0
    total: Fraction = Fraction(0)
    count: int = 0

    def add(self, other):
        return Tally(
            self.invited + other.invited,
            self.answered + other.answered,
            self.total + other.total,
            self.count + other.count,
        )

    @property
    def mean(self):
        """Mean score (1–5), 2 decimals; None without scored answers."""
        return round_half_up(self.total / self.count, 2) if self.count else None

    @property
    def response_rate(self):
        """Percent of the invited who answered, 1 decimal; None when nobody was invited."""
        if not self.invited:
            return None
        return round_half_up(Fraction(self.answered * 100, self.invited), 1)


@dataclass
class OfferingFeedback:
    evaluation: object = None  # the OfferingEvaluation values, None when not set up
    reaction: Tally = None
    behaviour: Tally = None

    @property
    def behaviour_status(self):
        """Where the behaviour evaluation stands, in words."""
        evaluation = self.evaluation
        if evaluation is None or (
            not evaluation["behaviour_id"] and not evaluation["behaviour_due_on"]
        ):
            return _("Not scheduled")
        if not evaluation["behaviour_id"]:
            return _("Due %(date)s") % {"date": evaluation["behaviour_due_on"].strftime("%d-%m-%Y")}
        return _("Sent, %(answered)s of %(invited)s answered") % {
            "answered": self.behaviour.answered,
            "invited": self.behaviour.invited,
        }


def feedback_by_offering(agency, offering_ids):
    """{offering id: OfferingFeedback} for ``offering_ids``."""
    offering_ids = list(offering_ids)
    result = {pk: OfferingFeedback(reaction=Tally(), behaviour=Tally()) for pk in offering_ids}
    evaluations = list(
        OfferingEvaluation.objects.for_agency(agency)
        .filter(offering_id__in=offering_ids)
        .values("offering_id", "reaction_id", "behaviour_id", "behaviour_due_on")
    )
    owner = {}  # questionnaire id -> (offering id, "reaction" | "behaviour")
    for row in evaluations:
        result[row["offering_id"]].evaluation = row
        for level in ("reaction", "behaviour"):
            if row[f"{level}_id"]:
                owner[row[f"{level}_id"]] = (row["offering_id"], level)
    if not owner:
        return result
    tallies = defaultdict(Tally)
    for row in (
        Invitation.objects.for_agency(agency)
        .filter(questionnaire_id__in=list(owner))
        .order_by()
        .values("questionnaire_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_at__isnull=False)))
    ):
        tallies[row["questionnaire_id"]] = Tally(row["invited"], row["answered"])
    for row in (
        Answer.objects.for_agency(agency)
        .filter(
            question__questionnaire_id__in=list(owner),
            question__code__in=(*REACTION_SCORE_CODES, *APPLICATION_CODES),
            number__isnull=False,
        )
        .order_by()
        .values("question__questionnaire_id", "question__code")
        .annotate(total=Sum("number"), n=Count("pk"))
    ):
        questionnaire = row["question__questionnaire_id"]
        codes = REACTION_SCORE_CODES if owner[questionnaire][1] == "reaction" else APPLICATION_CODES
        if row["question__code"] in codes:
            tallies[questionnaire] = tallies[questionnaire].add(
                Tally(total=Fraction(row["total"]), count=row["n"])
            )
    for questionnaire, (offering_id, level) in owner.items():
        setattr(result[offering_id], level, tallies[questionnaire])
    return result


def pooled(figures, offering_ids, level):
    """One Tally of ``level`` over ``offering_ids``."""
    tally = Tally()
    for pk in offering_ids:
        if pk in figures:
            tally = tally.add(getattr(figures[pk], level))
    return tally
