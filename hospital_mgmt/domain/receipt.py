"""Receipts: every movement of money at the counter has one, numbered without gaps (R0001): a
payment of a bill, a deposit, a deposit put towards a bill, a refund. And credit notes (C001),
which correct a bill that took payments, for the whole bill or some of its lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from .billing import BillItem, FinalBill, PaymentMethod
from .codes import format_code
from .errors import InvalidField, InvalidQuantity, ServiceNotOnBill
from .money import ZERO, parse_money, to_money
from .validation import validate_free_text

REFERENCE_MAX = 60
REASON_MAX = 200


class ReceiptKind(StrEnum):
    PAYMENT = "payment"
    DEPOSIT = "deposit"
    APPLIED = "applied"  # part of a deposit put towards a bill
    REFUND = "refund"

    @property
    def heading(self) -> str:
        return {"payment": "RECEIPT", "deposit": "DEPOSIT RECEIPT", "applied": "RECEIPT - PAID FROM DEPOSIT",
                "refund": "REFUND RECEIPT"}[self.value]


@dataclass
class Receipt:
    receipt_no: int
    kind: ReceiptKind
    issued_at: datetime
    patient_id: int
    amount: Decimal
    method: str  # a PaymentMethod's value, or "deposit" for money put towards a bill from one
    balance_after: Decimal | None = None  # the bill's balance, or the deposit held, once it moved
    reference: str = ""
    tendered: Decimal | None = None
    bill_id: int | None = None
    credit_id: int | None = None
    cashier: str = ""
    reason: str = ""
    print_count: int = 0

    @property
    def code(self) -> str:
        return receipt_code(self.receipt_no)

    @property
    def change(self) -> Decimal | None:
        """The change handed back from the cash tendered."""
        return None if self.tendered is None else self.tendered - self.amount

    @property
    def method_label(self) -> str:
        return "Deposit" if self.method == "deposit" else PaymentMethod(self.method).label


def receipt_code(receipt_no: int) -> str:
    return format_code("receipt", receipt_no)


def credit_code(credit_id: int) -> str:
    return format_code("credit", credit_id)


def validate_reference(method: PaymentMethod, text) -> str:
    """Card, UPI and insurance payments name their transaction or claim; cash has none."""
    if method is PaymentMethod.CASH:
        return ""
    if not str(text or "").strip():
        raise InvalidField("reference", f"a {method.label} payment needs its reference (transaction or claim number)")
    return validate_free_text(text, "reference", REFERENCE_MAX)


def validate_tendered(amount: Decimal, tendered) -> Decimal:
    """The cash handed over: at least the amount."""
    given = parse_money(tendered, "cash tendered")
    if given < amount:
        raise InvalidField("cash tendered", f"{given} is less than the amount ({amount})")
    return given


def validate_reason(text) -> str:
    return validate_free_text(text, "reason", REASON_MAX)


@dataclass(frozen=True)
class CreditLine:
    service_id: int
    quantity: int
    amount: Decimal

    @property
    def service_code(self) -> str:
        return format_code("service", self.service_id)


@dataclass
class CreditNote:
    credit_id: int
    bill_id: int
    issued_on: date
    issued_at: datetime
    amount: Decimal
    whole_bill: bool
    reason: str
    issued_by: str = ""
    approved_by: str = ""
    lines: list[CreditLine] = field(default_factory=list)
    refund: Receipt | None = None
    print_count: int = 0

    @property
    def code(self) -> str:
        return credit_code(self.credit_id)


def credit_for_lines(bill: FinalBill, items: list[BillItem], credited: dict[int, int],
                     chosen: dict[int, int]) -> list[CreditLine]:
    """The credit for some quantity of some lines: each line's share of what the bill comes to,
    so the discount and the tax the line carried come back with it. `credited` holds the
    quantities earlier credit notes took; no more than is left of a line can be credited."""
    share = _share(bill)
    billed = {item.service_id: item for item in items}
    lines = []
    for service_id, quantity in chosen.items():
        item = billed.get(service_id)
        if item is None:
            raise ServiceNotOnBill(format_code("service", service_id))
        left = item.quantity - credited.get(service_id, 0)
        if not 1 <= quantity <= left:
            raise InvalidQuantity(f"{item.service_code}: {left} left to credit, not {quantity}")
        lines.append(CreditLine(service_id, quantity, to_money(item.unit_price * quantity * share)))
    return lines


def credit_for_whole_bill(bill: FinalBill, items: list[BillItem], credited: dict[int, int]) -> list[CreditLine]:
    """Every line still uncredited, at its share of the bill; the note itself is for all that is
    left of the bill (the consultation fee included)."""
    share = _share(bill)
    return [CreditLine(item.service_id, item.quantity - credited.get(item.service_id, 0),
                       to_money(item.unit_price * (item.quantity - credited.get(item.service_id, 0)) * share))
            for item in items if item.quantity > credited.get(item.service_id, 0)]


def _share(bill: FinalBill) -> Decimal:
    """What each rupee of the price list came to on this bill, its discount and tax included."""
    gross = bill.subtotal + bill.consultation_charges
    return bill.total_amount / gross if gross else ZERO


def credit_amount(bill: FinalBill, lines: list[CreditLine], whole_bill: bool) -> Decimal:
    """What the note credits: all that is left of the bill, or its lines (never past what is left)."""
    if whole_bill:
        return bill.payable
    return min(sum((line.amount for line in lines), ZERO), bill.payable)
