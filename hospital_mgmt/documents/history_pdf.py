"""A patient's history as a PDF: the patient, the visits, and - for a reader of clinical records
- each visit's notes, vitals and prescription, a small chart of weight and haemoglobin over the
visits, and the lab results; the bills at the end."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..domain.codes import format_code
from ..domain.money import format_money
from ..domain.visit import VitalsOn
from .files import atomic_path
from .fonts import base_fonts as fonts
from .fonts import escape

WIDTH = A4[0] - 36 * mm
CHART_HEIGHT = 120
SERIES = (("weight_kg", "Weight (kg)", colors.HexColor("#1f77b4")),
          ("haemoglobin", "Haemoglobin (g/dL)", colors.HexColor("#d62728")))


@dataclass
class PrintedHistory:
    history: Any  # operations.history.PatientHistory: gathered by the operations, only drawn here
    header: list[str]
    currency: str
    today: date
    printed_at: datetime

    @property
    def file_stem(self) -> str:
        return f"history_{self.history.patient.code}_{self.today:%Y%m%d}"


def write_history_pdf(printed: PrintedHistory, path: Path) -> Path:
    history = printed.history
    regular, bold = fonts()
    styles = {"title": ParagraphStyle("t", fontName=bold, fontSize=16, leading=20, spaceAfter=4),
              "heading": ParagraphStyle("h", fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4),
              "body": ParagraphStyle("b", fontName=regular, fontSize=9, leading=12)}
    story = [Paragraph(escape(line), styles["body"]) for line in printed.header]
    story += [Spacer(1, 4 * mm), Paragraph(f"Patient history: {escape(_patient_line(printed))}", styles["title"])]
    story += _visits(history, styles, regular, bold)
    if history.clinical:
        story += _records(history, styles)
        story += _vitals(history.vitals, styles, regular, bold)
        story += _labs(history.labs, styles, regular, bold)
    story += _bills(history, printed.currency, styles, regular, bold)
    footer = f"{printed.header[0]} - printed {printed.printed_at:%Y-%m-%d %H:%M} - confidential"
    story += [Spacer(1, 6 * mm), Paragraph(escape(footer), styles["body"])]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=f"History of patient {history.patient.code}",
                            author=printed.header[0])
    with atomic_path(path) as temporary:
        doc.filename = str(temporary)
        doc.build(story)
    return path


def _patient_line(printed: PrintedHistory) -> str:
    p = printed.history.patient
    details = [f"{p.code} {p.name}", f"{p.gender}, {p.age_text(printed.today)} years"]
    details += [f"blood group {p.blood_group}"] if p.blood_group else []
    details += [p.city] if p.city else []
    return ", ".join(details)


def _table(columns: list[str], rows: list[list], regular: str, bold: str) -> Table:
    # A table's cells are drawn as they are (no markup, unlike a Paragraph): nothing to escape.
    cells = [columns] + [[str(value) for value in row] for row in rows]
    table = Table(cells, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), regular, 8), ("FONT", (0, 0), (-1, 0), bold, 8),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.96, 0.96, 0.96)])]))
    return table


def _visits(history, styles, regular, bold) -> list:
    if not history.visits:
        return [Paragraph("No appointments.", styles["body"])]
    rows = [[v.view.appointment.code, v.view.appointment.appt_date, v.view.doctor_name, v.view.appointment.status.label,
             v.view.appointment.diagnosis[:60]] for v in history.visits]
    return [Paragraph(f"Appointments ({len(rows)})", styles["heading"]),
            _table(["Code", "Date", "Doctor", "Status", "Diagnosis"], rows, regular, bold)]


def _records(history, styles) -> list:
    story: list = []
    for visit in history.visits:
        lines = []
        if visit.record and visit.record.notes:
            lines.append("Notes: " + escape(visit.record.notes).replace("\n", "<br/>"))
        if visit.record and visit.record.vitals.measured:
            lines.append("Vitals: " + escape(visit.record.vitals.summary))
        lines += [f"Prescribed: {escape(m.described)}" for m in visit.prescription]
        lines += [f"Treatment {t.treatment.code}: {escape(t.service.name)} x {t.treatment.quantity}"
                  for t in visit.treatments]
        if lines:
            a = visit.view.appointment
            story.append(Paragraph(f"<b>{a.code}</b> {a.appt_date} - " + "<br/>".join(lines), styles["body"]))
            story.append(Spacer(1, 2 * mm))
    return [Paragraph("Visit records", styles["heading"]), *story] if story else []


def _vitals(readings: list[VitalsOn], styles, regular, bold) -> list:
    if not readings:
        return []
    rows = [[format_code("appointment", r.appt_id), r.day, _text(r.vitals.weight_kg), _text(r.vitals.bmi),
             r.vitals.blood_pressure, _text(r.vitals.pulse), _text(r.vitals.temperature_c),
             _text(r.vitals.haemoglobin)] for r in readings]
    story = [Paragraph("Vitals over time", styles["heading"]),
             _table(["Visit", "Date", "Weight kg", "BMI", "BP mmHg", "Pulse", "Temp °C", "Hb g/dL"], rows, regular,
                    bold)]
    charts = [chart for chart in (_chart(readings, series, regular) for series in SERIES) if chart is not None]
    if charts:
        story += [Spacer(1, 3 * mm), KeepTogether(charts)]
    return story


def _text(value) -> str:
    return "" if value is None else str(value)


def _chart(readings: list[VitalsOn], series: tuple, regular: str) -> Drawing | None:
    """One reading over the days it was measured (two points at least make a line)."""
    name, title, colour = series
    points = [(r.day.toordinal(), float(getattr(r.vitals, name))) for r in readings
              if getattr(r.vitals, name) is not None]  # a chart's coordinates only; the table has the figures
    if len(points) < 2:
        return None
    drawing = Drawing(WIDTH, CHART_HEIGHT + 30)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 40, 20, WIDTH - 60, CHART_HEIGHT - 10
    plot.data = [points]
    plot.lines[0].strokeColor = colour
    plot.lines[0].symbol = makeMarker("FilledCircle")
    days = [x for x, _ in points]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(days) - 1, max(days) + 1
    plot.xValueAxis.valueSteps = days if len(days) <= 8 else days[:: max(1, len(days) // 8)]
    plot.xValueAxis.labelTextFormat = lambda x: date.fromordinal(int(x)).strftime("%Y-%m-%d")
    values = [y for _, y in points]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = min(values) * 0.9, max(values) * 1.1
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = regular, 7
    drawing.add(plot)
    drawing.add(String(40, CHART_HEIGHT + 15, title, fontName=regular, fontSize=9))
    return drawing


def _labs(results, styles, regular, bold) -> list:
    if not results:
        return []
    rows = [[r.order.code, r.visit_day, r.test.name, _text(r.order.result), r.test.unit, r.test.range_text,
             r.order.flag.value if r.order.flag else "awaited"] for r in results]
    return [Paragraph("Lab results", styles["heading"]),
            _table(["Order", "Visit day", "Test", "Result", "Unit", "Normal range", "Flag"], rows, regular, bold)]


def _bills(history, currency: str, styles, regular, bold) -> list:
    if not history.bills:
        return []

    def money(amount: Decimal) -> str:
        return format_money(amount, currency)
    rows = [[bill.code, bill.billing_date, bill.state.label, money(bill.total_amount), money(bill.amount_paid),
             money(bill.balance)] for bill, _ in history.bills]
    return [Paragraph(f"Bills ({len(rows)})", styles["heading"]),
            _table(["Bill", "Date", "State", "Total", "Paid", "Balance"], rows, regular, bold)]
