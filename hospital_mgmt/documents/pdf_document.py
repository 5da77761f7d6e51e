"""A document as an A4 PDF with reportlab's platypus: the header, the title, the details, the lines
(flowing onto more pages with their header row repeated), the totals aligned under the line
totals, notes. DUPLICATE and VOID are stamped large and pale behind the text, never over it.

One font family (documents/fonts.py); a cell in a script that needs shaping is a Paragraph set
in that script's face, and every other cell is drawn as plain text, which is much faster."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .files import atomic_path
from .fonts import base_fonts, markup, needs_shaping
from .layout import Document

MARGIN = 18 * mm
SHORT_CELL = 44  # characters of the wide column that fit on one line
LABEL_WIDTH = 32 * mm


def write_pdf_document(document: Document, path: Path) -> Path:
    with atomic_path(path) as temporary:
        _build(document, temporary)
    return path


@lru_cache(maxsize=1)
def _styles():
    """The paragraph styles, each also in a shaped variant (`name+`) for text in a script that
    needs shaping; shaping Latin text only costs time."""
    regular, bold = base_fonts()
    plain = {
        "hospital": ParagraphStyle("hospital", fontName=bold, fontSize=16, leading=20),
        "address": ParagraphStyle("address", fontName=regular, fontSize=9, leading=12, textColor=colors.grey),
        "title": ParagraphStyle("title", fontName=bold, fontSize=13, leading=18, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11),
        "right": ParagraphStyle("right", fontName=regular, fontSize=9, leading=11, alignment=TA_RIGHT),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8, leading=10),
        "mark": ParagraphStyle("mark", fontName=bold, fontSize=11, leading=14, textColor=colors.Color(0.7, 0.1, 0.1)),
    }
    shaped = {name + "+": ParagraphStyle(name + "+", parent=style, shaping=1) for name, style in plain.items()}
    return plain | shaped


def _paragraph(text: str, styles, style: str, bold: bool = False) -> Paragraph:
    return Paragraph(markup(text, bold=bold), styles[style + "+" if needs_shaping(text) else style])


def _build(document: Document, path: Path) -> None:
    regular, bold = base_fonts()
    styles = _styles()
    page_size = A5 if document.small else A4
    margin = 12 * mm if document.small else MARGIN
    body = page_size[0] - 2 * margin
    doc = SimpleDocTemplate(str(path), pagesize=page_size, leftMargin=margin, rightMargin=margin, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=document.pdf_title or document.title,
                            initialFontName=regular,  # the family's own face from the start, not Helvetica
                            author=document.header[0] if document.header else "")
    story = [_paragraph(document.header[0], styles, "hospital", bold=True)] if document.header else []
    story += [_paragraph(line, styles, "address") for line in document.header[1:]]
    story += [_paragraph(document.title, styles, "title", bold=True)]
    story += [_paragraph(mark, styles, "mark", bold=True) for mark in document.marks]
    story += [Spacer(1, 3 * mm), _details(document, styles, regular, bold, body)]
    last_width = 36 * mm
    if document.table:
        table, last_width = _lines(document, styles, regular, bold, body)
        story += [Spacer(1, 5 * mm), table]
    if document.totals:
        story += [Spacer(1, 4 * mm), _totals(document, styles, regular, bold, last_width)]
    if document.notes:
        story.append(Spacer(1, 4 * mm))
        story += [_paragraph(note, styles, "note") for note in document.notes]

    def decorate(canvas, page):
        canvas.saveState()
        for number, mark in enumerate(document.marks):  # drawn before the page's text, so behind it
            canvas.saveState()
            canvas.setFont(bold, 64)
            canvas.setFillColor(colors.Color(0.85, 0.1, 0.1, alpha=0.16))
            canvas.translate(page_size[0] / 2, page_size[1] / 2 - number * 90)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, mark.split(":")[0])
            canvas.restoreState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(margin, 10 * mm, document.footer)
        canvas.drawRightString(page_size[0] - margin, 10 * mm, f"Page {page.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


def _cell(text: str, styles, style: str = "cell", long: int = SHORT_CELL):
    """Plain text where it can be (fast), a Paragraph where it must wrap or be shaped."""
    if needs_shaping(text) or len(text) > long:
        return _paragraph(text, styles, style)
    return text


def _details(document: Document, styles, regular: str, bold: str, body: float) -> Table:
    long = 90 if not document.small else 48
    rows = [[label, _cell(value, styles, long=long)] for label, value in document.details]
    table = Table(rows, colWidths=[LABEL_WIDTH, body - LABEL_WIDTH])
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (0, -1), bold, 9),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("TOPPADDING", (0, 0), (-1, -1), 1.5)]))
    return table


def _lines(document: Document, styles, regular: str, bold: str, body: float) -> tuple[Table, float]:
    spec = document.table
    assert spec is not None
    widths = _column_widths(spec.columns, spec.rows, spec.wide, regular, body)
    rows = [spec.columns] + [[_cell(str(value), styles, "right" if i in spec.right else "cell")
                              if i == spec.wide or needs_shaping(str(value)) else str(value)
                              for i, value in enumerate(row)] for row in spec.rows]
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple] = [("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (-1, 0), bold, 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.93, 0.97)),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.97, 0.97, 0.97)]),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)]
    commands += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in spec.right]
    table.setStyle(TableStyle(commands))
    return table, widths[-1]


def _column_widths(columns: list[str], rows: list[list[str]], wide: int, font: str, body: float) -> list[float]:
    """Each column as wide as its widest cell; the wide column takes what is left."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    widths = [max([stringWidth(str(row[i]), font, 9) for row in rows] + [stringWidth(columns[i], font, 9)]) + 12
              for i in range(len(columns))]
    widths[wide] = max(body - sum(widths) + widths[wide], 30 * mm)
    return widths


def _totals(document: Document, styles, regular: str, bold: str, value_width: float) -> Table:
    """Right under the last column of the lines (both end at the right margin), wide enough for
    the bold total."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    rows = [[label, value] for label, value in document.totals]
    widest = max(stringWidth(value, bold, 10) for _, value in document.totals) + 12
    table = Table(rows, colWidths=[60 * mm, max(value_width, widest)], hAlign="RIGHT")
    commands: list[tuple] = [("FONT", (0, 0), (-1, -1), regular, 9), ("ALIGN", (0, 0), (-1, -1), "RIGHT")]
    if document.bold_total is not None:
        row = document.bold_total
        commands += [("FONT", (0, row), (-1, row), bold, 10), ("LINEABOVE", (0, row), (-1, row), 0.8, colors.black)]
    table.setStyle(TableStyle(commands))
    return table
