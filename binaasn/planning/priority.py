"""Priority score of a development need found by the needs analysis (AKPK). Pure, no ORM.

Four signals, each scaled to 0–1:

- gap       g = min(average gap, 4) / 4      (the average shortfall of the ASN affected; 4 is
                                              the largest possible gap, required 5 − current 1)
- breadth   b = affected / most affected     (ASN with a shortfall, against the need with the
                                              most of them in the same campaign)
- survey    s = (mean rating − 1) / 4         (needs questionnaire, levels 1–5 of how much
                                              development the ASN and their supervisors see;
                                              0 without answers)
- interview i = mentions / most mentions     (interview records naming the competency)

score = 100 × (w_g·g + w_b·b + w_s·s + w_i·i) / (w_g + w_b + w_s + w_i), rounded half-up to
two places. The weights are the campaign's (the agency admin sets them); all-zero weights give 0.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_GAP = Decimal(4)
SCALE_MIN = Decimal(1)
SCALE_SPAN = Decimal(4)  # ratings 1–5
CENT = Decimal("0.01")
FORMULA = "100 × (w_g·g + w_b·b + w_s·s + w_i·i) / (w_g + w_b + w_s + w_i)"


@dataclass(frozen=True)
class Weights:
    gap: Decimal = Decimal(4)
    breadth: Decimal = Decimal(3)
    survey: Decimal = Decimal(2)
    interview: Decimal = Decimal(1)

    @property
    def total(self):
        return self.gap + self.breadth + self.survey + self.interview


@dataclass(frozen=True)
class Inputs:
    avg_gap: Decimal  # average shortfall among the affected ASN (0 when none)
    affected: int
    max_affected: int  # the largest ``affected`` of the campaign
    survey_mean: Decimal | None  # mean rating 1–5, None without answers
    mentions: int
    max_mentions: int


def _ratio(part, whole):
    return Decimal(part) / Decimal(whole) if whole else Decimal(0)


def components(inputs):
    """The four signals scaled to 0–1, as a dict g, b, s, i."""
    gap = min(max(Decimal(inputs.avg_gap), Decimal(0)), MAX_GAP) / MAX_GAP
    breadth = _ratio(inputs.affected, inputs.max_affected)
    if inputs.survey_mean is None:
        survey = Decimal(0)
    else:
        survey = min(
            max((Decimal(inputs.survey_mean) - SCALE_MIN) / SCALE_SPAN, Decimal(0)), Decimal(1)
        )
    interview = _ratio(inputs.mentions, inputs.max_mentions)
    return {"g": gap, "b": breadth, "s": survey, "i": interview}


def score(inputs, weights=Weights()):
    """The priority score 0–100 (Decimal, two places)."""
    return explain(inputs, weights)["score"]


def explain(inputs, weights=Weights()):
    """Every number behind a score, for the page that shows how it was computed."""
    parts = components(inputs)
    terms = {
        "g": Decimal(weights.gap) * parts["g"],
        "b": Decimal(weights.breadth) * parts["b"],
        "s": Decimal(weights.survey) * parts["s"],
        "i": Decimal(weights.interview) * parts["i"],
    }
    weighted_sum = sum(terms.values(), Decimal(0))
    total_weight = Decimal(weights.total)
    value = (Decimal(100) * weighted_sum / total_weight) if total_weight else Decimal(0)
    return {
        "components": parts,
        "terms": terms,
        "weighted_sum": weighted_sum,
        "total_weight": total_weight,
        "score": value.quantize(CENT, rounding=ROUND_HALF_UP),
    }
