"""The plan evaluation as a file: an Excel workbook (core.exports) and a PDF (fpdf2) with the
totals, the programme table, budget absorption drawn as bars, and the L1–L4 rankings."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from binaasn.core.exports import build_workbook
from binaasn.core.templatetags.binaasn import rupiah
from binaasn.planning.documents import PlanPDF, pdf_text

from .plan_evaluation import LEVELS


def _number(value):
    return "–" if value is None else str(value)


def _percent(value):
    return "–" if value is None else f"{value}%"


def programme_headers():
    return [
        _("Programme"),
        _("Offerings scheduled"),
        _("Offerings held"),
        _("Offerings cancelled"),
        _("Participants planned"),
        _("Participants actual"),
        _("Participants completed"),
        _("JP planned"),
        _("JP delivered"),
        _("Budget planned (Rp)"),
        _("Budget realized (Rp)"),
        _("Absorption (%)"),
        *[str(label) for _key, label in LEVELS],
    ]


def _level_cell(result):
    if result.has_value:
        return result.text
    return result.missing or _("No data yet.")


def programme_rows(evaluation):
    for row in evaluation.rows:
        yield (
            row.programme.title,
            row.offerings_scheduled,
            row.offerings_held,
            row.offerings_cancelled,
            row.participants_planned,
            row.participants_enrolled,
            row.participants_completed,
            row.jp_planned,
            row.jp_delivered,
            row.budget_planned,
            row.budget_realized,
            row.absorption,
            *[_level_cell(result) for result in row.level_list()],
        )


def summary_rows(evaluation, money=lambda value: value):
    """(label, value) of the plan's totals; ``money`` formats rupiah amounts."""
    t, c = evaluation.totals, evaluation.compliance
    return [
        (_("Plan"), evaluation.plan.title),
        (_("Year"), evaluation.plan.year),
        (_("Programmes planned"), t["programmes"]),
        (_("Programmes held"), t["programmes_held"]),
        (_("Programmes held (%)"), t["programmes_percent"]),
        (_("Offerings scheduled"), t["offerings_scheduled"]),
        (_("Offerings held"), t["offerings_held"]),
        (_("Offerings cancelled"), t["offerings_cancelled"]),
        (_("Participants planned"), t["participants_planned"]),
        (_("Participants actual"), t["participants_enrolled"]),
        (_("Participants completed"), t["participants_completed"]),
        (_("JP planned"), t["jp_planned"]),
        (_("JP delivered"), t["jp_delivered"]),
        (_("Budget planned (Rp)"), money(t["budget_planned"])),
        (_("Budget realized (Rp)"), money(t["budget_realized"])),
        (_("Absorption (%)"), t["absorption"]),
        (
            _("PNS/CPNS of the agency with at least %(jp)s JP in %(year)s")
            % {"jp": c["minimum"], "year": c["year"]},
            c["meeting"],
        ),
        (_("PNS/CPNS of the agency (active)"), c["total"]),
        (_("Share reaching the minimum (%)"), c["percent"]),
    ]


def ranking_rows(evaluation):
    for ranking in evaluation.rankings:
        for place, row in enumerate(ranking.top, start=1):
            result = row.levels[ranking.level]
            yield (ranking.label, _("Top"), place, row.programme.title, result.text, result.detail)
        for place, row in enumerate(ranking.bottom, start=1):
            result = row.levels[ranking.level]
            yield (
                ranking.label,
                _("Bottom"),
                place,
                row.programme.title,
                result.text,
                result.detail,
            )
        for row, reason in ranking.lacking:
            yield (ranking.label, _("No data"), None, row.programme.title, "", str(reason))


def evaluation_workbook(evaluation):
    return build_workbook(
        [
            (_("Summary"), [_("Item"), _("Value")], summary_rows(evaluation)),
            (_("Programmes"), programme_headers(), list(programme_rows(evaluation))),
            (
                _("L1–L4 ranking"),
                [_("Level"), _("Group"), _("Place"), _("Programme"), _("Figure"), _("Detail")],
                list(ranking_rows(evaluation)),
            ),
        ]
    )


def _heading(pdf, text):
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 9, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 9)


def _table(pdf, headers, widths, rows, aligns):
    pdf.set_font("helvetica", "B", 8)
    pdf.set_fill_color(221, 235, 247)
    for header, width in zip(headers, widths, strict=True):
        pdf.cell(width, 7, pdf_text(header), border=1, fill=True)
    pdf.ln()
    pdf.set_font("helvetica", "", 8)
    for row in rows:
        if pdf.get_y() > pdf.h - 25:
            pdf.add_page()
        for value, width, align in zip(row, widths, aligns, strict=True):
            text = pdf_text(value)
            while text and pdf.get_string_width(text) > width - 2:
                text = text[:-2] + "."
            pdf.cell(width, 6, text, border=1, align=align)
        pdf.ln()


def _absorption_bars(pdf, evaluation):
    """One bar per programme: the planned budget as an outline, the realized part filled."""
    rows = [row for row in evaluation.rows if row.budget_planned or row.budget_realized]
    if not rows:
        return
    _heading(pdf, _("Budget absorption per programme"))
    largest = max(max(row.budget_planned, row.budget_realized) for row in rows)
    label_width, bar_width, height = 80, 150, 5
    for row in rows:
        if pdf.get_y() > pdf.h - 25:
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        text = pdf_text(row.programme.title)
        while text and pdf.get_string_width(text) > label_width - 2:
            text = text[:-2] + "."
        pdf.cell(label_width, height, text)
        planned = float(row.budget_planned / largest) * bar_width if largest else 0
        realized = float(row.budget_realized / largest) * bar_width if largest else 0
        pdf.set_draw_color(11, 83, 148)
        if planned:
            pdf.rect(x + label_width, y + 0.5, planned, height - 1)
        pdf.set_fill_color(11, 83, 148)
        if realized:
            pdf.rect(x + label_width, y + 1.5, realized, height - 3, style="F")
        pdf.set_xy(x + label_width + bar_width + 3, y)
        pdf.cell(30, height, pdf_text(_percent(row.absorption)))
        pdf.ln(height + 1)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_font("helvetica", "", 8)
    pdf.cell(
        0,
        6,
        pdf_text(_("Outline: planned budget; filled: realized. Longest bar: %(amount)s.")
                 % {"amount": rupiah(largest)}),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )  # fmt: skip


def evaluation_pdf(evaluation):
    plan = evaluation.plan
    title = _("Evaluation of %(plan)s") % {"plan": plan.title}
    pdf = PlanPDF(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 10, pdf_text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 10)
    pdf.cell(
        0,
        7,
        pdf_text(
            f"{plan.agency.name} - "
            + _("Printed on %(date)s") % {"date": date_format(timezone.localdate(), "j F Y")}
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(2)
    _heading(pdf, _("Summary"))
    summary = [(label, _number(value)) for label, value in summary_rows(evaluation, rupiah)[2:]]
    _table(pdf, [_("Item"), _("Value")], [150, 50], summary, ["L", "R"])
    pdf.add_page()
    _heading(pdf, _("Programmes"))
    headers = [
        _("Programme"),
        _("Held"),
        _("Particip."),
        _("JP"),
        _("Budget"),
        _("Realized"),
        _("Abs."),
        "L1",
        "L2",
        "L3",
        "L4",
    ]
    widths = [64, 18, 26, 30, 32, 32, 14, 16, 16, 16, 13]
    rows = []
    for row in evaluation.rows:
        levels = [r.text if r.has_value else "-" for r in row.level_list()]
        rows.append(
            (
                row.programme.title,
                f"{row.offerings_held}/{row.offerings_scheduled}",
                f"{row.participants_enrolled}/{row.participants_planned}",
                f"{row.jp_delivered}/{row.jp_planned}",
                rupiah(row.budget_planned),
                rupiah(row.budget_realized),
                _percent(row.absorption),
                *levels,
            )
        )
    _table(pdf, headers, widths, rows, ["L"] + ["R"] * 10)
    pdf.set_font("helvetica", "", 8)
    pdf.multi_cell(
        0,
        5,
        pdf_text(
            _(
                "Held: offerings held / scheduled. Particip.: actual / planned participants. "
                "JP: delivered / planned. Abs.: realized / planned budget."
            )
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)
    _absorption_bars(pdf, evaluation)
    pdf.add_page()
    _heading(pdf, _("Programmes by L1-L4"))
    _table(
        pdf,
        [_("Level"), _("Group"), _("Place"), _("Programme"), _("Figure"), _("Detail")],
        [35, 25, 15, 95, 25, 80],
        [tuple("" if v is None else v for v in r) for r in ranking_rows(evaluation)],
        ["L", "L", "R", "L", "R", "L"],
    )
    return bytes(pdf.output())
