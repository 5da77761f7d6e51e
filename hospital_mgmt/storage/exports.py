"""The read side of the CSV exports: one row per bill or per appointment with the names joined in.
Codes, times and money arrive as finished text built in SQL, so a large export never turns each
value over in Python, and rows come in batches, so memory stays flat however large the table."""
from __future__ import annotations

from collections.abc import Iterator

from ..domain.period import Period
from .bills import balance_sql, bills_with_figures_sql, paid_sql, state_sql
from .database import Database

BILLING_COLUMNS = ["bill", "billing_date", "status", "patient", "patient_name", "appointment", "doctor",
                   "doctor_name", "specialization", "subtotal", "consultation_charges", "discount", "tax",
                   "total_amount", "credited", "paid", "refunded", "balance", "payments", "receipts",
                   "credit_notes", "void_reason"]
APPOINTMENT_COLUMNS = ["appointment", "appt_date", "appt_time", "status", "patient", "patient_name", "doctor",
                       "doctor_name", "specialization", "diagnosis"]
EXPORT_BATCH = 50_000


def billing_sql(db: Database) -> str:
    """One row per bill; `payments` lists every movement of money on it in receipt order (a
    method, `deposit` for a deposit put towards it, `refund cash` for money given back) and
    `receipts` their receipt numbers."""
    m, code = db.money_text_sql, db.code_sql
    refund = db.concat_sql("'refund '", "method")
    movements = ("(SELECT bill_id, receipt_no, payment_id AS seq, method AS what, amount FROM payments"
                 " UNION ALL SELECT bill_id, receipt_no, 0, 'deposit', amount FROM deposit_uses"
                 f" UNION ALL SELECT bill_id, receipt_no, 0, {refund}, amount"
                 " FROM refunds WHERE bill_id IS NOT NULL) mv WHERE mv.bill_id = b.bill_id")
    payments = db.joined_sql(db.concat_sql("mv.what", "' '", m("mv.amount")), movements, "mv.receipt_no, mv.seq")
    receipts = db.joined_sql(code("R", 4, "mv.receipt_no"), movements + " AND mv.receipt_no IS NOT NULL",
                             "mv.receipt_no")
    credits = db.joined_sql(code("C", 3, "cre.credit_id"), "credit_notes cre WHERE cre.bill_id = b.bill_id",
                            "cre.credit_id")
    return (
        f"SELECT {code('B', 3, 'b.bill_id')}, b.billing_date, {state_sql('b')}, b.patient_id, p.name,"
        f" {code('A', 3, 'b.appt_id')}, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization,"
        f" {m('b.subtotal')}, {m('b.consultation_charges')}, {m('b.discount')}, {m('b.tax')},"
        f" {m('b.total_amount')}, {m('b.credited')}, {m(paid_sql('b'))}, {m('b.refunded')}, {m(balance_sql('b'))},"
        f" {payments}, {receipts}, {credits}, b.void_reason"
        f" FROM {bills_with_figures_sql('b.billing_date >= ? AND b.billing_date <= ?')} b"
        f" {db.join_in_order} patients p ON p.patient_id = b.patient_id"
        " LEFT JOIN appointments a ON a.appt_id = b.appt_id LEFT JOIN doctors d ON d.doctor_id = a.doctor_id"
        " ORDER BY b.bill_id")


def appointments_sql(db: Database) -> str:
    code = db.code_sql
    return (f"SELECT {code('A', 3, 'a.appt_id')}, a.appt_date, {db.time_text_sql('a.appt_time')}, a.status,"
            f" a.patient_id, p.name, {code('D', 2, 'a.doctor_id')}, d.name, d.specialization, a.diagnosis"
            f" FROM appointments a {db.join_in_order} patients p ON p.patient_id = a.patient_id"
            f" {db.join_in_order} doctors d ON d.doctor_id = a.doctor_id"
            " WHERE a.appt_date >= ? AND a.appt_date <= ? ORDER BY a.appt_date, a.appt_time, a.appt_id")


EXPORTS = {"billing": (BILLING_COLUMNS, billing_sql), "appointments": (APPOINTMENT_COLUMNS, appointments_sql)}
# The columns that hold what people typed; every other column is a code, date, time or amount built by SQL.
TEXT_COLUMNS = ("patient_name", "doctor_name", "specialization", "diagnosis", "void_reason")


def export_rows(db: Database, what: str, period: Period) -> tuple[list[str], Iterator[list[tuple]]]:
    """The columns of export `what` and its rows of the period, in batches."""
    columns, sql = EXPORTS[what]
    batches = db.stream(sql(db), (period.first, period.last), batch=EXPORT_BATCH)
    next(batches)  # the driver's own column names; the export's are `columns`
    return columns, batches


def text_columns(what: str) -> tuple[str, ...]:
    return tuple(column for column in EXPORTS[what][0] if column in TEXT_COLUMNS)
