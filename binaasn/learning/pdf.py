"""Certificate PDFs (fpdf2) with the agency logo and a QR code (segno) to the public
verification page. One page per certificate; a bulk run writes one PDF of many pages."""

import unicodedata

import segno
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos


def latin1(text):
    """The built-in PDF fonts speak Latin-1; fold anything else to its closest letters."""
    text = str(text or "")
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        folded = unicodedata.normalize("NFKD", text)
        return folded.encode("latin-1", "ignore").decode("latin-1")


def draw_qr(pdf, data, x, y, size):
    """Draw the QR code as filled rectangles (crisp at any zoom, no image decoding)."""
    qr = segno.make(data, error="m")
    matrix = qr.matrix
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for row_index, row in enumerate(matrix):
        run_start = None
        for col_index, value in enumerate(list(row) + [0]):
            if value and run_start is None:
                run_start = col_index
            elif not value and run_start is not None:
                pdf.rect(
                    x + run_start * module,
                    y + row_index * module,
                    (col_index - run_start) * module,
                    module,
                    style="F",
                )
                run_start = None


class CertificatePdf:
    """Collects certificate pages; ``output()`` returns the PDF bytes."""

    def __init__(self, agency):
        self.agency = agency
        self.pdf = FPDF(orientation="L", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_title(latin1(_("Certificates")))
        self.pdf.set_creator("BinaASN")
        self.logo = None
        if agency.logo:
            try:
                self.logo = agency.logo.path
            except (NotImplementedError, ValueError):
                self.logo = None

    def add(self, certificate, verify_url):
        with translation.override("id"):
            self._page(certificate, verify_url)

    def _text(self, size, text, style="", height=None):
        pdf = self.pdf
        pdf.set_font("Helvetica", style, size)
        pdf.cell(
            0, height or size * 0.5, latin1(text), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def _page(self, certificate, verify_url):
        pdf = self.pdf
        pdf.add_page()
        pdf.set_draw_color(11, 83, 148)
        pdf.set_line_width(1.2)
        pdf.rect(8, 8, 281, 194)
        pdf.set_line_width(0.4)
        pdf.rect(11, 11, 275, 188)
        if self.logo:
            try:
                pdf.image(self.logo, x=138.5, y=16, h=22)
            except Exception:  # noqa: BLE001 - a broken logo must not stop a batch of certificates
                self.logo = None
        pdf.set_y(42)
        pdf.set_text_color(20, 20, 20)
        self._text(13, self.agency.name.upper(), "B", 7)
        pdf.ln(3)
        self._text(30, _("CERTIFICATE"), "B", 13)
        self._text(11, _("Number: %(number)s") % {"number": certificate.number}, "", 7)
        pdf.ln(4)
        self._text(12, _("is awarded to"), "", 7)
        self._text(22, certificate.recipient_name, "B", 11)
        if certificate.recipient_nip:
            self._text(11, f"NIP {certificate.recipient_nip}", "", 6)
        pdf.ln(3)
        self._text(12, _("for completing"), "", 7)
        self._text(16, certificate.programme_title, "B", 9)
        period = date_format(certificate.starts_on, "d F Y")
        if certificate.ends_on != certificate.starts_on:
            period = f"{period} – {date_format(certificate.ends_on, 'd F Y')}"
        self._text(
            12,
            _("organised by %(organiser)s, %(period)s, for %(jp)d JP (lesson hours).")
            % {"organiser": certificate.organiser, "period": period, "jp": certificate.jp},
            "",
            7,
        )
        # Signatory block on the right, QR code on the left.
        pdf.set_xy(180, 150)
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(
            95,
            6,
            latin1(date_format(certificate.issued_at.date(), "d F Y")),
            align="C",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )
        pdf.set_x(180)
        pdf.multi_cell(
            95,
            5,
            latin1(certificate.signatory_position),
            align="C",
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )
        pdf.set_xy(180, 180)
        pdf.set_font("Helvetica", "BU", 11)
        pdf.cell(
            95, 6, latin1(certificate.signatory_name), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        if certificate.signatory_nip:
            pdf.set_x(180)
            pdf.set_font("Helvetica", "", 10)
            pdf.cell(95, 5, latin1(f"NIP {certificate.signatory_nip}"), align="C")
        draw_qr(pdf, verify_url, 22, 150, 36)
        pdf.set_xy(60, 170)
        pdf.set_font("Helvetica", "", 8)
        pdf.multi_cell(
            80,
            4,
            latin1(
                _("Check that this certificate is valid by scanning the code or opening %(url)s")
                % {"url": verify_url}
            ),
        )

    def output(self):
        return bytes(self.pdf.output())
