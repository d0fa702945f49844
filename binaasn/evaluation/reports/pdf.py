"""The evaluation report as a PDF (fpdf2, built-in Helvetica), with bar charts drawn as
rectangles."""

from fractions import Fraction

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from binaasn.planning.documents import pdf_text

from . import rows

BAR_COLOUR = (11, 83, 148)
LIGHT_BAR_COLOUR = (159, 197, 232)


class _Pdf(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)

    def line_text(self, text, size=10, style="", align="L", height=6):
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, height, pdf_text(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text):
        self.ln(3)
        self.line_text(text, size=12, style="B", height=7)

    def facts(self, lines):
        for label, value in lines:
            self.set_font("Helvetica", "B", 9)
            self.cell(75, 5.5, pdf_text(label))
            self.set_font("Helvetica", "", 9)
            self.multi_cell(0, 5.5, pdf_text(rows.show(value)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(self, headers, data, widths, size=8):
        self.set_font("Helvetica", "B", size)
        self.set_fill_color(221, 235, 247)
        for text, width in zip(headers, widths, strict=True):
            self.cell(width, 6, pdf_text(text)[:40], border=1, fill=True)
        self.ln()
        self.set_font("Helvetica", "", size)
        for line in data:
            for value, width in zip(line, widths, strict=True):
                text = value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else value
                self.cell(width, 5.5, pdf_text(rows.show(text))[: int(width / 1.6)], border=1)
            self.ln()

    def bars(self, title, items, maximum, light=()):
        """A horizontal bar chart: ``items`` (label, value or None) on a 0…``maximum`` axis;
        items whose index is in ``light`` are drawn in the lighter colour."""
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 6, pdf_text(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        label_width, bar_width, height = 62, 90, 5
        for index, (label, value) in enumerate(items):
            if self.will_page_break(height + 1):
                self.add_page()
            x, y = self.get_x(), self.get_y()
            self.set_font("Helvetica", "", 8)
            self.cell(label_width, height, pdf_text(label)[:42])
            if value is not None and maximum:
                share = max(Fraction(0), min(Fraction(1), Fraction(value) / Fraction(maximum)))
                colour = LIGHT_BAR_COLOUR if index in light else BAR_COLOUR
                self.set_fill_color(*colour)
                width = float(share * bar_width)
                if width > 0:
                    self.rect(x + label_width, y + 0.8, width, height - 1.6, style="F")
            self.set_draw_color(180, 180, 180)
            self.rect(x + label_width, y + 0.8, bar_width, height - 1.6)
            self.set_xy(x + label_width + bar_width + 2, y)
            self.cell(0, height, pdf_text(rows.show(value)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)


def _learning(pdf, report):
    pdf.heading(_("L2 learning (pre- and post-test)"))
    summary = report.learning.overall
    pdf.facts(rows.learning_rows(summary))
    pdf.line_text(rows.learning_note(), size=8)
    if summary.pairs:
        pdf.bars(
            _("Mean scores (0-100)"),
            [(_("Pre-test"), summary.mean_pre), (_("Post-test"), summary.mean_post)],
            100,
            light=(0,),
        )


def _outcomes(pdf, report):
    outcomes = report.outcomes
    pdf.heading(_("L4 results (outcomes of the participants' units)"))
    pdf.facts(rows.outcome_facts(outcomes))
    if outcomes.rows:
        for label, *cells, figure in rows.outcome_table(outcomes):
            pdf.ln(1)
            pdf.line_text(label, size=9, style="B")
            headers = rows.outcome_headers()[1:5]
            pdf.facts(list(zip(headers, cells, strict=True)))
            pdf.facts([(_("Difference-in-differences"), figure)])
        ikm = outcomes.row("ikm").result
        pdf.ln(1)
        pdf.bars(
            _("IKM before and after (0-100)"),
            [(h, c.value) for h, c in zip(rows.outcome_headers()[1:5], ikm.cells, strict=True)],
            100,
            light=(0, 2),
        )
    pdf.line_text(outcomes.caveat, size=8, style="I")


def _programme_tables(pdf, report):
    pdf.heading(_("Offerings"))
    pdf.grid(rows.offering_headers(), rows.offering_table(report), [46, 18, 18, 20, 18, 18, 18, 18])
    pdf.heading(_("Comparison of material versions"))
    pdf.grid(rows.version_headers(), rows.version_table(report), [40, 18, 20, 18, 30, 22, 18])
    pdf.bars(
        _("Normalised gain per material version"),
        [(row.label, row.learning.normalised_gain) for row in report.versions],
        1,
    )


def report_pdf(report):
    """PDF bytes of an offering or programme report."""
    pdf = _Pdf()
    pdf.add_page()
    pdf.line_text(_("TRAINING EVALUATION REPORT"), size=14, style="B", align="C", height=7)
    pdf.line_text(report.agency.name, size=11, align="C")
    pdf.line_text(report.title, size=11, style="B", align="C")
    pdf.ln(2)
    if report.reaction is not None:
        pdf.heading(_("L1 reaction"))
        pdf.facts(rows.reaction_rows(report.reaction))
    _learning(pdf, report)
    if report.behaviour is not None:
        pdf.heading(_("L3 behaviour"))
        pdf.facts(rows.behaviour_rows(report.behaviour))
    _outcomes(pdf, report)
    if report.is_programme:
        _programme_tables(pdf, report)
    if report.findings:
        pdf.heading(_("Findings"))
        for finding in report.findings:
            pdf.line_text(f"[{finding.get_level_display()}] {finding.text}", size=9)
    pdf.ln(3)
    printed = date_format(timezone.localdate(), "j F Y")
    pdf.line_text(_("Printed on %(date)s from BinaASN.") % {"date": printed}, size=8)
    return bytes(pdf.output())
