"""The plan document: XLSX workbook (core.exports) and PDF (fpdf2) with a cover, the
objectives, the programme table and the budget recap."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from binaasn.core.exports import build_workbook
from binaasn.core.templatetags.binaasn import rupiah

from .models import MONTH_CHOICES, BudgetLine

MONTHS = dict(MONTH_CHOICES)

# The PDF uses the built-in Helvetica (Latin-1); these characters are written the plain way.
REPLACEMENTS = {
    "–": "-",
    "—": "-",
    "×": "x",
    "≥": ">=",
    "≤": "<=",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "·": "-",
    "→": "->",
}


def pdf_text(value):
    text = str(value if value is not None else "")
    for char, plain in REPLACEMENTS.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def _programme_rows(overview):
    for row in overview.rows:
        p = row.programme
        yield (
            p.title,
            p.get_form_display(),
            p.path_code,
            p.get_track_display(),
            p.participant_count,
            p.jp_per_participant,
            str(MONTHS[p.planned_month])
            + (
                f" – {MONTHS[p.end_month]}"
                if p.end_month and p.end_month != p.planned_month
                else ""
            ),
            p.get_delivery_mode_display(),
            p.partner.name if p.partner_id else p.get_provider_kind_display(),
            row.total,
            row.per_participant,
            row.per_jp,
        )


def programme_headers():
    return [
        _("Programme"),
        _("Form"),
        _("Path code"),
        _("Classical or non-classical"),
        _("Participants"),
        _("JP per participant"),
        _("Month"),
        _("Delivery"),
        _("Organised by"),
        _("Budget (Rp)"),
        _("Cost per participant (Rp)"),
        _("Cost per JP (Rp)"),
    ]


def plan_workbook(plan, overview):
    lines = (
        BudgetLine.objects.for_agency(plan.agency)
        .filter(programme__plan=plan)
        .select_related("programme")
        .order_by("programme__planned_month", "programme__title", "pk")
    )
    line_rows = [
        (
            line.programme.title,
            line.get_category_display(),
            line.description,
            line.volume,
            line.unit_label,
            line.unit_cost,
            line.total,
            line.get_source_display(),
        )
        for line in lines
    ]
    recap = [(label, total) for label, total in overview.by_category]
    recap += [(_("Total"), overview.total)]
    if overview.ceiling:
        recap += [
            (_("Budget ceiling (pagu)"), overview.ceiling.amount),
            (_("Remaining"), overview.remaining),
        ]
    summary = [
        (_("Title"), plan.title),
        (_("Year"), plan.year),
        (_("Status"), plan.get_status_display()),
        (_("Approved version"), plan.version),
        (_("Objectives"), plan.objectives),
    ]
    return build_workbook(
        [
            (_("Plan"), [_("Item"), _("Value")], summary),
            (_("Programmes"), programme_headers(), list(_programme_rows(overview))),
            (
                _("Budget lines"),
                [
                    _("Programme"),
                    _("Category"),
                    _("Description"),
                    _("Volume"),
                    _("Unit"),
                    _("Unit cost (Rp)"),
                    _("Total (Rp)"),
                    _("Funding source"),
                ],
                line_rows,
            ),
            (_("Budget recap"), [_("Category"), _("Total (Rp)")], recap),
        ]
    )


class PlanPDF(FPDF):
    def __init__(self, title):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.doc_title = title
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(pdf_text(title))

    def footer(self):
        self.set_y(-12)
        self.set_font("helvetica", "", 8)
        self.cell(0, 8, pdf_text(f"{self.doc_title} - {_('page')} {self.page_no()}"), align="C")


def _heading(pdf, text):
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 9, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 9)


def _table(pdf, headers, widths, rows, aligns=None):
    aligns = aligns or ["L"] * len(headers)
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


def plan_pdf(plan, overview):
    pdf = PlanPDF(plan.title)
    # Cover
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font("helvetica", "B", 22)
    pdf.multi_cell(0, 12, pdf_text(plan.title), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 14)
    pdf.cell(0, 10, pdf_text(plan.agency.name), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(
        0,
        10,
        pdf_text(_("Year %(year)s") % {"year": plan.year}),
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    status = plan.get_status_display()
    if plan.version:
        status += " - " + _("version %(n)s") % {"n": plan.version}
    pdf.set_font("helvetica", "", 11)
    pdf.cell(0, 8, pdf_text(status), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(
        0,
        8,
        pdf_text(_("Printed on %(date)s") % {"date": date_format(timezone.localdate(), "j F Y")}),
        align="C",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    # Objectives
    pdf.add_page()
    _heading(pdf, _("Objectives"))
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(0, 6, pdf_text(plan.objectives), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    # Programmes
    _heading(pdf, _("Programmes"))
    headers = [
        _("Programme"),
        _("Form"),
        _("Code"),
        _("Participants"),
        _("JP"),
        _("Month"),
        _("Delivery"),
        _("Organised by"),
        _("Budget"),
    ]
    widths = [70, 42, 15, 20, 10, 30, 20, 37, 33]
    rows = [
        (r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8], rupiah(r[9]))
        for r in _programme_rows(overview)
    ]
    _table(pdf, headers, widths, rows, aligns=["L", "L", "L", "R", "R", "L", "L", "L", "R"])
    pdf.ln(4)
    # Budget recap
    _heading(pdf, _("Budget recap"))
    recap = [(label, rupiah(total)) for label, total in overview.by_category]
    recap.append((_("Total"), rupiah(overview.total)))
    if overview.ceiling:
        recap.append((_("Budget ceiling (pagu)"), rupiah(overview.ceiling.amount)))
        recap.append((_("Remaining"), rupiah(overview.remaining)))
    _table(pdf, [_("Category"), _("Amount")], [80, 50], recap, aligns=["L", "R"])
    if overview.by_source:
        pdf.ln(3)
        _table(
            pdf,
            [_("Funding source"), _("Amount")],
            [80, 50],
            [(label, rupiah(total)) for label, total in overview.by_source],
            aligns=["L", "R"],
        )
    if overview.exceeded:
        pdf.ln(3)
        pdf.set_font("helvetica", "B", 10)
        pdf.multi_cell(
            0,
            6,
            pdf_text(
                _("The plan exceeds the budget ceiling by %(amount)s.")
                % {"amount": rupiah(-overview.remaining)}
            ),
        )
    return bytes(pdf.output())
