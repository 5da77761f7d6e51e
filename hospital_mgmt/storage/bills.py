"""Finalized bills: written once in one transaction, then only paid or voided.

Bill numbers come from the `counters` row, raised inside the finalize transaction: a failed or
rolled-back finalize gives its number back, and a second terminal waits for the row lock, so
numbers are strictly increasing without gaps.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.billing import Billing, BillStatus, FinalBill, PaymentMethod
from ..domain.codes import format_code
from ..domain.errors import BillError, NotFound
from ..domain.money import ZERO
from .database import Database, DuplicateKey, placeholders

BILL_COLUMNS = ("b.bill_id, b.patient_id, b.appt_id, b.billing_date, b.consultation_charges, b.subtotal,"
                " b.discount, b.tax, b.total_amount, b.status, b.void_reason")
PAID = "(SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.bill_id = b.bill_id)"


@dataclass
class BillLineRow:
    service_id: int
    service_name: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal

    @property
    def service_code(self) -> str:
        return format_code("service", self.service_id)


@dataclass
class Payment:
    payment_id: int
    paid_on: date
    method: PaymentMethod
    amount: Decimal


class BillRepository:
    def __init__(self, db: Database):
        self.db = db

    def finalize(self, billing: Billing, today: date) -> FinalBill:
        """Write the bill and its items at today's prices. Call inside a unit of work."""
        billing.check_ready()
        self._check_prices_unchanged(billing)
        self.db.execute("UPDATE counters SET last_value = last_value + 1 WHERE name = 'bill'")
        bill_id = self.db.scalar("SELECT last_value FROM counters WHERE name = 'bill'")
        try:
            self.db.execute(
                "INSERT INTO billing (bill_id, patient_id, appt_id, consultation_charges, subtotal, discount, tax,"
                " total_amount, billing_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (bill_id, billing.patient_id, billing.appt_id, billing.consultation_charges, billing.subtotal,
                 billing.discount, billing.tax, billing.total, today, BillStatus.UNPAID.value))
        except DuplicateKey:
            other = self.bill_for_appointment(billing.appt_id)
            raise BillError(f"{format_code('appointment', billing.appt_id)} is already on bill "
                            f"{format_code('bill', other)}") from None
        self.db.executemany(
            "INSERT INTO bill_items (bill_id, service_id, quantity, unit_price, line_total) VALUES (?, ?, ?, ?, ?)",
            [(bill_id, line.service.service_id, line.quantity, line.unit_price, line.line_total)
             for line in billing.lines])
        return self.get(bill_id)

    def _check_prices_unchanged(self, billing: Billing) -> None:
        """Items are billed at today's price; if it moved while the bill was built, say so."""
        if not billing.lines:
            return
        ids = [line.service.service_id for line in billing.lines]
        marks = ", ".join("?" for _ in ids)
        current = {row["service_id"]: self.db.to_money(row["cost"]) for row in self.db.rows(
            f"SELECT service_id, cost FROM services WHERE service_id IN ({marks})", tuple(ids))}
        changed = []
        for line in billing.lines:
            price = current.get(line.service.service_id)
            if price is None:
                raise BillError(f"service {line.service.code} was removed from the price list; remove it from the bill")
            if price != line.unit_price:
                changed.append(f"{line.service.code} is now {price}")
                line.service.cost = price
        if changed:
            raise BillError(f"prices changed while the bill was open ({'; '.join(changed)}); "
                            "the bill now shows today's prices: check it and finalize again")

    def get(self, bill_id: int, lock: bool = False) -> FinalBill:
        row = self.db.one(f"SELECT {BILL_COLUMNS}, {PAID} AS paid FROM billing b WHERE b.bill_id = ?"
                          + (self.db.lock_suffix if lock else ""), (bill_id,))
        if row is None:
            raise NotFound("bill", format_code("bill", bill_id))
        return self._bill(row)

    def lines(self, bill_id: int) -> list[BillLineRow]:
        return self.lines_of([bill_id])[bill_id]

    def payments(self, bill_id: int) -> list[Payment]:
        return self.payments_of([bill_id])[bill_id]

    def add_payment(self, bill_id: int, method: PaymentMethod, amount: Decimal, today: date) -> FinalBill:
        """Record a payment; refuses more than the balance. Call inside a unit of work."""
        bill = self.get(bill_id, lock=True)
        bill.check_payment(amount)
        self.db.insert("INSERT INTO payments (bill_id, paid_on, method, amount) VALUES (?, ?, ?, ?)",
                       (bill_id, today, method.value, amount))
        self.db.execute("UPDATE billing SET status = ? WHERE bill_id = ?",
                        (bill.status_after_payment(amount).value, bill_id))
        return self.get(bill_id)

    def void(self, bill_id: int, reason: str) -> FinalBill:
        bill = self.get(bill_id, lock=True)
        bill.check_void()
        self.db.execute("UPDATE billing SET status = ?, void_reason = ? WHERE bill_id = ?",
                        (BillStatus.VOID.value, reason, bill_id))
        return self.get(bill_id)

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
        rows = self.db.rows(f"SELECT {BILL_COLUMNS}, {PAID} AS paid FROM billing b"
                            f" WHERE b.bill_id IN ({placeholders(bill_ids)})", tuple(bill_ids))
        return {row["bill_id"]: self._bill(row) for row in rows}

    def lines_of(self, bill_ids: list[int]) -> dict[int, list[BillLineRow]]:
        rows = self.db.rows(
            "SELECT i.bill_id, i.service_id, s.service_name, i.quantity, i.unit_price, i.line_total FROM bill_items i"
            f" JOIN services s ON s.service_id = i.service_id WHERE i.bill_id IN ({placeholders(bill_ids)})"
            " ORDER BY i.bill_id, i.service_id", tuple(bill_ids))
        lines: dict[int, list[BillLineRow]] = {bill_id: [] for bill_id in bill_ids}
        for row in rows:
            lines[row["bill_id"]].append(self._line(row))
        return lines

    def payments_of(self, bill_ids: list[int]) -> dict[int, list[Payment]]:
        rows = self.db.rows(f"SELECT bill_id, payment_id, paid_on, method, amount FROM payments"
                            f" WHERE bill_id IN ({placeholders(bill_ids)}) ORDER BY bill_id, payment_id",
                            tuple(bill_ids))
        payments: dict[int, list[Payment]] = {bill_id: [] for bill_id in bill_ids}
        for r in rows:
            payments[r["bill_id"]].append(Payment(r["payment_id"], self.db.to_date(r["paid_on"]),
                                                  PaymentMethod(r["method"]), self.db.to_money(r["amount"])))
        return payments

    def for_patient(self, patient_id: int) -> list[tuple[FinalBill, list[BillLineRow]]]:
        """Every bill of a patient with its lines, from one joined query."""
        rows = self.db.rows(
            f"SELECT {BILL_COLUMNS}, {PAID} AS paid, i.service_id, s.service_name, i.quantity, i.unit_price,"
            " i.line_total FROM billing b LEFT JOIN bill_items i ON i.bill_id = b.bill_id"
            " LEFT JOIN services s ON s.service_id = i.service_id"
            " WHERE b.patient_id = ? ORDER BY b.bill_id, i.service_id", (patient_id,))
        bills: dict[int, tuple[FinalBill, list[BillLineRow]]] = {}
        for row in rows:
            entry = bills.get(row["bill_id"])
            if entry is None:
                entry = bills[row["bill_id"]] = (self._bill(row), [])
            if row["service_id"] is not None:
                entry[1].append(self._line(row))
        return list(bills.values())

    def bill_for_appointment(self, appt_id: int) -> int | None:
        """The live (not void) bill that already charges this appointment's consultation."""
        return self.db.scalar("SELECT bill_id FROM billing WHERE appt_id = ? AND status <> 'void'", (appt_id,))

    def ids_between(self, first: date, last: date) -> list[int]:
        _, rows = self.db.table("SELECT bill_id FROM billing WHERE billing_date >= ? AND billing_date <= ?"
                                " ORDER BY bill_id", (first, last))
        return [row[0] for row in rows]

    def open_for_patient(self, patient_id: int) -> list[FinalBill]:
        rows = self.db.rows(f"SELECT {BILL_COLUMNS}, {PAID} AS paid FROM billing b"
                            " WHERE b.patient_id = ? AND b.status = 'unpaid' ORDER BY b.bill_id", (patient_id,))
        return [self._bill(row) for row in rows]

    def _bill(self, row) -> FinalBill:
        money = self.db.to_money
        return FinalBill(
            bill_id=row["bill_id"], patient_id=row["patient_id"], appt_id=row["appt_id"],
            billing_date=self.db.to_date(row["billing_date"]),
            consultation_charges=money(row["consultation_charges"]), subtotal=money(row["subtotal"]),
            discount=money(row["discount"]), tax=money(row["tax"]), total_amount=money(row["total_amount"]),
            status=BillStatus(row["status"]), amount_paid=money(row["paid"]) or ZERO, void_reason=row["void_reason"])

    def _line(self, row) -> BillLineRow:
        return BillLineRow(row["service_id"], row["service_name"], row["quantity"],
                           self.db.to_money(row["unit_price"]), self.db.to_money(row["line_total"]))
