"""The PDF summary report: a title page with the period, the key figures, and three charts
drawn with reportlab's own graphics."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.money import format_money
from ..domain.period import Period
from ..domain.report import Report
from .files import atomic_path
from .fonts import base_fonts as fonts
from .fonts import escape

CHART_TITLES = ("Appointments per doctor per month", "Revenue by service", "Daily patient inflow")
PALETTE = [colors.HexColor(c) for c in ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")]
WIDTH = A4[0] - 36 * mm
ROWS_PRINTED = 25  # of each table beneath the key figures; the kpi report has them all


@dataclass
class Summary:
    """What the summary shows: the key figures and the three reports its charts are drawn from."""

    period: Period
    key_figures: Report  # its follow-ups may hold only the first ROWS_PRINTED (whole_count says how many)
    doctor_months: Report  # doctor-monthly's rows of the five busiest doctors at least
    service_revenue: Report
    inflow: Report


def write_summary_pdf(summary: Summary, path: Path, hospital_name: str, currency: str, generated_on: date) -> Path:
    period = summary.period
    regular, bold = fonts()
    styles = {"title": ParagraphStyle("t", fontName=bold, fontSize=26, leading=32, spaceAfter=12),
              "subtitle": ParagraphStyle("s", fontName=regular, fontSize=14, leading=20),
              "heading": ParagraphStyle("h", fontName=bold, fontSize=14, leading=18, spaceBefore=8, spaceAfter=6),
              "body": ParagraphStyle("b", fontName=regular, fontSize=10, leading=13)}
    figures = summary.key_figures
    story = [Spacer(1, 60 * mm), Paragraph(escape(hospital_name), styles["title"]),
             Paragraph("Hospital summary report", styles["subtitle"]),
             Paragraph(f"Period: {period.first} to {period.last}", styles["subtitle"]),
             Paragraph(f"Generated on {generated_on}", styles["body"]), PageBreak(),
             Paragraph("Key figures", styles["heading"]),
             _table(figures.columns, figures.rows, regular, bold, currency)]
    for section in figures.sections:
        shown = section.rows[:ROWS_PRINTED]
        story += [Paragraph(escape(section.title), styles["heading"]),
                  _table(section.columns, shown, regular, bold, currency)]
        whole = len(section.rows) if section.whole_count is None else section.whole_count
        if whole > len(shown):
            story.append(Paragraph(f"... and {whole - len(shown)} more (see the kpi report).", styles["body"]))
    story.append(PageBreak())
    charts = (_doctor_month_chart(summary.doctor_months, regular),
              _service_revenue_chart(summary.service_revenue, regular, currency),
              _inflow_chart(summary.inflow, regular))
    for title, drawing in zip(CHART_TITLES, charts, strict=True):
        story += [KeepTogether([Paragraph(title, styles["heading"]), drawing]), Spacer(1, 8 * mm)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title="Hospital summary report", author=hospital_name)
    with atomic_path(path) as temporary:
        doc.filename = str(temporary)
        doc.build(story)
    return path


def _table(columns, rows, regular, bold, currency) -> Table:
    cells = [columns] + [[format_money(v, currency) if isinstance(v, Decimal) else str(v) for v in row] for row in rows]
    if len(cells) == 1:
        cells.append(["(none)"] + [""] * (len(columns) - 1))
    table = Table(cells, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (-1, 0), bold, 9),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.96, 0.96, 0.96)])]))
    return table


def _whole(amount: Decimal) -> int:
    """Chart bars are drawn in whole currency units; the exact figures are in the tables."""
    return int(amount.to_integral_value(rounding=ROUND_HALF_UP))


def _empty(title: str, regular: str) -> Drawing:
    drawing = Drawing(WIDTH, 30)
    drawing.add(String(0, 10, f"No data for {title.lower()} in this period.", fontName=regular, fontSize=10))
    return drawing


def _axis_label(drawing: Drawing, x, y, text, regular, angle=0):
    label = String(0, 0, text, fontName=regular, fontSize=9, textAnchor="middle")
    if angle:
        group = Group(label)
        group.translate(x, y)
        group.rotate(angle)
        drawing.add(group)
    else:
        label.x, label.y = x, y
        drawing.add(label)


def _whole_number_axis(chart, top: int, regular: str) -> None:
    """Counts are whole numbers: ticks at whole steps, about five of them."""
    step = max(1, -(-top // 5))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, step * 5, step
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 8


def _doctor_month_chart(report: Report, regular: str) -> Drawing:
    rows = report.rows
    if not rows:
        return _empty(CHART_TITLES[0], regular)
    totals: dict[str, int] = defaultdict(int)
    names = {}
    for _, code, name, count in rows:
        totals[code] += count
        names[code] = name
    top = sorted(totals, key=lambda code: (-totals[code], code))[:5]
    months = sorted({row[0] for row in rows})[-12:]
    counts = {(row[0], row[1]): row[3] for row in rows}
    drawing = Drawing(WIDTH, 230)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 45, WIDTH - 170, 160
    chart.data = [[counts.get((month, code), 0) for month in months] for code in top]
    chart.categoryAxis.categoryNames = months
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    _whole_number_axis(chart, max(max(series) for series in chart.data), regular)
    for index in range(len(top)):
        chart.bars[index].fillColor = PALETTE[index]
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = WIDTH - 112, 200
    legend.fontName, legend.fontSize = regular, 8
    legend.columnMaximum = 5
    legend.colorNamePairs = [(PALETTE[i], f"{code} {names[code][:16]}") for i, code in enumerate(top)]
    drawing.add(legend)
    _axis_label(drawing, 45 + (WIDTH - 170) / 2, 2, "Month (top 5 doctors by appointments)", regular)
    _axis_label(drawing, 12, 125, "Appointments", regular, angle=90)
    return drawing


def _service_revenue_chart(report: Report, regular: str, currency: str) -> Drawing:
    rows = report.rows[:10]
    if not rows:
        return _empty(CHART_TITLES[1], regular)
    rows = list(reversed(rows))  # largest at the top
    drawing = Drawing(WIDTH, 260)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 170, 30, WIDTH - 190, 215
    chart.data = [[_whole(row[3]) for row in rows]]
    chart.categoryAxis.categoryNames = [f"{row[0]} {row[1][:26]}" for row in rows]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = PALETTE[0]
    drawing.add(chart)
    _axis_label(drawing, 170 + (WIDTH - 190) / 2, 5, f"Revenue ({currency}, top 10 services)", regular)
    return drawing


def _inflow_chart(report: Report, regular: str) -> Drawing:
    rows = [row for row in report.rows if row[1]][-62:]  # days with admissions, not only registrations
    if not rows:
        return _empty(CHART_TITLES[2], regular)
    drawing = Drawing(WIDTH, 220)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 50, WIDTH - 60, 150
    chart.data = [[row[1] for row in rows]]
    step = max(1, len(rows) // 15)
    chart.categoryAxis.categoryNames = [f"{row[0]:%m-%d}" if i % step == 0 else "" for i, row in enumerate(rows)]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    _whole_number_axis(chart, max(chart.data[0]), regular)
    chart.bars[0].fillColor = PALETTE[2]
    drawing.add(chart)
    _axis_label(drawing, 45 + (WIDTH - 60) / 2, 2, "Admission date (month-day; days with admissions, the last 62)",
                regular)
    _axis_label(drawing, 12, 125, "New admissions", regular, angle=90)
    return drawing
