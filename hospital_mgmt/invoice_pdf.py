"""The PDF invoice: one clean A4 page a clerk hands over; long bills flow onto more pages with
the table header repeated. Drawn with reportlab's platypus."""
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .invoices import Invoice, money, party_rows, summary_rows

FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]


STANDARD_FONTS = ("Helvetica", "Helvetica-Bold")
SHORT_NAME = 48  # characters of a service name that fit its column on one line


@lru_cache(maxsize=1)
def fonts() -> tuple[str, str]:
    """A Unicode TrueType font when the machine has one (names of any script), else Helvetica."""
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("InvoiceSans", regular))
            pdfmetrics.registerFont(TTFont("InvoiceSans-Bold", bold))
            return "InvoiceSans", "InvoiceSans-Bold"
    return STANDARD_FONTS


def fonts_for(texts) -> tuple[str, str]:
    """Helvetica when every character has a glyph in it (Latin-1 and the Windows-1252 extras):
    it needs no embedding, which makes a PDF about three times faster. Otherwise the Unicode font."""
    try:
        for text in texts:
            text.encode("cp1252")
    except UnicodeEncodeError:
        return fonts()
    return STANDARD_FONTS


def _invoice_texts(invoice: Invoice):
    yield invoice.hospital_name
    yield invoice.hospital_address
    yield invoice.currency
    for _, value in party_rows(invoice):
        yield value
    for line in invoice.lines:
        yield line.service_name


def _styles(regular: str, bold: str):
    return {
        "hospital": ParagraphStyle("hospital", fontName=bold, fontSize=16, leading=20),
        "address": ParagraphStyle("address", fontName=regular, fontSize=9, leading=12, textColor=colors.grey),
        "title": ParagraphStyle("title", fontName=bold, fontSize=13, leading=18, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11),
    }


def write_pdf(invoice: Invoice, path: Path) -> Path:
    regular, bold = fonts_for(_invoice_texts(invoice))
    styles = _styles(regular, bold)
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"Invoice {invoice.bill.code}", author=invoice.hospital_name)
    title = "INVOICE" + (" - DUPLICATE" if invoice.duplicate else "")
    story = [Paragraph(_escape(invoice.hospital_name), styles["hospital"]),
             Paragraph(_escape(invoice.hospital_address), styles["address"]),
             Paragraph(title, styles["title"]), Spacer(1, 3 * mm),
             _details_table(invoice, regular, bold), Spacer(1, 5 * mm),
             _items_table(invoice, styles, regular, bold), Spacer(1, 4 * mm),
             _totals_table(invoice, regular, bold)]
    if invoice.payments:
        story += [Spacer(1, 4 * mm), _payments_table(invoice, regular)]

    def decorate(canvas, document):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(18 * mm, 10 * mm, f"{invoice.hospital_name} - bill {invoice.bill.code}")
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Page {document.page}")
        if invoice.duplicate:
            canvas.setFont(bold, 60)
            canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.18))
            canvas.translate(A4[0] / 2, A4[1] / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, "DUPLICATE")
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _details_table(invoice: Invoice, regular: str, bold: str) -> Table:
    table = Table([[label, value] for label, value in party_rows(invoice)], colWidths=[32 * mm, 140 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (0, -1), bold, 9),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _items_table(invoice: Invoice, styles, regular: str, bold: str) -> Table:
    rows = [["Code", "Service", "Qty", "Unit price", "Line total"]]
    rows += [[line.service_code, _service_cell(line.service_name, styles), str(line.quantity),
              money(invoice, line.unit_price), money(invoice, line.line_total)] for line in invoice.lines]
    if not invoice.lines:
        rows.append(["", "Consultation only", "", "", ""])
    table = Table(rows, colWidths=[16 * mm, 82 * mm, 14 * mm, 30 * mm, 32 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (-1, 0), bold, 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.93, 0.97)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.97, 0.97, 0.97)]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)]))
    return table


def _service_cell(name: str, styles):
    # A Paragraph wraps a long name onto more lines, but costs several times a plain cell.
    return name if len(name) <= SHORT_NAME else Paragraph(_escape(name), styles["cell"])


def _totals_table(invoice: Invoice, regular: str, bold: str) -> Table:
    rows = [[label, value] for label, value in summary_rows(invoice)]
    table = Table(rows, colWidths=[40 * mm, 36 * mm], hAlign="RIGHT")
    total_row = 4
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, 9), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("FONT", (0, total_row), (-1, total_row), bold, 10),
        ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, colors.black),
        ("FONT", (0, -1), (-1, -1), bold, 9)]))
    return table


def _payments_table(invoice: Invoice, regular: str) -> Table:
    rows = [["Paid on", "Method", "Amount"]]
    rows += [[str(p.paid_on), p.method.value, money(invoice, p.amount)] for p in invoice.payments]
    table = Table(rows, colWidths=[30 * mm, 30 * mm, 36 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 8), ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]))
    return table
