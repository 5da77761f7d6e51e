"""The PDF invoice: one clean A4 page a clerk hands over; long bills flow onto more pages with
the table header repeated. Drawn with reportlab's platypus."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .files import atomic_path
from .invoice import TOTAL_ROW, Invoice, party_rows, summary_rows
from .pdf_fonts import escape, fonts_for

SHORT_NAME = 48  # characters of a service name that fit its column on one line


def _invoice_texts(invoice: Invoice) -> Iterator[str]:
    yield invoice.hospital_name
    yield invoice.hospital_address
    yield invoice.currency
    for _, value in party_rows(invoice):
        yield value
    for item in invoice.items:
        yield item.service_name


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
    with atomic_path(path) as temporary:
        _build(invoice, temporary, regular, bold, styles)
    return path


def _build(invoice: Invoice, path: Path, regular: str, bold: str, styles) -> None:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"Invoice {invoice.bill.code}", author=invoice.hospital_name)
    story = [Paragraph(escape(invoice.hospital_name), styles["hospital"]),
             Paragraph(escape(invoice.hospital_address), styles["address"]),
             Paragraph(invoice.title, styles["title"]), Spacer(1, 3 * mm),
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


def _details_table(invoice: Invoice, regular: str, bold: str) -> Table:
    table = Table([[label, value] for label, value in party_rows(invoice)], colWidths=[32 * mm, 140 * mm])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (0, -1), bold, 9),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _items_table(invoice: Invoice, styles, regular: str, bold: str) -> Table:
    rows = [["Code", "Service", "Qty", "Unit price", "Line total"]]
    rows += [[item.service_code, _service_cell(item.service_name, styles), str(item.quantity),
              invoice.money(item.unit_price), invoice.money(item.line_total)] for item in invoice.items]
    if not invoice.items:
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
    return name if len(name) <= SHORT_NAME else Paragraph(escape(name), styles["cell"])


def _totals_table(invoice: Invoice, regular: str, bold: str) -> Table:
    rows = [[label, value] for label, value in summary_rows(invoice)]
    table = Table(rows, colWidths=[40 * mm, 36 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), regular, 9), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("FONT", (0, TOTAL_ROW), (-1, TOTAL_ROW), bold, 10),
        ("LINEABOVE", (0, TOTAL_ROW), (-1, TOTAL_ROW), 0.8, colors.black),
        ("FONT", (0, -1), (-1, -1), bold, 9)]))
    return table


def _payments_table(invoice: Invoice, regular: str) -> Table:
    rows = [["Paid on", "Method", "Amount"]]
    rows += [[str(p.paid_on), p.method.value, invoice.money(p.amount)] for p in invoice.payments]
    table = Table(rows, colWidths=[30 * mm, 30 * mm, 36 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 8), ("ALIGN", (2, 0), (2, -1), "RIGHT"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey)]))
    return table
