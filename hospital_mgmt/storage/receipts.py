"""Receipts, deposits, refunds and credit notes: the money that moves at the counter besides a
bill's own payments (payments live with their bills, storage/bills.py).

Receipt and credit note numbers come from their `counters` rows, raised inside the transaction
that moves the money, as bill numbers are: a rolled-back movement gives its number back, so the
numbers have no gaps."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ..domain.errors import NotFound
from ..domain.money import ZERO
from ..domain.receipt import CreditLine, CreditNote, Receipt, ReceiptKind, credit_code, receipt_code
from .database import Database, placeholders

# Where each kind of receipt keeps its movement: (table, the columns read as the receipt's fields).
MOVEMENTS = {
    ReceiptKind.PAYMENT: (
        "payments m ON m.receipt_no = r.receipt_no JOIN billing mb ON mb.bill_id = m.bill_id",
        "mb.patient_id, m.bill_id, NULL AS credit_id, m.method, m.amount, m.reference, m.tendered, '' AS reason"),
    ReceiptKind.DEPOSIT: (
        "deposits m ON m.receipt_no = r.receipt_no",
        "m.patient_id, NULL AS bill_id, NULL AS credit_id, m.method, m.amount, m.reference, m.tendered,"
        " '' AS reason"),
    ReceiptKind.APPLIED: (
        "deposit_uses m ON m.receipt_no = r.receipt_no",
        "m.patient_id, m.bill_id, NULL AS credit_id, 'deposit' AS method, m.amount, '' AS reference,"
        " NULL AS tendered, '' AS reason"),
    ReceiptKind.REFUND: (
        "refunds m ON m.receipt_no = r.receipt_no",
        "m.patient_id, m.bill_id, m.credit_id, m.method, m.amount, m.reference, NULL AS tendered, m.reason"),
}


def next_number(db: Database, counter: str) -> int:
    """Raise the counter and read it, inside the caller's transaction (the row stays locked)."""
    db.execute("UPDATE counters SET last_value = last_value + 1 WHERE name = ?", (counter,))
    return int(db.scalar("SELECT last_value FROM counters WHERE name = ?", (counter,)))


class ReceiptRepository:
    def __init__(self, db: Database):
        self.db = db

    def issue(self, kind: ReceiptKind, at: datetime, balance_after: Decimal | None) -> int:
        """The next receipt number, for a movement written in the same transaction."""
        number = next_number(self.db, "receipt")
        self.db.execute("INSERT INTO receipts (receipt_no, kind, issued_at, balance_after) VALUES (?, ?, ?, ?)",
                        (number, kind.value, at, balance_after))
        return number

    def get(self, receipt_no: int) -> Receipt:
        found = self.get_many([receipt_no])
        if receipt_no not in found:
            raise NotFound("receipt", receipt_code(receipt_no))
        return found[receipt_no]

    def get_many(self, numbers: list[int]) -> dict[int, Receipt]:
        if not numbers:
            return {}
        marks = placeholders(numbers)
        kinds = {row[0]: ReceiptKind(row[1]) for row in self.db.table(
            f"SELECT receipt_no, kind FROM receipts WHERE receipt_no IN ({marks})", tuple(numbers))[1]}
        receipts: dict[int, Receipt] = {}
        for kind in set(kinds.values()):
            wanted = [number for number, of in kinds.items() if of is kind]
            source, columns = MOVEMENTS[kind]
            for row in self.db.rows(
                    f"SELECT r.receipt_no, r.issued_at, r.balance_after, r.print_count, {columns}, u.login"
                    f" FROM receipts r JOIN {source}"
                    f" LEFT JOIN users u ON u.user_id = m.{_user_column(kind)}"
                    f" WHERE r.receipt_no IN ({placeholders(wanted)})", tuple(wanted)):
                receipts[row["receipt_no"]] = self._receipt(kind, row)
        return receipts

    def for_bill(self, bill_id: int) -> list[Receipt]:
        """Every receipt of money that moved for the bill, in the order given."""
        _, rows = self.db.table(
            "SELECT receipt_no FROM payments WHERE bill_id = ? AND receipt_no IS NOT NULL"
            " UNION ALL SELECT receipt_no FROM deposit_uses WHERE bill_id = ?"
            " UNION ALL SELECT receipt_no FROM refunds WHERE bill_id = ?", (bill_id, bill_id, bill_id))
        numbers = sorted(row[0] for row in rows)
        found = self.get_many(numbers)
        return [found[number] for number in numbers]

    def record_print(self, receipt_no: int) -> int:
        """Count a print of the receipt; how often it had been printed before."""
        before = self.db.scalar("SELECT print_count FROM receipts WHERE receipt_no = ?" + self.db.lock_suffix,
                                (receipt_no,))
        if before is None:
            raise NotFound("receipt", receipt_code(receipt_no))
        self.db.execute("UPDATE receipts SET print_count = print_count + 1 WHERE receipt_no = ?", (receipt_no,))
        return int(before)

    def _receipt(self, kind: ReceiptKind, row) -> Receipt:
        money = self.db.to_money
        return Receipt(row["receipt_no"], kind, self.db.to_datetime(row["issued_at"]), row["patient_id"],
                       money(row["amount"]), row["method"], money(row["balance_after"]), row["reference"] or "",
                       money(row["tendered"]), row["bill_id"], row["credit_id"], row["login"] or "", row["reason"],
                       row["print_count"])


def _user_column(kind: ReceiptKind) -> str:
    return {ReceiptKind.PAYMENT: "received_by", ReceiptKind.DEPOSIT: "received_by", ReceiptKind.APPLIED: "used_by",
            ReceiptKind.REFUND: "refunded_by"}[kind]


class DepositRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, patient_id: int, receipt_no: int, at: datetime, method: str, amount: Decimal, reference: str,
            tendered: Decimal | None, shift_id: int | None, user_id: int | None, request_key: str) -> None:
        self.db.insert("INSERT INTO deposits (patient_id, receipt_no, received_on, received_at, method, amount,"
                       " reference, tendered, shift_id, received_by, request_key)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (patient_id, receipt_no, at.date(), at, method, amount, reference, tendered, shift_id,
                        user_id, request_key))

    def use(self, patient_id: int, bill_id: int, receipt_no: int, at: datetime, amount: Decimal,
            user_id: int | None, request_key: str) -> None:
        self.db.insert("INSERT INTO deposit_uses (patient_id, bill_id, receipt_no, used_on, used_at, amount, used_by,"
                       " request_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (patient_id, bill_id, receipt_no, at.date(), at, amount, user_id, request_key))

    def held(self, patient_id: int) -> Decimal:
        """What the patient holds: left in, less put towards bills, less refunded."""
        return self.db.to_money(self.db.scalar(
            "SELECT (SELECT COALESCE(SUM(amount), 0) FROM deposits WHERE patient_id = ?)"
            " - (SELECT COALESCE(SUM(amount), 0) FROM deposit_uses WHERE patient_id = ?)"
            " - (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE patient_id = ? AND bill_id IS NULL)",
            (patient_id, patient_id, patient_id))) or ZERO

    def receipt_by_request_key(self, key: str) -> int | None:
        """The receipt of a deposit, or a deposit's use, that a request with this key made."""
        return self.db.scalar("SELECT receipt_no FROM deposits WHERE request_key = ? UNION ALL"
                              " SELECT receipt_no FROM deposit_uses WHERE request_key = ?", (key, key))


class RefundRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, patient_id: int, receipt_no: int, at: datetime, method: str, amount: Decimal, reason: str, *,
            bill_id: int | None = None, credit_id: int | None = None, reference: str = "",
            shift_id: int | None = None, user_id: int | None = None, approved_by: int | None = None,
            request_key: str | None = None) -> None:
        self.db.insert("INSERT INTO refunds (patient_id, bill_id, credit_id, receipt_no, refunded_on, refunded_at,"
                       " method, amount, reference, reason, shift_id, refunded_by, approved_by, request_key)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (patient_id, bill_id, credit_id, receipt_no, at.date(), at, method, amount, reference, reason,
                        shift_id, user_id, approved_by, request_key))

    def receipt_by_request_key(self, key: str) -> int | None:
        return self.db.scalar("SELECT receipt_no FROM refunds WHERE request_key = ?", (key,))


class CreditNoteRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, bill_id: int, on: date, at: datetime, amount: Decimal, whole_bill: bool, reason: str,
            lines: list[CreditLine], issued_by: int | None, approved_by: int | None, request_key: str) -> int:
        credit_id = next_number(self.db, "credit")
        self.db.execute("INSERT INTO credit_notes (credit_id, bill_id, issued_on, issued_at, amount, whole_bill,"
                        " reason, issued_by, approved_by, request_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (credit_id, bill_id, on, at, amount, int(whole_bill), reason, issued_by, approved_by,
                         request_key))
        if lines:
            self.db.executemany("INSERT INTO credit_note_items (credit_id, service_id, quantity, amount)"
                                " VALUES (?, ?, ?, ?)",
                                [(credit_id, line.service_id, line.quantity, line.amount) for line in lines])
        return credit_id

    def credited_quantities(self, bill_id: int) -> dict[int, int]:
        _, rows = self.db.table("SELECT i.service_id, SUM(i.quantity) FROM credit_note_items i"
                                " JOIN credit_notes c ON c.credit_id = i.credit_id WHERE c.bill_id = ?"
                                " GROUP BY i.service_id", (bill_id,))
        return {service_id: int(quantity) for service_id, quantity in rows}

    def get(self, credit_id: int) -> CreditNote:
        notes = self._notes("c.credit_id = ?", (credit_id,))
        if not notes:
            raise NotFound("credit note", credit_code(credit_id))
        return notes[0]

    def for_bill(self, bill_id: int) -> list[CreditNote]:
        return self._notes("c.bill_id = ?", (bill_id,))

    def by_request_key(self, key: str) -> CreditNote | None:
        notes = self._notes("c.request_key = ?", (key,))
        return notes[0] if notes else None

    def record_print(self, credit_id: int) -> int:
        before = self.db.scalar("SELECT print_count FROM credit_notes WHERE credit_id = ?" + self.db.lock_suffix,
                                (credit_id,))
        if before is None:
            raise NotFound("credit note", credit_code(credit_id))
        self.db.execute("UPDATE credit_notes SET print_count = print_count + 1 WHERE credit_id = ?", (credit_id,))
        return int(before)

    def _notes(self, where: str, params: tuple) -> list[CreditNote]:
        # `where` is a fixed condition of this module; its values are bound
        rows = self.db.rows(
            "SELECT c.credit_id, c.bill_id, c.issued_on, c.issued_at, c.amount, c.whole_bill, c.reason, c.print_count,"
            " iu.login AS issued_by, au.login AS approved_by, r.receipt_no AS refund_receipt FROM credit_notes c"
            " LEFT JOIN users iu ON iu.user_id = c.issued_by LEFT JOIN users au ON au.user_id = c.approved_by"
            f" LEFT JOIN refunds r ON r.credit_id = c.credit_id WHERE {where} ORDER BY c.credit_id", params)
        notes = [CreditNote(row["credit_id"], row["bill_id"], self.db.to_date(row["issued_on"]),
                            self.db.to_datetime(row["issued_at"]), self.db.to_money(row["amount"]),
                            bool(row["whole_bill"]), row["reason"], row["issued_by"] or "", row["approved_by"] or "",
                            print_count=row["print_count"]) for row in rows]
        if notes:
            ids = [note.credit_id for note in notes]
            lines: dict[int, list[CreditLine]] = {credit_id: [] for credit_id in ids}
            for credit_id, service_id, quantity, amount in self.db.table(
                    f"SELECT credit_id, service_id, quantity, amount FROM credit_note_items"
                    f" WHERE credit_id IN ({placeholders(ids)}) ORDER BY credit_id, service_id", tuple(ids))[1]:
                lines[credit_id].append(CreditLine(service_id, int(quantity), self.db.to_money(amount)))
            refunds = ReceiptRepository(self.db).get_many([row["refund_receipt"] for row in rows
                                                           if row["refund_receipt"] is not None])
            for note, row in zip(notes, rows, strict=True):
                note.lines = lines[note.credit_id]
                note.refund = refunds.get(row["refund_receipt"]) if row["refund_receipt"] else None
        return notes
