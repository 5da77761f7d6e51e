"""Finalized bills: written once in one transaction, then only paid or voided.

Bill numbers come from the `counters` row, raised inside the finalize transaction: a failed or
rolled-back finalize gives its number back, and a second terminal waits for the row lock, so
numbers are strictly increasing without gaps.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.billing import Billing, BillItem, BillStatus, FinalBill, Payment, PaymentMethod
from ..domain.codes import format_code
from ..domain.errors import AppointmentAlreadyBilled, NotFound
from .database import Database, DuplicateKey, placeholders

BILL_COLUMNS = ("b.bill_id, b.patient_id, b.appt_id, b.billing_date, b.consultation_charges, b.subtotal,"
                " b.discount, b.tax, b.total_amount, b.status, b.void_reason, b.tax_rate, b.finalized_at")


def figures_sql(bill_id: str) -> str:
    """SQL for a bill's money figures, by the column holding its key: `received` (payments and
    deposits put towards it), `refunded`, `credited` (credit notes). With balance_sql and
    state_sql, the one definition every query of bills, reports and exports uses."""
    return (f"(SELECT COALESCE(SUM(pay.amount), 0) FROM payments pay WHERE pay.bill_id = {bill_id})"
            f" + (SELECT COALESCE(SUM(dep.amount), 0) FROM deposit_uses dep WHERE dep.bill_id = {bill_id}) AS received,"
            f" (SELECT COALESCE(SUM(ref.amount), 0) FROM refunds ref WHERE ref.bill_id = {bill_id}) AS refunded,"
            f" (SELECT COALESCE(SUM(cre.amount), 0) FROM credit_notes cre WHERE cre.bill_id = {bill_id}) AS credited")


def balance_sql(bill: str) -> str:
    """SQL for what a bill of a table holding figures_sql (alias `bill`) still owes, the rule of
    FinalBill.balance: a void bill owes nothing."""
    return (f"(CASE WHEN {bill}.status = 'void' THEN 0 ELSE {bill}.total_amount - {bill}.credited"
            f" - ({bill}.received - {bill}.refunded) END)")


def paid_sql(bill: str) -> str:
    """What has been paid on the bill and kept: received less refunded (FinalBill.amount_paid)."""
    return f"({bill}.received - {bill}.refunded)"


def state_sql(bill: str) -> str:
    """SQL for the bill's state as people read it, the rule of FinalBill.state."""
    paid = paid_sql(bill)
    return (f"(CASE WHEN {bill}.status = 'void' THEN 'void'"
            f" WHEN {bill}.credited = {bill}.total_amount THEN 'cancelled by credit note'"
            f" WHEN {bill}.refunded > 0 AND {paid} = 0 THEN 'refunded'"
            f" WHEN {bill}.refunded > 0 THEN 'part-refunded'"
            f" WHEN {balance_sql(bill)} = 0 THEN 'paid'"
            f" WHEN {paid} > 0 THEN 'part-paid' ELSE 'unpaid' END)")


FIGURES = figures_sql("b.bill_id")
BILL_FROM = "billing b LEFT JOIN users fu ON fu.user_id = b.finalized_by"
BILL_SELECT = f"SELECT {BILL_COLUMNS}, fu.login AS finalized_by, {FIGURES} FROM {BILL_FROM}"


def bills_with_figures_sql(where: str) -> str:
    """A derived table of the bills that meet `where` (written on alias b), each with its figures.
    `where` is a fixed condition from the calling module; its values are bound."""
    return f"(SELECT {BILL_COLUMNS}, {FIGURES} FROM billing b WHERE {where})"


class BillRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, billing: Billing, day: date, at: datetime | None = None, by: int | None = None) -> FinalBill:
        """Write the bill under the next number, with its items in the order they were entered,
        finalized at `at` by the user `by`. Call inside a unit of work."""
        self.db.execute("UPDATE counters SET last_value = last_value + 1 WHERE name = 'bill'")
        bill_id = self.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'")
        try:
            self.db.execute(
                "INSERT INTO billing (bill_id, patient_id, appt_id, consultation_charges, subtotal, discount, tax,"
                " total_amount, billing_date, status, request_key, tax_rate, finalized_at, finalized_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (bill_id, billing.patient_id, billing.appt_id, billing.consultation_charges, billing.subtotal,
                 billing.discount, billing.tax, billing.total, day, BillStatus.UNPAID.value, billing.request_key,
                 billing.tax_rate, at, by))
        except DuplicateKey as clash:
            if clash.key != "uq_billing_live_appointment" or billing.appt_id is None:
                raise
            other = self.live_bill_for_appointment(billing.appt_id, lock=True)
            raise AppointmentAlreadyBilled(format_code("appointment", billing.appt_id),
                                           format_code("bill", other) if other else "another bill") from None
        self.db.executemany(
            "INSERT INTO bill_items (bill_id, service_id, quantity, unit_price, line_total, line_no)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(bill_id, line.service.service_id, line.quantity, line.unit_price, line.line_total, number)
             for number, line in enumerate(billing.lines, start=1)])
        return self.get(bill_id)

    def get(self, bill_id: int, lock: bool = False) -> FinalBill:
        """The bill with what has been paid on it; with `lock`, held until the unit of work ends."""
        row = self.db.one(f"{BILL_SELECT} WHERE b.bill_id = ?"
                          + (self.db.lock_suffix if lock else ""), (bill_id,))
        if row is None:
            raise NotFound("bill", format_code("bill", bill_id))
        return self._bill(row)

    def items(self, bill_id: int) -> list[BillItem]:
        return self.items_of([bill_id])[bill_id]

    def payments(self, bill_id: int) -> list[Payment]:
        return self.payments_of([bill_id])[bill_id]

    def by_request_key(self, key: str) -> FinalBill | None:
        """The bill a finalize with this request key made, if it was saved."""
        row = self.db.one(f"{BILL_SELECT} WHERE b.request_key = ?", (key,))
        return None if row is None else self._bill(row)

    def add_payment(self, bill_id: int, method: PaymentMethod, amount: Decimal, day: date,
                    status: BillStatus, request_key: str | None = None, *, shift_id: int | None = None,
                    received_by: int | None = None, receipt_no: int | None = None, reference: str = "",
                    tendered: Decimal | None = None, at: datetime | None = None) -> None:
        """Store a payment (in a cashier's shift, when one took it, with its receipt) and the
        bill's status after it. The caller has checked it."""
        self.db.insert("INSERT INTO payments (bill_id, paid_on, method, amount, request_key, shift_id, received_by,"
                       " receipt_no, reference, tendered, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (bill_id, day, method.value, amount, request_key, shift_id, received_by, receipt_no,
                        reference, tendered, at))
        self.set_status(bill_id, status)

    def set_status(self, bill_id: int, status: BillStatus) -> None:
        self.db.execute("UPDATE billing SET status = ? WHERE bill_id = ?", (status.value, bill_id))

    def receipt_by_request_key(self, key: str) -> int | None:
        return self.db.scalar("SELECT receipt_no FROM payments WHERE request_key = ?", (key,))

    def paid_by_request_key(self, key: str) -> int | None:
        """The bill that a payment with this request key went to, if it was saved."""
        return self.db.scalar("SELECT bill_id FROM payments WHERE request_key = ?", (key,))

    def void(self, bill_id: int, reason: str) -> None:
        self.db.execute("UPDATE billing SET status = ?, void_reason = ? WHERE bill_id = ?",
                        (BillStatus.VOID.value, reason, bill_id))

    def record_prints(self, bill_ids: list[int]) -> dict[int, int]:
        """Count a print of each bill's invoice; returns how often each had been printed before."""
        marks = placeholders(bill_ids)
        before = {row[0]: row[1] for row in self.db.table(
            f"SELECT bill_id, print_count FROM billing WHERE bill_id IN ({marks})" + self.db.lock_suffix,
            tuple(bill_ids))[1]}
        missing = [bill_id for bill_id in bill_ids if bill_id not in before]
        if missing:
            raise NotFound("bill", format_code("bill", missing[0]))
        self.db.execute(f"UPDATE billing SET print_count = print_count + 1 WHERE bill_id IN ({marks})",
                        tuple(bill_ids))
        return before

    def get_many(self, bill_ids: list[int]) -> dict[int, FinalBill]:
        rows = self.db.rows(f"{BILL_SELECT} WHERE b.bill_id IN ({placeholders(bill_ids)})", tuple(bill_ids))
        return {row["bill_id"]: self._bill(row) for row in rows}

    def items_of(self, bill_ids: list[int]) -> dict[int, list[BillItem]]:
        rows = self.db.rows(
            "SELECT i.bill_id, i.service_id, s.service_name, i.quantity, i.unit_price, i.line_total FROM bill_items i"
            f" JOIN services s ON s.service_id = i.service_id WHERE i.bill_id IN ({placeholders(bill_ids)})"
            " ORDER BY i.bill_id, i.line_no, i.service_id", tuple(bill_ids))
        items: dict[int, list[BillItem]] = {bill_id: [] for bill_id in bill_ids}
        for row in rows:
            items[row["bill_id"]].append(self._item(row))
        return items

    def payments_of(self, bill_ids: list[int]) -> dict[int, list[Payment]]:
        rows = self.db.rows(f"SELECT bill_id, payment_id, paid_on, method, amount, receipt_no FROM payments"
                            f" WHERE bill_id IN ({placeholders(bill_ids)}) ORDER BY bill_id, payment_id",
                            tuple(bill_ids))
        payments: dict[int, list[Payment]] = {bill_id: [] for bill_id in bill_ids}
        for r in rows:
            payments[r["bill_id"]].append(Payment(r["payment_id"], self.db.to_date(r["paid_on"]),
                                                  PaymentMethod(r["method"]), self.db.to_money(r["amount"]),
                                                  r["receipt_no"]))
        return payments

    def for_patient(self, patient_id: int) -> list[tuple[FinalBill, list[BillItem]]]:
        """Every bill of a patient with its items, from one joined query."""
        rows = self.db.rows(
            f"SELECT {BILL_COLUMNS}, fu.login AS finalized_by, {FIGURES}, i.service_id, s.service_name, i.quantity,"
            f" i.unit_price, i.line_total FROM {BILL_FROM} LEFT JOIN bill_items i ON i.bill_id = b.bill_id"
            " LEFT JOIN services s ON s.service_id = i.service_id"
            " WHERE b.patient_id = ? ORDER BY b.bill_id, i.line_no, i.service_id", (patient_id,))
        bills: dict[int, tuple[FinalBill, list[BillItem]]] = {}
        for row in rows:
            entry = bills.get(row["bill_id"])
            if entry is None:
                entry = bills[row["bill_id"]] = (self._bill(row), [])
            if row["service_id"] is not None:
                entry[1].append(self._item(row))
        return list(bills.values())

    def live_bill_for_appointment(self, appt_id: int, lock: bool = False) -> int | None:
        """The live (not void) bill that already charges this appointment's consultation. With
        `lock` the read is a locking one, which on MySQL sees what other terminals committed."""
        return self.db.scalar("SELECT bill_id FROM billing WHERE live_appt_id = ?"
                              + (self.db.lock_suffix if lock else ""), (appt_id,))

    def ids_between(self, first: date, last: date) -> list[int]:
        _, rows = self.db.table("SELECT bill_id FROM billing WHERE billing_date >= ? AND billing_date <= ?"
                                " ORDER BY bill_id", (first, last))
        return [row[0] for row in rows]

    def latest_for_patient(self, patient_id: int, count: int) -> list[FinalBill]:
        """The patient's last `count` bills, the newest first."""
        rows = self.db.rows(f"{BILL_SELECT} WHERE b.patient_id = ? ORDER BY b.bill_id DESC LIMIT ?",
                            (patient_id, count))
        return [self._bill(row) for row in rows]

    def open_for_patient(self, patient_id: int) -> list[FinalBill]:
        rows = self.db.rows(f"{BILL_SELECT} WHERE b.patient_id = ? AND b.status = 'unpaid' ORDER BY b.bill_id",
                            (patient_id,))
        return [self._bill(row) for row in rows]

    def _bill(self, row) -> FinalBill:
        money = self.db.to_money
        return FinalBill(
            bill_id=row["bill_id"], patient_id=row["patient_id"], appt_id=row["appt_id"],
            billing_date=self.db.to_date(row["billing_date"]),
            consultation_charges=money(row["consultation_charges"]), subtotal=money(row["subtotal"]),
            discount=money(row["discount"]), tax=money(row["tax"]), total_amount=money(row["total_amount"]),
            status=BillStatus(row["status"]), amount_paid=money(row["received"] - row["refunded"]),
            void_reason=row["void_reason"], credited=money(row["credited"]), refunded=money(row["refunded"]),
            tax_rate=money(row["tax_rate"]), finalized_at=self.db.to_datetime(row["finalized_at"]),
            finalized_by=row["finalized_by"] or "")

    def _item(self, row) -> BillItem:
        return BillItem(row["service_id"], row["service_name"], row["quantity"],
                        self.db.to_money(row["unit_price"]), self.db.to_money(row["line_total"]))
