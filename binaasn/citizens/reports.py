"""The SKM report in the usual layout (title, unit, period, respondents, NRR per unsur, IKM,
mutu, kinerja, method, respondent profile) as page data, XLSX and PDF; and the QR poster."""

import io
from dataclasses import dataclass, field

import segno
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from binaasn.core.exports import build_workbook

from . import ikm, queries


def method_label(method):
    if method == ikm.METHOD_WEIGHT_0111:
        return _("Weight 0,111 per element (as printed in the PermenPANRB 14/2017 example)")
    return _("Exact mean of the NRR values (PermenPANRB 14/2017, weight 1/9 without rounding)")


def element_rows(result, weakest=3):
    """One row per unsur: code, name, NRR (3 decimals), NRR × 25, letter, and whether it is
    among the ``weakest`` lowest."""
    if result is None:
        return [
            {
                "code": e.code,
                "name": e.name,
                "nrr": None,
                "converted": None,
                "mutu": None,
                "weak": False,
            }
            for e in ikm.ELEMENTS
        ]
    low = set(result.weakest(weakest))
    nrr = result.nrr_display()
    return [
        {
            "code": e.code,
            "name": e.name,
            "nrr": nrr[i],
            "converted": result.element_converted[i],
            "mutu": result.element_mutu[i],
            "weak": i in low,
        }
        for i, e in enumerate(ikm.ELEMENTS)
    ]


@dataclass
class SkmReport:
    agency: object
    period: object
    unit: object = None
    result: object = None
    method: str = ikm.METHOD_EXACT
    elements: list = field(default_factory=list)
    profile: dict = field(default_factory=dict)
    sample: dict | None = None
    services: list = field(default_factory=list)

    @property
    def subject(self):
        return self.unit.name if self.unit else self.agency.name

    @property
    def respondents(self):
        return self.result.respondents if self.result else 0

    def profile_tables(self):
        titles = {
            "age_group": _("Age group"),
            "gender": _("Gender"),
            "education": _("Education"),
            "occupation": _("Main occupation"),
        }
        return [(titles[name], rows) for name, rows in self.profile.get("dimensions", {}).items()]


def build_report(agency, period, unit=None, units=None):
    """Everything the SKM report of the agency (or one unit) for ``period`` shows."""
    method = queries.ikm_method(agency)
    if unit is not None:
        result = queries.ikm_for_unit(agency, unit, period.start, period.end, method=method)
    else:
        result = queries.ikm_for_agency(agency, period.start, period.end, method=method)
    report = SkmReport(agency=agency, period=period, unit=unit, result=result, method=method)
    report.elements = element_rows(result)
    report.profile = queries.respondent_profile(agency, period.start, period.end, unit)
    report.services = queries.service_counts(agency, period.start, period.end, unit)
    if unit is not None:
        report.sample = queries.sample_check(unit, period.start, period.end, report.respondents)
    return report


def _summary_rows(report):
    result = report.result
    rows = [
        (_("Agency"), report.agency.name),
        (_("Service unit"), report.unit.name if report.unit else _("All service units")),
        (
            _("Period"),
            f"{report.period.label} "
            f"({report.period.start:%d-%m-%Y} – {report.period.end:%d-%m-%Y})",
        ),
        (_("Respondents"), report.respondents),
    ]
    if report.sample:
        rows.append(
            (
                _("Service users (N)"),
                report.sample["population"] if report.sample["population"] else "—",
            )
        )
        rows.append(
            (
                _("Minimum sample (Krejcie & Morgan)"),
                report.sample["minimum"] if report.sample["minimum"] else "—",
            )
        )
    if result:
        rows += [
            (_("IKM (scale 1–4)"), result.ikm_display),
            (_("Converted IKM (× 25)"), result.converted),
            (_("Mutu"), result.mutu),
            (_("Service unit performance (kinerja)"), result.kinerja),
        ]
    else:
        rows.append((_("IKM"), _("no answers in this period")))
    rows.append((_("Method"), method_label(report.method)))
    rows.append((_("Regulation"), "PermenPANRB 14/2017"))
    return rows


def report_workbook(report):
    element_headers = ["#", _("Element (unsur)"), "NRR", _("NRR × 25"), _("Mutu")]
    element_data = [
        (r["code"], r["name"], r["nrr"], r["converted"], r["mutu"]) for r in report.elements
    ]
    profile_rows = []
    for title, rows in report.profile_tables():
        for label, count, percent in rows:
            profile_rows.append((title, str(label), count, round(percent, 1)))
    return build_workbook(
        [
            (_("Summary"), [_("Item"), _("Value")], _summary_rows(report)),
            (_("NRR per element"), element_headers, element_data),
            (
                _("Respondent profile"),
                [_("Characteristic"), _("Group"), _("Respondents"), "%"],
                profile_rows,
            ),
            (
                _("Services"),
                [_("Service received"), _("Respondents")],
                [(s["service"], s["n"]) for s in report.services],
            ),
        ]
    )


LATIN1_REPLACEMENTS = str.maketrans(
    {"–": "-", "—": "-", "…": "...", "“": '"', "”": '"', "‘": "'", "’": "'", "≥": ">=", "≤": "<="}
)


def _pdf_text(value):
    """fpdf2's core fonts cover Latin-1 only."""
    text = "" if value is None else str(value)
    return text.translate(LATIN1_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class _Pdf(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)

    def line_text(self, text, size=10, style="", align="L", height=6):
        self.set_font("Helvetica", style, size)
        self.multi_cell(
            0, height, _pdf_text(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def grid(self, headers, rows, widths, highlight=()):
        self.set_font("Helvetica", "B", 9)
        self.set_fill_color(221, 235, 247)
        for text, width in zip(headers, widths, strict=True):
            self.cell(width, 7, _pdf_text(text), border=1, fill=True)
        self.ln()
        self.set_font("Helvetica", "", 9)
        for index, row in enumerate(rows):
            fill = index in highlight
            self.set_fill_color(255, 243, 205)
            for text, width in zip(row, widths, strict=True):
                self.cell(width, 6.5, _pdf_text(text), border=1, fill=fill)
            self.ln()


def report_pdf(report):
    pdf = _Pdf()
    pdf.add_page()
    pdf.line_text(
        _("PUBLIC SATISFACTION SURVEY REPORT (SKM)"), size=14, style="B", align="C", height=7
    )
    pdf.line_text(report.agency.name, size=11, align="C")
    pdf.ln(3)
    for label, value in _summary_rows(report):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(62, 6, _pdf_text(label))
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 6, _pdf_text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if report.sample and not report.sample["is_enough"]:
        pdf.line_text(
            _("Warning: fewer respondents than the minimum sample (%(min)d).")
            % {"min": report.sample["minimum"]},
            style="B",
        )
    pdf.ln(3)
    pdf.line_text(_("Average per element (NRR)"), size=11, style="B")
    rows = [
        (r["code"], r["name"], r["nrr"] or "-", r["converted"] or "-", r["mutu"] or "-")
        for r in report.elements
    ]
    weak = [i for i, r in enumerate(report.elements) if r["weak"]]
    pdf.grid(
        ["#", _("Element (unsur)"), "NRR", _("NRR x 25"), _("Mutu")],
        rows,
        [12, 100, 22, 24, 16],
        highlight=weak,
    )
    pdf.line_text(_("Highlighted: the three weakest elements."), size=8)
    pdf.ln(3)
    pdf.line_text(_("Respondent profile"), size=11, style="B")
    for title, prows in report.profile_tables():
        pdf.line_text(title, size=10, style="B")
        pdf.grid(
            [_("Group"), _("Respondents"), "%"],
            [(str(label), n, f"{percent:.1f}") for label, n, percent in prows],
            [90, 40, 30],
        )
        pdf.ln(2)
    pdf.ln(2)
    printed = date_format(timezone.localdate(), "j F Y")
    pdf.line_text(_("Printed on %(date)s from BinaASN.") % {"date": printed}, size=8)
    return bytes(pdf.output())


def poster_pdf(unit, url, complaints_url):
    """An A4 poster for the counter: the unit's name, a large QR code to the survey, the link."""
    pdf = _Pdf()
    pdf.add_page()
    pdf.ln(6)
    pdf.line_text(unit.agency.name, size=14, align="C", height=8)
    pdf.line_text(unit.name, size=22, style="B", align="C", height=11)
    pdf.ln(6)
    pdf.line_text(_("How was our service today?"), size=26, style="B", align="C", height=12)
    pdf.line_text(
        _(
            "Scan the code and fill in the public satisfaction survey (SKM). "
            "It takes two minutes; your name is not asked."
        ),
        size=14,
        align="C",
        height=8,
    )
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=12, border=2)
    buffer.seek(0)
    size = 120
    pdf.image(buffer, x=(210 - size) / 2, y=pdf.get_y() + 6, w=size, h=size, alt_text=url)
    pdf.set_y(pdf.get_y() + size + 12)
    pdf.line_text(url, size=12, align="C")
    pdf.ln(4)
    pdf.line_text(
        _("Complaints and suggestions: %(url)s") % {"url": complaints_url}, size=11, align="C"
    )
    return bytes(pdf.output())
