"""The current competency profile of an employee, decided from their assessments (no ORM).

For each competency we take, per source, the most recent score; then the source that ranks
highest in the precedence wins: assessment centre > test > supervisor > self-assessment.
A more recent self-assessment never overrides an assessment centre result.
"""

PRECEDENCE = ("assessment_centre", "test", "supervisor", "self")


def current_profile(scores, precedence=PRECEDENCE):
    """``scores``: iterable of (competency, source, assessed_on, order, level), where ``order``
    breaks ties between assessments of the same day (e.g. the creation time or id).

    Returns ``{competency: (level, source, assessed_on)}``.
    """
    latest = {}
    for competency, source, assessed_on, order, level in scores:
        key = (competency, source)
        if key not in latest or (assessed_on, order) > latest[key][0]:
            latest[key] = ((assessed_on, order), level)
    rank = {source: index for index, source in enumerate(precedence)}
    profile = {}
    for (competency, source), ((assessed_on, _order), level) in latest.items():
        chosen = profile.get(competency)
        if chosen is None or rank.get(source, len(rank)) < rank.get(chosen[1], len(rank)):
            profile[competency] = (level, source, assessed_on)
    return profile
