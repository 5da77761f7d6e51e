"""The read side: every report is an SQL aggregate (GROUP BY in the database) returning rows.

Date ranges compare the indexed date columns directly (`appt_date >= ? AND appt_date <= ?`),
never a function wrapped around them, so the date indexes serve the filter.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from .domain.codes import format_code
from .domain.errors import HospitalError
from .domain.money import to_money
from .output_files import writable_file, writing
from .storage.database import Database

TOP_DOCTORS = 10


@dataclass
class Period:
    first: date
    last: date

    def __post_init__(self):
        if self.last < self.first:
            raise HospitalError(f"the period ends ({self.last}) before it starts ({self.first})")

    def __str__(self):
        return f"{self.first} to {self.last}"


@dataclass
class Report:
    title: str
    columns: list[str]
    rows: list[list]
    money_columns: set[int] = field(default_factory=set)
    sections: list["Report"] = field(default_factory=list)  # further tables (the kpi report's follow-ups)


@dataclass
class ReportSpec:
    name: str
    title: str
    build: Callable[..., Report]  # (db, period) and, when pageable, limit= and offset=
    default_period: Callable[[date], Period]
    pageable: bool = True  # one row per day, service, bill...: a screen shows it a page at a time


def this_month(today: date) -> Period:
    return Period(today.replace(day=1), today)


def all_time(today: date) -> Period:
    return Period(date(1900, 1, 1), today)


def one_day(today: date) -> Period:
    return Period(today, today)


def _page(limit: int | None, offset: int) -> tuple[str, tuple]:
    """The LIMIT clause and its values when a screen asks for one page of a report."""
    return (" LIMIT ? OFFSET ?", (limit, offset)) if limit is not None else ("", ())


def daily_visits(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    _, rows = db.table(
        "SELECT appt_date,"
        " SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN status = 'scheduled' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), COUNT(*)"
        " FROM appointments WHERE appt_date >= ? AND appt_date <= ? GROUP BY appt_date ORDER BY appt_date" + page,
        (period.first, period.last) + window)
    return Report("Daily visits", ["Date", "Completed", "Scheduled", "Cancelled", "No-show", "Total"],
                  [[db.to_date(r[0]), *map(int, r[1:])] for r in rows])


def top_doctors(db: Database, period: Period, limit: int = TOP_DOCTORS) -> Report:
    """Doctors by completed visits, then revenue, then code (so ties always come out the same)."""
    # One pass over the period's completed visits. At most one live bill per appointment
    # (uq_billing_live_appointment), so the join never counts a visit twice.
    _, rows = db.table(
        "SELECT a.doctor_id, d.name, d.specialization, COUNT(*) AS visits, COUNT(DISTINCT a.patient_id),"
        " COALESCE(SUM(b.total_amount), 0) AS revenue FROM appointments a"
        " JOIN doctors d ON d.doctor_id = a.doctor_id"
        " LEFT JOIN billing b ON b.appt_id = a.appt_id AND b.status <> 'void'"
        " WHERE a.status = 'completed' AND a.appt_date >= ? AND a.appt_date <= ?"
        " GROUP BY a.doctor_id, d.name, d.specialization ORDER BY visits DESC, revenue DESC, a.doctor_id LIMIT ?",
        (period.first, period.last, limit))
    return Report("Most consulted doctors", ["Doctor", "Name", "Specialization", "Visits", "Patients", "Revenue"],
                  [[format_code("doctor", r[0]), r[1], r[2], int(r[3]), int(r[4]), db.to_money(r[5])] for r in rows],
                  {5})


def revenue_by_service(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    _, rows = db.table(
        "SELECT i.service_id, s.service_name, SUM(i.quantity), SUM(i.line_total) FROM bill_items i"
        " JOIN billing b ON b.bill_id = i.bill_id JOIN services s ON s.service_id = i.service_id"
        " WHERE b.status <> 'void' AND b.billing_date >= ? AND b.billing_date <= ?"
        " GROUP BY i.service_id, s.service_name ORDER BY SUM(i.line_total) DESC, i.service_id" + page,
        (period.first, period.last) + window)
    return Report("Revenue by service", ["Service", "Name", "Quantity", "Revenue"],
                  [[format_code("service", r[0]), r[1], int(r[2]), db.to_money(r[3])] for r in rows], {3})


def doctor_monthly(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    month = db.month_of("a.appt_date")
    _, rows = db.table(
        f"SELECT {month} AS month, a.doctor_id, d.name, COUNT(*) FROM appointments a"
        " JOIN doctors d ON d.doctor_id = a.doctor_id"
        " WHERE a.status IN ('scheduled', 'completed') AND a.appt_date >= ? AND a.appt_date <= ?"
        f" GROUP BY {month}, a.doctor_id, d.name ORDER BY month, COUNT(*) DESC, a.doctor_id" + page,
        (period.first, period.last) + window)
    return Report("Appointments per doctor per month", ["Month", "Doctor", "Name", "Appointments"],
                  [[r[0], format_code("doctor", r[1]), r[2], int(r[3])] for r in rows])


def patient_inflow(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    _, rows = db.table("SELECT admission_date, COUNT(*) FROM patients WHERE admission_date >= ? AND admission_date <= ?"
                       " GROUP BY admission_date ORDER BY admission_date" + page, (period.first, period.last) + window)
    return Report("Daily patient inflow (admissions)", ["Date", "Admissions"],
                  [[db.to_date(r[0]), int(r[1])] for r in rows])


def monthly_revenue(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    page, window = _page(limit, offset)
    """Bills of each month (void ones left out): billed, collected on them so far, outstanding."""
    month = db.month_of("b.billing_date")
    _, rows = db.table(
        f"SELECT {month} AS month, COUNT(*), SUM(b.total_amount), SUM(COALESCE(p.paid, 0)),"
        " SUM(b.total_amount - COALESCE(p.paid, 0)) FROM billing b"
        " LEFT JOIN (SELECT x.bill_id, SUM(x.amount) AS paid FROM payments x JOIN billing y ON y.bill_id = x.bill_id"
        "            WHERE y.billing_date >= ? AND y.billing_date <= ? GROUP BY x.bill_id) p ON p.bill_id = b.bill_id"
        f" WHERE b.status <> 'void' AND b.billing_date >= ? AND b.billing_date <= ? GROUP BY {month} ORDER BY month"
        + page, (period.first, period.last, period.first, period.last) + window)
    return Report("Monthly revenue", ["Month", "Bills", "Billed", "Collected", "Outstanding"],
                  [[r[0], int(r[1]), *(db.to_money(v) for v in r[2:])] for r in rows], {2, 3, 4})


def unpaid(db: Database, period: Period, limit: int | None = None, offset: int = 0) -> Report:
    """Open bills, oldest first."""
    page, window = _page(limit, offset)
    # The paid sum is looked up per open bill (ix_payments_bill), so a page costs a page's work.
    paid = "(SELECT COALESCE(SUM(x.amount), 0) FROM payments x WHERE x.bill_id = b.bill_id)"
    _, rows = db.table(
        f"SELECT b.bill_id, b.patient_id, p.name, b.billing_date, b.total_amount, {paid}, b.total_amount - {paid}"
        " FROM billing b JOIN patients p ON p.patient_id = b.patient_id"
        " WHERE b.status = 'unpaid' AND b.billing_date >= ? AND b.billing_date <= ?"
        " ORDER BY b.billing_date, b.bill_id" + page, (period.first, period.last) + window)
    return unpaid_table([[format_code("bill", r[0]), format_code("patient", r[1]), r[2], db.to_date(r[3]),
                          *(db.to_money(v) for v in r[4:7]), (period.last - db.to_date(r[3])).days] for r in rows])


def unpaid_table(rows: list[list]) -> Report:
    return Report("Unpaid bills", ["Bill", "Patient", "Name", "Billed on", "Total", "Paid", "Balance", "Age (days)"],
                  rows, {4, 5, 6})


def cash_up(db: Database, period: Period) -> Report:
    """One day's collections by method and the total to hand over (the period's last day)."""
    day = period.last
    _, rows = db.table("SELECT method, COUNT(DISTINCT bill_id), COUNT(*), SUM(amount) FROM payments"
                       " WHERE paid_on = ? GROUP BY method ORDER BY method", (day,))
    _, total = db.table("SELECT COUNT(DISTINCT bill_id), COUNT(*), SUM(amount) FROM payments WHERE paid_on = ?", (day,))
    bills, payments, amount = total[0]
    lines = [[r[0], int(r[1]), int(r[2]), db.to_money(r[3])] for r in rows]
    lines.append(["TOTAL to hand over", int(bills), int(payments), db.to_money(amount or 0)])
    return Report(f"Cash-up for {day}", ["Method", "Bills", "Payments", "Amount"], lines, {3})


def kpi(db: Database, period: Period, limit: int | None = None) -> Report:
    """Key figures; `limit` caps the follow-up list (a screen shows the first ones)."""
    visits_row = db.table(
        "SELECT COUNT(*), COUNT(DISTINCT patient_id) FROM appointments"
        " WHERE status = 'completed' AND appt_date >= ? AND appt_date <= ?", (period.first, period.last))[1][0]
    billed = db.to_money(db.scalar("SELECT COALESCE(SUM(total_amount), 0) FROM billing WHERE status <> 'void'"
                                   " AND billing_date >= ? AND billing_date <= ?", (period.first, period.last)))
    visits, patients = int(visits_row[0]), int(visits_row[1])
    top = top_doctors(db, period, limit=1).rows
    rows = [["Completed visits", visits], ["Patients seen", patients],
            ["Total billed", billed],
            ["Average bill per visit", to_money(billed / visits) if visits else "n/a"],
            ["Visits per patient", f"{visits / patients:.2f}" if patients else "n/a"],
            ["Most visited doctor", f"{top[0][0]} {top[0][1]} ({top[0][3]} visits)" if top else "n/a"]]
    monthly = monthly_revenue(db, period)
    monthly.title = "Monthly revenue"
    follow_up = follow_up_patients(db, period, limit)
    return Report(f"Key figures, {period}", ["Measure", "Value"], rows, sections=[monthly, follow_up])


def follow_up_patients(db: Database, period: Period, limit: int | None = None) -> Report:
    _, rows = db.table(
        "SELECT a.patient_id, p.name, COUNT(*), MAX(a.appt_date) FROM appointments a"
        " JOIN patients p ON p.patient_id = a.patient_id"
        " WHERE a.status = 'completed' AND a.appt_date >= ? AND a.appt_date <= ?"
        " GROUP BY a.patient_id, p.name HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, a.patient_id"
        + (" LIMIT ?" if limit is not None else ""),
        (period.first, period.last) + ((limit,) if limit is not None else ()))
    return Report("Patients who need follow-up (more than one visit)", ["Patient", "Name", "Visits", "Last visit"],
                  [[format_code("patient", r[0]), r[1], int(r[2]), db.to_date(r[3])] for r in rows])


REPORTS = {spec.name: spec for spec in [
    ReportSpec("daily-visits", "Daily visits", daily_visits, this_month),
    ReportSpec("top-doctors", "Most consulted doctors", top_doctors, this_month, pageable=False),
    ReportSpec("revenue-by-service", "Revenue by service", revenue_by_service, this_month),
    ReportSpec("doctor-monthly", "Appointments per doctor per month", doctor_monthly, this_month),
    ReportSpec("patient-inflow", "Daily patient inflow", patient_inflow, this_month),
    ReportSpec("monthly-revenue", "Monthly revenue", monthly_revenue, this_month),
    ReportSpec("unpaid", "Unpaid bills", unpaid, all_time),
    ReportSpec("cash-up", "Cash-up of one day", cash_up, one_day, pageable=False),
    ReportSpec("kpi", "Key figures and follow-ups", kpi, this_month, pageable=False),
]}


def run_report(db: Database, name: str, first: date | None, last: date | None, today: date) -> Report:
    spec = REPORTS[name]
    default = spec.default_period(last or today)
    return spec.build(db, Period(first or default.first, last or default.last))


def write_csv(report: Report, path: Path) -> Path:
    """Plain UTF-8 (with a byte-order mark, so spreadsheets read accents right); money as 1234.50."""
    path = writable_file(path)
    with writing(path), open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        for number, table in enumerate([report, *report.sections]):
            if number:
                writer.writerow([])
                writer.writerow([table.title])
            writer.writerow(table.columns)
            writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return path


def _csv_cell(value):
    return "" if value is None else str(value)


