"""Reads of the learning level (Kirkpatrick L2): the pre- and post-test scores that delivery
recorded for the enrolled participants, summarised with the formulas of ``gain.py``.

Each function reads the scores in one ``values_list`` pass (no per-offering queries), so a
plan page with every programme of a large agency costs the same few queries as one offering.
"""

from dataclasses import dataclass, field

from binaasn.learning.models import Enrolment, Offering

from . import gain


@dataclass
class LearningResults:
    """The L2 figures of some offerings: ``overall`` pools every participant; ``by_offering``
    maps an offering id to its own summary; ``scores`` keeps the (pre, post, threshold) of each
    participant per offering so groups of offerings (e.g. a material version) can be pooled."""

    overall: gain.LearningSummary
    by_offering: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    offerings: list = field(default_factory=list)

    def rows(self):
        """[(offering, summary)] in the order the offerings were given."""
        return [(o, self.by_offering[o.pk]) for o in self.offerings]

    def pooled(self, offering_ids):
        """One summary of the participants of ``offering_ids`` together."""
        items = [item for pk in offering_ids for item in self.scores.get(pk, [])]
        return gain.summarise(items)


def _enrolled(agency):
    return Enrolment.objects.for_agency(agency).filter(status=Enrolment.Status.ENROLLED)


def learning_results(agency, offerings):
    """L2 figures of ``offerings`` (a queryset or a list): pairs, mean scores, gain, normalised
    gain and pass rate per offering and for all of them together; one query for the scores."""
    offerings = list(offerings)
    ids = [o.pk for o in offerings]
    scores = {pk: [] for pk in ids}
    rows = (
        _enrolled(agency)
        .filter(offering_id__in=ids)
        .values_list("offering_id", "pre_test", "post_test", "offering__min_post_test")
        .order_by()
    )
    for offering_id, pre, post, threshold in rows:
        scores[offering_id].append((pre, post, threshold))
    by_offering = {o.pk: gain.summarise(scores[o.pk], threshold=o.min_post_test) for o in offerings}
    overall = gain.summarise([item for pk in ids for item in scores[pk]])
    return LearningResults(
        overall=overall, by_offering=by_offering, scores=scores, offerings=offerings
    )


def learning_scores_by_programme(agency, programme_ids):
    """{programme id: LearningSummary} over the finished offerings of each programme, from one
    query; a programme without finished offerings gets an empty summary."""
    programme_ids = list(programme_ids)
    scores = {pk: [] for pk in programme_ids}
    rows = (
        _enrolled(agency)
        .filter(
            offering__programme_id__in=programme_ids,
            offering__status=Offering.Status.FINISHED,
        )
        .values_list("offering__programme_id", "pre_test", "post_test", "offering__min_post_test")
        .order_by()
    )
    for programme_id, pre, post, threshold in rows:
        scores[programme_id].append((pre, post, threshold))
    return {pk: gain.summarise(items) for pk, items in scores.items()}
