"""Learning gain of a training offering (Kirkpatrick level 2) from pre- and post-test scores.

Pure functions, no ORM. Scores are on the 0–100 scale the delivery area records. The formula
follows DOMAIN.md, "Evaluation of training": normalised gain g = (post − pre) / (100 − pre),
defined only for pre < 100 (a participant who scored 100 before could not gain anything).

Two averages of g exist and they differ when participants start at different levels:

- the mean of individual g (``average_normalised_gain``): every participant with pre < 100
  counts once, those with pre = 100 are left out and counted separately. **Evaluation pages
  and reports show this one** as "normalised gain";
- the class-average g (``class_normalised_gain``): g of the mean scores,
  (mean post − mean pre) / (100 − mean pre), as Hake's original study computed it; reports
  print it next to the first for comparison.

Arithmetic is exact (``fractions.Fraction`` over the ``Decimal`` scores); each figure is rounded
once, half-up, at the end: scores and gains in points to 2 decimals, normalised gains to 2
decimals, pass rates in percent to 1 decimal.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from binaasn.citizens.ikm import round_half_up

SCORE_MAX = 100
POINT_PLACES = 2
GAIN_PLACES = 2
PERCENT_PLACES = 1

# Hake's bands, as Indonesian N-gain practice uses them: high ≥ 0.7, medium ≥ 0.3, low below.
HIGH_GAIN = Fraction(7, 10)
MEDIUM_GAIN = Fraction(3, 10)


def _exact(value):
    return Fraction(value)


def gain(pre, post):
    """The gain in points, post − pre (exact)."""
    return _exact(post) - _exact(pre)


def normalised_gain(pre, post):
    """g = (post − pre) / (100 − pre) as an exact Fraction; None when pre = 100 (undefined)."""
    pre, post = _exact(pre), _exact(post)
    if pre >= SCORE_MAX:
        return None
    return (post - pre) / (SCORE_MAX - pre)


def _mean(values):
    values = list(values)
    if not values:
        return None
    return sum(values, Fraction(0)) / len(values)


def _round(value, places):
    return None if value is None else round_half_up(value, places)


def average_gain(pairs):
    """Mean of post − pre over ``pairs`` of (pre, post), 2 decimals; None without pairs."""
    return _round(_mean(gain(pre, post) for pre, post in pairs), POINT_PLACES)


def average_normalised_gain(pairs):
    """Mean of the individual g over the pairs with pre < 100, 2 decimals; None when no pair
    has pre < 100. This is the figure the pages show."""
    values = [normalised_gain(pre, post) for pre, post in pairs]
    return _round(_mean(v for v in values if v is not None), GAIN_PLACES)


def class_normalised_gain(pairs):
    """g of the class means, (mean post − mean pre) / (100 − mean pre), 2 decimals; None
    without pairs or when every pre-test is 100."""
    pairs = list(pairs)
    if not pairs:
        return None
    mean_pre = _mean(_exact(pre) for pre, _post in pairs)
    mean_post = _mean(_exact(post) for _pre, post in pairs)
    return _round(normalised_gain(mean_pre, mean_post), GAIN_PLACES)


def pass_rate(post_scores, threshold):
    """Percent of ``post_scores`` at or above ``threshold``, 1 decimal; None when the offering
    sets no threshold or nobody has a post-test score."""
    scores = [_exact(score) for score in post_scores]
    if threshold is None or not scores:
        return None
    passed = sum(1 for score in scores if score >= _exact(threshold))
    return round_half_up(Fraction(passed * 100, len(scores)), PERCENT_PLACES)


def gain_band(g):
    """Hake's band of a normalised gain: high, medium or low (empty for None)."""
    if g is None:
        return ""
    if g >= HIGH_GAIN:
        return _("high")
    if g >= MEDIUM_GAIN:
        return _("medium")
    return _("low")


@dataclass(frozen=True)
class LearningSummary:
    """The level 2 figures of one group of participants (an offering, a version, a programme).

    ``pairs`` participants have both scores; ``at_ceiling`` of them scored 100 before and are
    left out of the normalised gain; ``post_tested`` have a post-test score; ``passed`` of
    those with a pass threshold reach it (None when no threshold applies)."""

    participants: int
    pairs: int
    at_ceiling: int
    post_tested: int
    passed: int | None
    mean_pre: object
    mean_post: object
    average_gain: object
    normalised_gain: object
    class_normalised_gain: object
    pass_rate: object
    threshold: object = None

    @property
    def band(self):
        return gain_band(self.normalised_gain)

    @property
    def has_scores(self):
        return bool(self.pairs or self.post_tested)


def summarise(scores, threshold=None, participants=None):
    """Level 2 figures from ``scores``: (pre, post) with None for a missing score, or
    (pre, post, threshold) when participants of several offerings with their own pass
    thresholds are pooled. ``threshold`` applies to items without their own (None: no post-test
    required); the pass rate counts only participants who have a threshold and a post-test."""
    items = []
    for item in scores:
        pre, post = item[0], item[1]
        items.append((pre, post, item[2] if len(item) > 2 else threshold))
    pairs = [(pre, post) for pre, post, _t in items if pre is not None and post is not None]
    judged = [(post, t) for _pre, post, t in items if post is not None and t is not None]
    passed = sum(1 for post, t in judged if _exact(post) >= _exact(t)) if judged else None
    rate = None
    if judged:
        rate = round_half_up(Fraction(passed * 100, len(judged)), PERCENT_PLACES)
    return LearningSummary(
        participants=len(items) if participants is None else participants,
        pairs=len(pairs),
        at_ceiling=sum(1 for pre, _post in pairs if _exact(pre) >= SCORE_MAX),
        post_tested=sum(1 for _pre, post, _t in items if post is not None),
        passed=passed,
        mean_pre=_round(_mean(_exact(pre) for pre, _post in pairs), POINT_PLACES),
        mean_post=_round(_mean(_exact(post) for _pre, post in pairs), POINT_PLACES),
        average_gain=average_gain(pairs),
        normalised_gain=average_normalised_gain(pairs),
        class_normalised_gain=class_normalised_gain(pairs),
        pass_rate=rate,
        threshold=threshold,
    )
