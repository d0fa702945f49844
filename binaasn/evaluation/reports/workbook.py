"""The evaluation report as an XLSX workbook, one sheet per part (core.exports, no formulas)."""

from django.utils.translation import gettext as _

from binaasn.core.exports import build_workbook

from . import rows


def _summary(report):
    subject = report.subject
    lines = [
        (_("Agency"), report.agency.name),
        (_("Programme") if report.is_programme else _("Offering"), subject.title),
    ]
    if not report.is_programme:
        lines += [
            (_("Start date"), subject.starts_on),
            (_("End date"), subject.ends_on),
            (
                _("Material version"),
                str(subject.material_version) if subject.material_version_id else "–",
            ),
        ]
    else:
        lines.append((_("Finished offerings"), len(report.offerings)))
    return lines


def report_workbook(report):
    """XLSX bytes: summary, L1, L2, L3, L4, offerings (and versions) and findings."""
    item_value = [_("Item"), _("Value")]
    sheets = [(_("Summary"), item_value, _summary(report))]
    if report.reaction is not None:
        sheets.append((_("L1 reaction"), item_value, rows.reaction_rows(report.reaction)))
    learning = rows.learning_rows(report.learning.overall)
    learning.append((_("Method"), rows.learning_note()))
    sheets.append((_("L2 learning"), item_value, learning))
    if report.behaviour is not None:
        sheets.append((_("L3 behaviour"), item_value, rows.behaviour_rows(report.behaviour)))
    outcomes = report.outcomes
    sheets.append((_("L4 results"), rows.outcome_headers(), rows.outcome_table(outcomes)))
    facts = rows.outcome_facts(outcomes) + [(_("Caution"), str(outcomes.caveat))]
    sheets.append((_("L4 comparison"), item_value, facts))
    if report.is_programme:
        sheets.append((_("Offerings"), rows.offering_headers(), rows.offering_table(report)))
        sheets.append((_("Material versions"), rows.version_headers(), rows.version_table(report)))
    sheets.append(
        (
            _("Findings"),
            [_("Level"), _("Finding"), _("Recorded")],
            rows.finding_rows(report),
        )
    )
    return build_workbook(sheets)
