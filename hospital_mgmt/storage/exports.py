"""The read side of the CSV exports: one row per bill or per appointment with the names joined in.
Codes, times and money arrive as finished text built in SQL, so a large export never turns each
value over in Python, and rows come in batches, so memory stays flat however large the table."""
from __future__ import annotations

from collections.abc import Iterator

from ..domain.period import Period
from .bills import balance_sql, bills_with_paid_sql
from .database import Database

BILLING_COLUMNS = ["bill", "billing_date", "status", "patient", "patient_name", "appointment", "doctor",
                   "doctor_name", "specialization", "subtotal", "consultation_charges", "discount", "tax",
                   "total_amount", "paid", "balance"]
APPOINTMENT_COLUMNS = ["appointment", "appt_date", "appt_time", "status", "patient", "patient_name", "doctor",
                       "doctor_name", "specialization", "diagnosis"]
EXPORT_BATCH = 50_000


def billing_sql(db: Database) -> str:
    m, code = db.money_text_sql, db.code_sql
    balance = balance_sql("b.status", "b.total_amount", "b.paid")
    return (
        f"SELECT {code('B', 3, 'b.bill_id')}, b.billing_date, b.status, b.patient_id, p.name,"
        f" {code('A', 3, 'b.appt_id')}, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization,"
        f" {m('b.subtotal')}, {m('b.consultation_charges')}, {m('b.discount')}, {m('b.tax')},"
        f" {m('b.total_amount')}, {m('b.paid')}, {m(balance)}"
        f" FROM {bills_with_paid_sql('b.billing_date >= ? AND b.billing_date <= ?')} b"
        " JOIN patients p ON p.patient_id = b.patient_id"
        " LEFT JOIN appointments a ON a.appt_id = b.appt_id LEFT JOIN doctors d ON d.doctor_id = a.doctor_id"
        " ORDER BY b.bill_id")


def appointments_sql(db: Database) -> str:
    code = db.code_sql
    return (f"SELECT {code('A', 3, 'a.appt_id')}, a.appt_date, {db.time_text_sql('a.appt_time')}, a.status,"
            f" a.patient_id, p.name, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization, a.diagnosis"
            " FROM appointments a JOIN patients p ON p.patient_id = a.patient_id"
            " JOIN doctors d ON d.doctor_id = a.doctor_id"
            " WHERE a.appt_date >= ? AND a.appt_date <= ? ORDER BY a.appt_date, a.appt_time, a.appt_id")


EXPORTS = {"billing": (BILLING_COLUMNS, billing_sql), "appointments": (APPOINTMENT_COLUMNS, appointments_sql)}
# The columns that hold what people typed; every other column is a code, date, time or amount built by SQL.
TEXT_COLUMNS = ("patient_name", "doctor_name", "specialization", "diagnosis")


def export_rows(db: Database, what: str, period: Period) -> tuple[list[str], Iterator[list[tuple]]]:
    """The columns of export `what` and its rows of the period, in batches."""
    columns, sql = EXPORTS[what]
    batches = db.stream(sql(db), (period.first, period.last), batch=EXPORT_BATCH)
    next(batches)  # the driver's own column names; the export's are `columns`
    return columns, batches


def text_columns(what: str) -> tuple[str, ...]:
    return tuple(column for column in EXPORTS[what][0] if column in TEXT_COLUMNS)
