"""The rows a report prints, shared by the page, the workbook and the PDF."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..outcomes import OutcomeRow


def show(value, suffix=""):
    """A figure as printed: '–' when there is none."""
    if value is None or value == "":
        return "–"
    return f"{value}{suffix}"


def learning_rows(summary):
    """(label, value) of an L2 summary."""
    return [
        (_("Participants"), summary.participants),
        (_("Participants with both tests"), summary.pairs),
        (_("Mean pre-test"), summary.mean_pre),
        (_("Mean post-test"), summary.mean_post),
        (_("Average gain (points)"), summary.average_gain),
        (_("Normalised gain (mean of individual g)"), summary.normalised_gain),
        (_("Normalised gain band"), str(summary.band) if summary.band else None),
        (_("Class-average normalised gain (g of the means)"), summary.class_normalised_gain),
        (_("Left out of the normalised gain (pre-test 100)"), summary.at_ceiling),
        (_("Participants with a post-test"), summary.post_tested),
        (_("Pass rate (%)"), summary.pass_rate),
    ]


LEARNING_NOTE = gettext_lazy(
    "Normalised gain g = (post − pre) / (100 − pre), undefined for a pre-test of 100. The page "
    "shows the mean of the participants' own g; the class-average g (of the mean scores) is "
    "printed for comparison. The pass rate counts post-tests at or above the offering's minimum."
)


def learning_note():
    return str(LEARNING_NOTE)


def outcome_headers():
    return [
        _("Outcome"),
        _("Participants' units, before"),
        _("Participants' units, after"),
        _("Comparison units, before"),
        _("Comparison units, after"),
        _("Difference-in-differences"),
    ]


def outcome_table(outcomes):
    """One row per outcome: the four figures and the DiD figure or the reason there is none."""
    rows = []
    for row in outcomes.rows:
        result = row.result
        if result is None:
            rows.append((str(row.label), "–", "–", "–", "–", str(row.note)))
            continue
        cells = [_cell(row, cell, i) for i, cell in enumerate(result.cells)]
        figure = result.estimate if result.is_computed else result.message
        rows.append((str(row.label), *cells, figure))
    return rows


def _cell(row: OutcomeRow, cell, index):
    text = show(cell.value)
    if cell.respondents is not None:
        text = _("%(value)s (%(n)s respondents)") % {"value": text, "n": cell.respondents}
    elif row.counts:
        text = _("%(value)s (%(n)s complaints)") % {"value": text, "n": row.counts[index]}
    return text


def outcome_facts(outcomes):
    """(label, value) describing the comparison: windows, groups, minimum, method."""
    if outcomes.before is None:
        return [(_("Results (L4)"), str(outcomes.message))]
    facts = [
        (
            _("Before"),
            f"{outcomes.before.start:%d-%m-%Y} – {outcomes.before.end:%d-%m-%Y}",
        ),
        (_("After"), f"{outcomes.after.start:%d-%m-%Y} – {outcomes.after.end:%d-%m-%Y}"),
        (_("Participants"), outcomes.participants),
        (_("Service units of the participants"), len(outcomes.treated)),
        (_("Comparison service units"), len(outcomes.comparison)),
        (_("Fewest SKM respondents per group and period"), outcomes.min_respondents),
    ]
    if outcomes.message:
        facts.append((_("Results (L4)"), str(outcomes.message)))
    return facts


def offering_table(report):
    """One row per offering of the report with its L2 figures."""
    rows = []
    for offering, summary in report.learning.rows():
        version = offering.material_version
        rows.append(
            (
                offering.title,
                offering.starts_on,
                offering.ends_on,
                _("Version %(number)s") % {"number": version.number} if version else "–",
                summary.participants,
                summary.pairs,
                summary.normalised_gain,
                summary.pass_rate,
            )
        )
    return rows


def offering_headers():
    return [
        _("Offering"),
        _("Start date"),
        _("End date"),
        _("Material version"),
        _("Participants"),
        _("With both tests"),
        _("Normalised gain"),
        _("Pass rate (%)"),
    ]


def version_headers():
    return [
        _("Material version"),
        _("Offerings"),
        _("Participants"),
        _("L1 mean"),
        _("L2 normalised gain"),
        _("Pass rate (%)"),
        _("L3 mean"),
    ]


def version_table(report):
    return [
        (
            row.label,
            len(row.offerings),
            row.participants,
            row.reaction_mean,
            row.learning.normalised_gain,
            row.learning.pass_rate,
            row.behaviour_mean,
        )
        for row in report.versions
    ]


def finding_rows(report):
    return [(f.get_level_display(), f.text, f.created_at) for f in report.findings]


def reaction_rows(reaction):
    """(label, value) of the reaction (L1) results: response rate, mean per aspect (1–5)."""
    lines = [
        (_("Invited"), reaction.invited),
        (_("Answered"), reaction.answered),
        (_("Response rate (%)"), reaction.response_rate),
        (_("Overall mean (1–5)"), reaction.overall),
    ]
    lines += [(str(row.label), row.mean) for row in reaction.aspect_rows]
    lines += [
        (_("Own ability before (1–5)"), reaction.ability_before),
        (_("Own ability after (1–5)"), reaction.ability_after),
    ]
    lines += [(_("Speaker: %(name)s") % {"name": s.name}, s.mean) for s in reaction.speakers]
    return lines


def behaviour_rows(behaviour):
    """(label, value) of the behaviour (L3) results: response rate and application score per
    relation, mean per question (1–5)."""
    lines = [
        (_("Invited"), behaviour.invited),
        (_("Answered"), behaviour.answered),
        (_("Response rate (%)"), behaviour.response_rate),
        (_("Application score (1–5)"), behaviour.application),
    ]
    for relation in behaviour.relations:
        lines.append(
            (
                _("%(who)s: %(answered)s of %(invited)s answered")
                % {
                    "who": relation.label,
                    "answered": relation.answered,
                    "invited": relation.invited,
                },
                relation.mean,
            )
        )
    lines += [(q.text, q.mean) for q in behaviour.questions]
    return lines
